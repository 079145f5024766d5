//! The webviews stay on the app's own pages: no navigation elsewhere (a page
//! made to set `location.href = "https://…?" + data` would send it away and
//! could show a phishing page inside the window; the CSP does not cover
//! navigation) and no new windows (`window.open`, `target=_blank`).

use tauri::plugin::{Builder, TauriPlugin};
use tauri::webview::{NewWindowFeatures, NewWindowResponse};
use tauri::{Runtime, Url};

/// Denies every navigation that leaves the app's origin, in every webview.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("confinement")
        .on_navigation(|_, url| {
            let allowed = is_app_url(url);
            if !allowed {
                eprintln!("twofold: refused to leave the app for another page");
            }
            allowed
        })
        .build()
}

/// The new-window handler of every window: none may open.
pub fn deny_new_window<R: Runtime>(_: Url, _: NewWindowFeatures) -> NewWindowResponse<R> {
    NewWindowResponse::Deny
}

/// The app's own pages: `tauri://localhost` (Linux, macOS) or
/// `http(s)://tauri.localhost` (Windows).
fn is_app_url(url: &Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        ("http" | "https", Some("tauri.localhost")) => url.port().is_none(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn only_the_apps_own_pages_are_allowed() {
        let allowed = |text: &str| is_app_url(&Url::parse(text).unwrap());
        assert!(allowed("tauri://localhost/index.html#quick"));
        assert!(allowed("http://tauri.localhost/"));
        assert!(!allowed("https://example.com/?secret=JBSWY3DPEHPK3PXP"));
        assert!(!allowed("http://tauri.localhost.example.com/"));
        assert!(!allowed("http://tauri.localhost:8080/"));
        assert!(!allowed("tauri://evil/"));
        assert!(!allowed("file:///etc/passwd"));
        assert!(!allowed("data:text/html,<h1>Sign in</h1>"));
        assert!(!allowed("about:blank"));
    }
}
