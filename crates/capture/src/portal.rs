//! The Screenshot portal (`org.freedesktop.portal.Screenshot`): GNOME, KDE and
//! other Wayland desktops take the screenshot themselves, asking the user the
//! first time.
//!
//! The portal hands back a PNG file it wrote; it holds the QR code's secret,
//! so it is deleted as soon as it is read.

use std::path::PathBuf;

use ashpd::desktop::ResponseError;
use ashpd::desktop::screenshot::Screenshot;
use image::DynamicImage;
use rustix::process::{DumpableBehavior, dumpable_behavior, set_dumpable_behavior};

use crate::{CaptureError, Method};

/// The whole desktop, as one image.
pub fn capture() -> Result<DynamicImage, CaptureError> {
    let _asking = Traceable::while_asking();
    let uri = zbus::block_on(async {
        Screenshot::request()
            .interactive(false)
            .modal(true)
            .send()
            .await?
            .response()
    })
    .map_err(from_portal)?
    .uri()
    .as_str()
    .to_owned();
    let path = file_path(&uri).ok_or_else(|| {
        failed(format!(
            "the portal gave an address that is not a file: {uri}"
        ))
    })?;
    let image = image::open(&path);
    if let Err(error) = std::fs::remove_file(&path) {
        eprintln!(
            "twofold: the screenshot {} could not be deleted ({error}); delete it, it shows a secret",
            path.display()
        );
    }
    image.map_err(|error| {
        failed(format!(
            "the portal's screenshot could not be read: {error}"
        ))
    })
}

/// The portal opens `/proc/PID/root` to learn who calls (a Flatpak? a
/// Snap?), which a process made not dumpable (`twofold_core::process`) owns
/// as root: the portal then refuses. So dumpable while the portal is asked,
/// as before afterwards; core files stay off all along (their size limit is
/// zero).
struct Traceable(Option<DumpableBehavior>);

impl Traceable {
    fn while_asking() -> Self {
        match dumpable_behavior() {
            Ok(DumpableBehavior::NotDumpable) => Self(
                set_dumpable_behavior(DumpableBehavior::Dumpable)
                    .ok()
                    .map(|()| DumpableBehavior::NotDumpable),
            ),
            _ => Self(None),
        }
    }
}

impl Drop for Traceable {
    fn drop(&mut self) {
        if let Some(before) = self.0 {
            let _ = set_dumpable_behavior(before);
        }
    }
}

fn from_portal(error: ashpd::Error) -> CaptureError {
    match error {
        ashpd::Error::Response(ResponseError::Cancelled) => CaptureError::Declined,
        ashpd::Error::PortalNotFound(_) => CaptureError::Unavailable,
        ashpd::Error::Zbus(zbus::Error::MethodError(name, _, _))
            if name.as_str() == "org.freedesktop.DBus.Error.ServiceUnknown"
                || name.as_str() == "org.freedesktop.DBus.Error.UnknownMethod" =>
        {
            CaptureError::Unavailable
        }
        other => failed(other.to_string()),
    }
}

/// `file:///home/a%20b/x.png` → `/home/a b/x.png`.
fn file_path(uri: &str) -> Option<PathBuf> {
    let encoded = uri.strip_prefix("file://")?;
    let bytes = percent_encoding::percent_decode_str(encoded).collect::<Vec<u8>>();
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

fn failed(reason: String) -> CaptureError {
    CaptureError::Failed {
        method: Method::Portal,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_file_addresses() {
        assert_eq!(
            file_path("file:///home/a%20b/Screenshot%C3%A9.png"),
            Some(PathBuf::from("/home/a b/Screenshoté.png"))
        );
        assert_eq!(file_path("https://example.com/x.png"), None);
    }
}
