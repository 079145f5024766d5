//! Screen capture for "Scan screen" (the app) and `twofold scan --screen` (the
//! CLI): one image per screen, by the first way the desktop offers.
//!
//! - Wayland: wlr-screencopy where the compositor offers it (wlroots: sway,
//!   Hyprland; no prompt), else the Screenshot portal (GNOME, KDE: the desktop
//!   asks the user the first time). X11's capture would only see XWayland's
//!   windows there, so it is not tried.
//! - X11, macOS, Windows: `xcap`.

#[cfg(target_os = "linux")]
mod portal;
#[cfg(target_os = "linux")]
mod screencopy;

use std::fmt;

use image::DynamicImage;

/// The way a capture was tried (said in errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Screencopy,
    Portal,
    /// X11, macOS or Windows, through `xcap`.
    System,
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Screencopy => "wlr-screencopy",
            Method::Portal => "the Screenshot portal",
            Method::System => "the system's screen capture",
        })
    }
}

/// Why no image came; each says what happened and what the user can do.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    #[error("no screen to capture was found")]
    NoScreen,
    #[error("the screenshot was declined; allow Twofold to take screenshots when the desktop asks")]
    Declined,
    #[error(
        "this Wayland desktop lets no app capture the screen: it offers neither wlr-screencopy nor the Screenshot portal (install xdg-desktop-portal with your desktop's backend: -gnome, -kde or -wlr)"
    )]
    Unavailable,
    #[error("the screen could not be captured through {method}: {reason}")]
    Failed { method: Method, reason: String },
}

/// The screens, one image each (one for the whole desktop from the portal).
pub type Screens = Vec<DynamicImage>;

/// Captures every screen. `TWOFOLD_CAPTURE=screencopy|portal|system` keeps to
/// one way (a compositor whose first way misbehaves; the tests of each way).
pub fn all_screens() -> Result<Screens, CaptureError> {
    match std::env::var("TWOFOLD_CAPTURE").as_deref() {
        #[cfg(target_os = "linux")]
        Ok("portal") => portal(),
        #[cfg(target_os = "linux")]
        Ok("screencopy") => match screencopy::capture(&wayland_connection()?)? {
            screencopy::Outcome::Captured(images) => Ok(images),
            screencopy::Outcome::NotOffered => Err(CaptureError::Unavailable),
        },
        Ok("system") => system(),
        _ => {
            #[cfg(target_os = "linux")]
            if let Some(screens) = wayland()? {
                return Ok(screens);
            }
            system()
        }
    }
}

/// `None` when this is not a Wayland session.
#[cfg(target_os = "linux")]
fn wayland() -> Result<Option<Screens>, CaptureError> {
    if std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Ok(None);
    }
    let Ok(connection) = wayland_connection() else {
        // A stale WAYLAND_DISPLAY in an X11 session.
        return Ok(None);
    };
    match screencopy::capture(&connection) {
        Ok(screencopy::Outcome::Captured(images)) => Ok(Some(images)),
        Ok(screencopy::Outcome::NotOffered) => portal().map(Some),
        // Screencopy offered but failing: the portal may still work; if it
        // is missing too, the screencopy's failure is the one to tell.
        Err(error) => portal().map(Some).map_err(|portal| match portal {
            CaptureError::Unavailable => error,
            other => other,
        }),
    }
}

#[cfg(target_os = "linux")]
fn wayland_connection() -> Result<wayland_client::Connection, CaptureError> {
    wayland_client::Connection::connect_to_env().map_err(|error| CaptureError::Failed {
        method: Method::Screencopy,
        reason: format!("no Wayland display to connect to: {error}"),
    })
}

#[cfg(target_os = "linux")]
fn portal() -> Result<Screens, CaptureError> {
    Ok(vec![portal::capture()?])
}

fn system() -> Result<Screens, CaptureError> {
    let failed = |error: xcap::XCapError| CaptureError::Failed {
        method: Method::System,
        reason: error.to_string(),
    };
    let monitors = xcap::Monitor::all().map_err(failed)?;
    if monitors.is_empty() {
        return Err(CaptureError::NoScreen);
    }
    let images = monitors
        .iter()
        .map(|monitor| {
            monitor
                .capture_image()
                .map(DynamicImage::ImageRgba8)
                .map_err(failed)
        })
        .collect::<Result<_, _>>()?;
    Ok(images)
}
