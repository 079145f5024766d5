//! A desktop's GlobalShortcuts portal, for the Wayland end-to-end test: sway
//! and Debian 12's portals offer none (KDE Plasma and GNOME 48 do). It binds
//! every shortcut asked for as suggested, says so in the portal's Response
//! signals, and `Press(id)` (a method of this stand-in only, the test's
//! finger) sends the Activated signal a desktop sends on a key press.
//!   cargo run -p twofold-app --example shortcuts_portal

use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;

use zbus::message::Header;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::{ObjectPath, OwnedObjectPath, OwnedValue, Value};
use zbus::{Connection, fdo, interface};

const PATH: &str = "/org/freedesktop/portal/desktop";

#[derive(Default)]
struct Portal {
    sessions: Mutex<Vec<OwnedObjectPath>>,
}

/// `/org/freedesktop/portal/desktop/<kind>/<sender without ':', '.' as '_'>/<token>`
fn handle(
    kind: &str,
    header: &Header<'_>,
    options: &HashMap<String, OwnedValue>,
    key: &str,
) -> fdo::Result<OwnedObjectPath> {
    let sender = header
        .sender()
        .ok_or_else(|| fdo::Error::Failed("no sender".into()))?
        .trim_start_matches(':')
        .replace('.', "_");
    let token = options
        .get(key)
        .and_then(|token| token.downcast_ref::<String>().ok())
        .unwrap_or_else(|| "t".into());
    OwnedObjectPath::try_from(format!("{PATH}/{kind}/{sender}/{token}"))
        .map_err(|error| fdo::Error::Failed(error.to_string()))
}

/// Answers a request as a portal does: a Response signal on its handle.
async fn respond(
    connection: &Connection,
    header: &Header<'_>,
    request: &OwnedObjectPath,
    results: HashMap<&str, Value<'_>>,
) -> fdo::Result<()> {
    connection
        .emit_signal(
            header.sender().map(|sender| sender.as_str()),
            request.as_ref(),
            "org.freedesktop.portal.Request",
            "Response",
            &(0u32, results),
        )
        .await
        .map_err(fdo::Error::from)
}

#[interface(name = "org.freedesktop.portal.GlobalShortcuts")]
impl Portal {
    async fn create_session(
        &self,
        options: HashMap<String, OwnedValue>,
        #[zbus(header)] header: Header<'_>,
        #[zbus(connection)] connection: &Connection,
    ) -> fdo::Result<OwnedObjectPath> {
        let request = handle("request", &header, &options, "handle_token")?;
        let session = handle("session", &header, &options, "session_handle_token")?;
        if let Ok(mut sessions) = self.sessions.lock() {
            sessions.push(session.clone());
        }
        let results = HashMap::from([("session_handle", Value::from(session.as_str()))]);
        respond(connection, &header, &request, results).await?;
        Ok(request)
    }

    async fn bind_shortcuts(
        &self,
        _session: OwnedObjectPath,
        shortcuts: Vec<(String, HashMap<String, OwnedValue>)>,
        _parent_window: String,
        options: HashMap<String, OwnedValue>,
        #[zbus(header)] header: Header<'_>,
        #[zbus(connection)] connection: &Connection,
    ) -> fdo::Result<OwnedObjectPath> {
        let request = handle("request", &header, &options, "handle_token")?;
        let bound: Vec<(String, HashMap<String, Value<'_>>)> = shortcuts
            .into_iter()
            .map(|(id, info)| {
                let trigger = info
                    .get("preferred_trigger")
                    .and_then(|trigger| trigger.downcast_ref::<String>().ok())
                    .unwrap_or_default();
                let description = info
                    .get("description")
                    .and_then(|text| text.downcast_ref::<String>().ok())
                    .unwrap_or_default();
                let info = HashMap::from([
                    ("description".to_owned(), Value::from(description)),
                    ("trigger_description".to_owned(), Value::from(trigger)),
                ]);
                (id, info)
            })
            .collect();
        let results = HashMap::from([("shortcuts", Value::from(bound))]);
        respond(connection, &header, &request, results).await?;
        Ok(request)
    }

    /// The test's key press: Activated, for every session.
    async fn press(
        &self,
        id: String,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) -> fdo::Result<()> {
        let sessions = self.sessions.lock().map(|s| s.clone()).unwrap_or_default();
        for session in sessions {
            Self::activated(&emitter, session.as_ref(), &id, 0, HashMap::new()).await?;
        }
        Ok(())
    }

    #[zbus(signal)]
    async fn activated(
        emitter: &SignalEmitter<'_>,
        session: ObjectPath<'_>,
        id: &str,
        timestamp: u64,
        options: HashMap<&str, Value<'_>>,
    ) -> zbus::Result<()>;

    #[zbus(property)]
    fn version(&self) -> u32 {
        1
    }
}

fn main() -> zbus::Result<()> {
    let _bus = zbus::blocking::connection::Builder::session()?
        .serve_at(PATH, Portal::default())?
        .name("org.freedesktop.portal.Desktop")?
        .build()?;
    // The test waits for this line before starting the app.
    let _ = writeln!(std::io::stdout(), "shortcuts portal ready");
    loop {
        std::thread::park();
    }
}
