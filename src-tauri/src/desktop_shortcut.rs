//! The quick pick's shortcut on Wayland. X11 key grabs (the global-shortcut
//! plugin) see no key pressed in a Wayland window, so there the desktop binds
//! it: the GlobalShortcuts portal (KDE Plasma 5.27+, GNOME 48+) asks the user
//! once, with the settings' shortcut as the suggestion, and then tells Twofold
//! each press. Where no portal offers it, the settings say to make a system
//! shortcut that runs `twofold-app --quick-pick`.

use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Emitter};

/// How the quick pick's shortcut works here (shown in the settings).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "way", rename_all = "camelCase")]
pub enum ShortcutWay {
    /// X11, macOS, Windows: Twofold's own, as set in the settings.
    Keys,
    /// Wayland: the portal is being asked.
    Asking,
    /// Wayland: the desktop binds it; `trigger` as it describes it (empty
    /// until the user has given one in the desktop's settings).
    Portal { trigger: String },
    /// Wayland without the portal: a system shortcut must run
    /// `twofold-app --quick-pick`.
    System { why: String },
}

static WAY: Mutex<Option<ShortcutWay>> = Mutex::new(None);

/// A Wayland session, whatever GTK's backend: under XWayland too, key grabs
/// miss the Wayland windows' keys.
pub fn on_wayland() -> bool {
    cfg!(target_os = "linux")
        && (std::env::var_os("WAYLAND_DISPLAY").is_some()
            || std::env::var("XDG_SESSION_TYPE").is_ok_and(|kind| kind == "wayland"))
}

#[tauri::command]
pub fn shortcut_way() -> ShortcutWay {
    crate::state::lock(&WAY)
        .clone()
        .unwrap_or(ShortcutWay::Keys)
}

/// Keeps `way` and tells the windows (the settings may be open meanwhile).
fn set(app: &AppHandle, way: ShortcutWay) {
    let _ = app.emit("shortcut-way", &way);
    *crate::state::lock(&WAY) = Some(way);
}

/// On Wayland: binds the shortcut through the portal on a thread of its own
/// and opens the quick pick at each press, for the app's lifetime.
#[cfg(target_os = "linux")]
pub fn start(app: &AppHandle, preferred: &str) {
    set(app, ShortcutWay::Asking);
    let app = app.clone();
    let trigger = xdg_trigger(preferred);
    std::thread::spawn(move || {
        if let Err(error) = zbus::block_on(portal::bind(&app, trigger.as_deref())) {
            set(
                &app,
                ShortcutWay::System {
                    why: portal::why(&error),
                },
            );
        }
    });
}

#[cfg(not(target_os = "linux"))]
pub fn start(_: &AppHandle, _: &str) {}

/// "Ctrl+Alt+O" as the XDG shortcuts specification writes it: "CTRL+ALT+o".
#[cfg(any(target_os = "linux", test))]
fn xdg_trigger(shortcut: &str) -> Option<String> {
    let mut parts: Vec<String> = shortcut
        .split('+')
        .map(str::trim)
        .map(String::from)
        .collect();
    let key = parts.pop().filter(|key| !key.is_empty())?;
    let mut trigger: Vec<String> = parts
        .iter()
        .map(|modifier| match modifier.to_ascii_lowercase().as_str() {
            "ctrl" | "control" | "commandorcontrol" | "cmdorctrl" => "CTRL".into(),
            "super" | "meta" | "cmd" | "command" => "LOGO".into(),
            other => other.to_ascii_uppercase(),
        })
        .collect();
    trigger.push(if key.chars().count() == 1 {
        key.to_lowercase()
    } else {
        key
    });
    Some(trigger.join("+"))
}

#[cfg(target_os = "linux")]
mod portal {
    use ashpd::desktop::CreateSessionOptions;
    use ashpd::desktop::global_shortcuts::{BindShortcutsOptions, GlobalShortcuts, NewShortcut};
    use futures_util::StreamExt;
    use tauri::AppHandle;

    use super::{ShortcutWay, set};

    const ID: &str = "quick-pick";

    pub async fn bind(app: &AppHandle, trigger: Option<&str>) -> Result<(), ashpd::Error> {
        let portal = GlobalShortcuts::new().await?;
        let session = portal
            .create_session(CreateSessionOptions::default())
            .await?;
        let shortcut = NewShortcut::new(ID, "Open Twofold's quick pick to copy a code")
            .preferred_trigger(trigger);
        let bound = portal
            .bind_shortcuts(&session, &[shortcut], None, BindShortcutsOptions::default())
            .await?
            .response()?;
        let trigger = bound
            .shortcuts()
            .iter()
            .find(|shortcut| shortcut.id() == ID)
            .map(|shortcut| shortcut.trigger_description().to_owned())
            .unwrap_or_default();
        set(app, ShortcutWay::Portal { trigger });
        let mut presses = portal.receive_activated().await?;
        while let Some(press) = presses.next().await {
            if press.shortcut_id() == ID {
                crate::quick_pick::pressed(app);
            }
        }
        Ok(())
    }

    /// Why the settings send the user to the system's shortcuts.
    pub fn why(error: &ashpd::Error) -> String {
        match error {
            ashpd::Error::PortalNotFound(_) => {
                "this desktop offers apps no global shortcuts (no GlobalShortcuts portal)".into()
            }
            ashpd::Error::Response(_) => "the desktop declined the shortcut".into(),
            other => format!("the desktop's shortcut portal failed: {other}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::xdg_trigger;

    #[test]
    fn writes_shortcuts_as_the_xdg_specification() {
        assert_eq!(xdg_trigger("Ctrl+Alt+O").as_deref(), Some("CTRL+ALT+o"));
        assert_eq!(
            xdg_trigger("Super+Shift+F2").as_deref(),
            Some("LOGO+SHIFT+F2")
        );
        assert_eq!(xdg_trigger(""), None);
    }
}
