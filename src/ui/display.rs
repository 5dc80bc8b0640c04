//! Whether there is a display to open the window on. winit panics when it cannot reach one
//! (and a release build then aborts with no word): the cause found when the app, started under
//! Xvfb before the display was up, ended without a window. Checked first, by connecting to a
//! local X display, with a short wait for one that is still starting (an app started with the
//! session), and said in words.

/// How long to wait for a local X display that is still starting.
#[cfg(all(unix, not(target_os = "macos")))]
const DISPLAY_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Why no window can be opened here, if none can; waits briefly for a starting X display.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn display_problem() -> Option<String> {
    if std::env::var_os("WAYLAND_DISPLAY").is_some() {
        return None;
    }
    let Some(display) = std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) else {
        return Some(
            "there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set); the command \
             line works without one"
                .into(),
        );
    };
    let Some(socket) = local_x_socket(&display) else {
        return None; // A remote or unusual display: let the windowing library try it.
    };
    let started = std::time::Instant::now();
    // Connecting, not just finding the socket file: a server still starting has made the file
    // before it listens, and winit fails on a display that refuses the connection.
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        if started.elapsed() > DISPLAY_WAIT {
            return Some(format!(
                "the display {display} is not running (waited {} seconds for it)",
                DISPLAY_WAIT.as_secs()
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    None
}

/// Windows and macOS always have a display for a signed-in user.
#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn display_problem() -> Option<String> {
    None
}

/// The socket of a local X display such as `:0` or `:1.0`.
#[cfg(all(unix, not(target_os = "macos")))]
fn local_x_socket(display: &str) -> Option<std::path::PathBuf> {
    let number = display.strip_prefix(':')?.split('.').next()?;
    number.parse::<u32>().ok()?;
    Some(std::path::PathBuf::from(format!(
        "/tmp/.X11-unix/X{number}"
    )))
}

#[cfg(all(test, unix, not(target_os = "macos")))]
mod tests {
    use super::*;

    #[test]
    fn a_local_display_is_its_socket_and_others_are_left_to_winit() {
        assert_eq!(local_x_socket(":0"), Some("/tmp/.X11-unix/X0".into()));
        assert_eq!(local_x_socket(":91.0"), Some("/tmp/.X11-unix/X91".into()));
        assert_eq!(local_x_socket("server:0"), None);
        assert_eq!(local_x_socket(":x"), None);
    }
}
