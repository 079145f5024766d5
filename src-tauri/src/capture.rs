//! Screen capture for "Scan screen": every monitor, through `xcap` (X11, and
//! on Wayland what the compositor's portal allows).

use image::DynamicImage;

use crate::error::{ErrorKind, IpcError};

/// One image per monitor.
pub fn all_monitors() -> Result<Vec<DynamicImage>, IpcError> {
    let monitors = xcap::Monitor::all().map_err(denied)?;
    if monitors.is_empty() {
        return Err(IpcError::new(
            ErrorKind::Capture,
            "no screen to capture was found",
        ));
    }
    monitors
        .iter()
        .map(|monitor| {
            monitor
                .capture_image()
                .map(DynamicImage::ImageRgba8)
                .map_err(denied)
        })
        .collect()
}

fn denied(error: xcap::XCapError) -> IpcError {
    let wayland = std::env::var_os("WAYLAND_DISPLAY").is_some();
    let hint = if wayland {
        "On Wayland, the desktop must allow screen capture: accept the screen-sharing prompt, or take a screenshot and use Open image… or Paste instead."
    } else {
        "Take a screenshot and use Open image… or Paste instead."
    };
    IpcError::new(
        ErrorKind::Capture,
        format!("The screen could not be captured ({error}). {hint}"),
    )
}
