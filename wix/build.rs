//! The build script: makes the user guide from the README (every target), and embeds the app's
//! icon and version information in the Windows executable (Explorer's properties, the taskbar,
//! Add/Remove Programs).

mod guide;

fn main() {
    write_user_guide();
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

/// Writes `user-guide.html` into the build's output folder, where the program embeds it from
/// and `wix/build-windows.sh` copies it beside the executable for the MSI.
fn write_user_guide() {
    println!("cargo::rerun-if-changed=README.md");
    println!("cargo::rerun-if-changed=wix/guide.rs");
    let readme = std::fs::read_to_string("README.md").expect("the README is beside Cargo.toml");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(
        out.join("user-guide.html"),
        guide::user_guide(&readme, &version),
    )
    .expect("the build's output folder can be written");
}
