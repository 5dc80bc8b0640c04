//! The display to open the window on. winit panics when it cannot reach one, and a release
//! build then aborts with no word: the start-up abort seen under Xvfb. An X server resets
//! itself each time its last client leaves, and a connection made during a reset fails; a
//! probe that connects and leaves (as `xdpyinfo` does while a display starts) causes exactly
//! that. So the app makes its own X connection first, retrying while the display starts, and
//! holds it for as long as the window is open: the server never resets under winit.

/// How long to wait for an X display that is still starting (an app started with the session).
#[cfg(all(unix, not(target_os = "macos")))]
const DISPLAY_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// A connection to the display, held while the window is open; empty where none is needed.
pub struct DisplayHold {
    #[cfg(all(unix, not(target_os = "macos")))]
    _connection: Option<x11rb::rust_connection::RustConnection>,
}

/// Connects to the display the window will open on, or says in words why there is none.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn hold_display() -> Result<DisplayHold, String> {
    if std::env::var_os("WAYLAND_DISPLAY").is_some() {
        return Ok(DisplayHold { _connection: None });
    }
    let display = std::env::var("DISPLAY").unwrap_or_default();
    if display.is_empty() {
        return Err(
            "there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set); \
             the command line works without one"
                .into(),
        );
    }
    let started = std::time::Instant::now();
    loop {
        match x11rb::rust_connection::RustConnection::connect(None) {
            Ok((connection, _screen)) => {
                return Ok(DisplayHold {
                    _connection: Some(connection),
                });
            }
            Err(error) if started.elapsed() > DISPLAY_WAIT => {
                return Err(format!(
                    "the display {display} could not be reached in {} seconds ({error})",
                    DISPLAY_WAIT.as_secs()
                ));
            }
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
    }
}

/// Windows and macOS always have a display for a signed-in user.
#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn hold_display() -> Result<DisplayHold, String> {
    Ok(DisplayHold {})
}
