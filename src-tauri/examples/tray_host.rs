//! A desktop's tray host, for the end-to-end tests and the benchmark under
//! Xvfb, where no desktop runs: a StatusNotifierWatcher on the session bus
//! that accepts every item. Twofold hides to the tray only where a tray is
//! shown (window.rs asks for this very name), so this is what lets a test
//! close the window to the tray.
//!   cargo run -p twofold-app --example tray_host

use std::io::Write;
use std::sync::Mutex;

use zbus::interface;

#[derive(Default)]
struct Watcher {
    items: Mutex<Vec<String>>,
}

#[interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(&self, service: String) {
        if let Ok(mut items) = self.items.lock() {
            items.push(service);
        }
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .map(|items| items.clone())
            .unwrap_or_default()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

fn main() -> zbus::Result<()> {
    let _bus = zbus::blocking::connection::Builder::session()?
        .serve_at("/StatusNotifierWatcher", Watcher::default())?
        .name("org.kde.StatusNotifierWatcher")?
        .build()?;
    // The tests wait for this line before starting the app.
    let _ = writeln!(std::io::stdout(), "tray host ready");
    loop {
        std::thread::park();
    }
}
