//! The floor of `scripts/bench-app.sh`: a bare Tauri 2 window with one static
//! page that draws what Twofold's first code looks like (same place, size and
//! colour), so the benchmark times the app against what Tauri and WebKit
//! cost by themselves.
//!   cargo build --release -p twofold-app --example bare_window

use tauri::http::Response;
use tauri::{WebviewUrl, WebviewWindowBuilder};

const PAGE: &str = r#"<!doctype html>
<html><body style="margin:0;background:#f7f8fa">
<div style="position:absolute;left:250px;top:62px;font:22px 'DejaVu Sans Mono',monospace;letter-spacing:1px;color:#4338ca">983 542</div>
</body></html>"#;

fn main() -> tauri::Result<()> {
    tauri::Builder::default()
        .register_uri_scheme_protocol("bare", |_, _| {
            Response::builder()
                .header("Content-Type", "text/html")
                .body(PAGE.as_bytes().to_vec())
                .unwrap_or_default()
        })
        .setup(|app| {
            let url = "bare://localhost/".parse()?;
            WebviewWindowBuilder::new(app, "bare", WebviewUrl::CustomProtocol(url))
                .title("Bare")
                .inner_size(440.0, 680.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
}
