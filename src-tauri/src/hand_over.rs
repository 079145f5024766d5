//! A second launch only hands its arguments to the running app and exits
//! (`tauri-plugin-single-instance`). On Linux it does so here, before any of
//! the GUI is loaded: a desktop shortcut running `twofold-app --quick-pick`
//! waits for this start, which the plugin makes only after GTK's.

/// The plugin's D-Bus name: the app's identifier (tauri.conf.json) with
/// `.SingleInstance`, served at the same name as a path.
#[cfg(target_os = "linux")]
const NAME: &str = "app.twofold.desktop.SingleInstance";
#[cfg(target_os = "linux")]
const PATH: &str = "/app/twofold/desktop/SingleInstance";

/// Whether a running Twofold took this launch's arguments (then this one is
/// done). Without one, or on any failure, the app starts as usual and the
/// plugin has its say.
#[cfg(target_os = "linux")]
pub fn to_running_app() -> bool {
    let Ok(bus) = zbus::blocking::Connection::session() else {
        return false;
    };
    let args: Vec<String> = std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    bus.call_method(
        Some(NAME),
        PATH,
        Some("org.SingleInstance.DBus"),
        "ExecuteCallback",
        &(args, cwd.to_string_lossy().as_ref()),
    )
    .is_ok()
}

#[cfg(not(target_os = "linux"))]
pub fn to_running_app() -> bool {
    false
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_the_plugins_for_the_apps_identifier() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let name = format!("{}.SingleInstance", config["identifier"].as_str().unwrap());
        assert_eq!(NAME, name);
        assert_eq!(
            PATH,
            format!("/{}", name.replace('.', "/").replace('-', "_"))
        );
    }
}
