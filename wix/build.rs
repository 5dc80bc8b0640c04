//! Embeds the app's icon and version information in the Windows executable (Explorer's
//! properties, the taskbar, Add/Remove Programs). Nothing to do for other targets.

fn main() {
    println!("cargo::rerun-if-changed=assets/esafety-desk.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/esafety-desk.ico")
        .set("ProductName", "E-Safety Desk")
        .set("FileDescription", "E-Safety Desk")
        .set("CompanyName", "E-Safety Desk")
        .set("LegalCopyright", "MIT licence");
    if let Err(error) = resource.compile() {
        // A release without its icon is still a working app; say so loudly instead of failing.
        println!(
            "cargo::warning=the Windows icon and version information were not embedded: {error}"
        );
    }
}
