//! Generates the QR test corpus: screenshots of realistic "Enable 2FA" pages,
//! rendered by headless Chromium, deterministic from a seed, with a manifest of
//! the texts each image holds.
//!
//! ```text
//! cargo run --release -p twofold-core --example qr_corpus -- OUT_DIR [--subset] [--seed N]
//! ```
//!
//! It covers what real screenshots hold: small (1.5–2 px) and large modules;
//! 1366×768 up to 8K; HiDPI and fractional scaling; dark themes and inverted
//! codes; a logo in the middle; coloured, gradient and low-contrast
//! backgrounds; JPEG artefacts; the blur of a downscaled screenshot; a tight
//! quiet zone; several codes in one image; dense transfer codes; rounded and
//! dot-style modules; PNG, JPEG, WebP, BMP and GIF files; and negatives (no QR
//! code; a QR code that is a web link). `--subset` writes the cases the test
//! suite runs in CI.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use image::ImageFormat;
use qrcode::{Color, EcLevel, QrCode};
use twofold_core::{AccountDraft, Algorithm, Otp, OtpKind, Secret, migration, uri};

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Square,
    Dots,
    Rounded,
}

#[derive(Clone)]
struct Code {
    text: String,
    module_px: f32,
    style: Style,
    fg: &'static str,
    /// `None`: transparent, the page shows through the quiet zone.
    bg: Option<&'static str>,
    quiet: u32,
    logo: bool,
}

#[derive(Clone, Copy)]
enum Theme {
    Light,
    Dark,
    Gradient,
    Tinted,
}

#[derive(Clone, Copy)]
enum Post {
    None,
    Jpeg(u8),
    /// Rendered at twice the size, then halved: a downscaled screenshot's blur.
    Downscale,
    Save(ImageFormat),
}

struct Case {
    name: String,
    viewport: (u32, u32),
    scale: f32,
    theme: Theme,
    codes: Vec<Code>,
    post: Post,
    subset: bool,
}

const ISSUERS: [&str; 10] = [
    "GitHub",
    "Google",
    "Dropbox",
    "Acme Bank",
    "Cloudflare",
    "Proton",
    "Atlassian",
    "Café Ünicode",
    "Hetzner",
    "npm",
];

fn account(rng: &mut fastrand::Rng) -> AccountDraft {
    let issuer = ISSUERS[rng.usize(..ISSUERS.len())];
    let user: String = (0..rng.usize(4..12)).map(|_| rng.lowercase()).collect();
    let secret = Secret::from_bytes(
        (0..[10, 20, 32][rng.usize(..3)])
            .map(|_| rng.u8(..))
            .collect(),
    )
    .unwrap();
    let (kind, algorithm, digits) = match rng.usize(..6) {
        0 => (OtpKind::Totp { period: 60 }, Algorithm::Sha256, 8),
        1 => (
            OtpKind::Hotp {
                counter: rng.u64(..1000),
            },
            Algorithm::Sha1,
            6,
        ),
        _ => (OtpKind::Totp { period: 30 }, Algorithm::Sha1, 6),
    };
    AccountDraft::new(
        issuer,
        format!("{user}@example.com"),
        Otp::new(kind, algorithm, digits, secret).unwrap(),
    )
}

fn otp_uri(rng: &mut fastrand::Rng) -> String {
    uri::format(&account(rng))
}

/// A long setup URI (a logo link, as some sites add): version 10 and more.
fn dense_uri(rng: &mut fastrand::Rng) -> String {
    format!(
        "{}&image=https%3A%2F%2Fstatic.example.com%2Fbrand%2Flogos%2F2fa-setup-{:016x}.png",
        otp_uri(rng),
        rng.u64(..)
    )
}

fn code(text: String) -> Code {
    Code {
        text,
        module_px: 4.0,
        style: Style::Square,
        fg: "#111111",
        bg: Some("#ffffff"),
        quiet: 4,
        logo: false,
    }
}

fn cases(rng: &mut fastrand::Rng) -> Vec<Case> {
    let base = |name: &str, rng: &mut fastrand::Rng| Case {
        name: name.into(),
        viewport: (1366, 768),
        scale: 1.0,
        theme: Theme::Light,
        codes: vec![code(otp_uri(rng))],
        post: Post::None,
        subset: false,
    };
    let mut cases = Vec::new();
    let mut add = |case: Case| cases.push(case);

    let mut c = base("light-1366", rng);
    c.subset = true;
    add(c);
    let mut c = base("light-1080p-2px", rng);
    (c.viewport, c.codes[0].module_px) = ((1920, 1080), 2.0);
    add(c);
    let mut c = base("small-modules-1.5px", rng);
    c.codes[0].module_px = 1.5;
    c.subset = true;
    add(c);
    let mut c = base("small-modules-1.5px-1080p-dense", rng);
    c.viewport = (1920, 1080);
    c.codes = vec![Code {
        module_px: 1.5,
        ..code(dense_uri(rng))
    }];
    add(c);
    let mut c = base("large-modules-10px", rng);
    c.codes[0].module_px = 10.0;
    c.subset = true;
    add(c);
    let mut c = base("hidpi-4k-200pct", rng);
    (c.viewport, c.scale, c.codes[0].module_px) = ((1920, 1080), 2.0, 3.0);
    c.subset = true;
    add(c);
    let mut c = base("fractional-125pct", rng);
    (c.viewport, c.scale, c.codes[0].module_px) = ((1536, 864), 1.25, 3.0);
    add(c);
    let mut c = base("fractional-150pct", rng);
    (c.viewport, c.scale, c.codes[0].module_px) = ((1280, 720), 1.5, 2.0);
    c.subset = true;
    add(c);
    let mut c = base("qhd-4k-150pct", rng);
    (c.viewport, c.scale, c.codes[0].module_px) = ((2560, 1440), 1.5, 2.5);
    add(c);
    let mut c = base("8k-200pct", rng);
    (c.viewport, c.scale, c.codes[0].module_px) = ((3840, 2160), 2.0, 3.0);
    add(c);
    let mut c = base("dark-theme-white-card", rng);
    c.theme = Theme::Dark;
    c.subset = true;
    add(c);
    let mut c = base("inverted-light-on-dark", rng);
    c.theme = Theme::Dark;
    (c.codes[0].fg, c.codes[0].bg) = ("#f2f2f2", Some("#15171a"));
    c.subset = true;
    add(c);
    let mut c = base("logo-in-the-middle", rng);
    (c.codes[0].logo, c.codes[0].module_px) = (true, 5.0);
    c.subset = true;
    add(c);
    let mut c = base("coloured-blue-on-yellow", rng);
    (c.codes[0].fg, c.codes[0].bg, c.theme) = ("#1d3f8f", Some("#fff6cc"), Theme::Tinted);
    add(c);
    let mut c = base("gradient-background-transparent-code", rng);
    (c.theme, c.codes[0].bg) = (Theme::Gradient, None);
    c.subset = true;
    add(c);
    let mut c = base("low-contrast", rng);
    (c.codes[0].fg, c.codes[0].bg) = ("#5a5a5a", Some("#d6d6d6"));
    add(c);
    let mut c = base("jpeg-q40", rng);
    (c.post, c.codes[0].module_px) = (Post::Jpeg(40), 3.0);
    c.subset = true;
    add(c);
    let mut c = base("jpeg-q60-4k", rng);
    (c.viewport, c.scale, c.post) = ((1920, 1080), 2.0, Post::Jpeg(60));
    add(c);
    let mut c = base("downscaled-blur", rng);
    (c.post, c.codes[0].module_px) = (Post::Downscale, 3.0);
    c.subset = true;
    add(c);
    let mut c = base("tight-quiet-zone-grey-page", rng);
    (c.codes[0].quiet, c.theme) = (1, Theme::Tinted);
    add(c);
    let mut c = base("tight-quiet-zone-dark-page", rng);
    (c.codes[0].quiet, c.theme) = (1, Theme::Dark);
    c.subset = true;
    add(c);
    let mut c = base("two-codes", rng);
    c.codes.push(code(otp_uri(rng)));
    add(c);
    let mut c = base("normal-and-inverted", rng);
    c.theme = Theme::Dark;
    c.codes.push(Code {
        fg: "#eeeeee",
        bg: Some("#1b1d21"),
        ..code(otp_uri(rng))
    });
    c.subset = true;
    add(c);
    let mut c = base("transfer-three-batches", rng);
    let accounts: Vec<AccountDraft> = (0..24).map(|_| account(rng)).collect();
    let transferable: Vec<AccountDraft> = accounts
        .into_iter()
        .filter(|a| migration::can_transfer(&a.otp).is_none())
        .collect();
    let batches = migration::encode(&transferable).unwrap();
    c.viewport = (1920, 1080);
    c.codes = batches
        .into_iter()
        .take(3)
        .map(|text| Code {
            module_px: 3.0,
            ..code(text)
        })
        .collect();
    c.subset = true;
    add(c);
    let mut c = base("dense-v10-single", rng);
    c.codes = vec![Code {
        module_px: 2.0,
        ..code(dense_uri(rng))
    }];
    add(c);
    let mut c = base("dot-modules", rng);
    (c.codes[0].style, c.codes[0].module_px) = (Style::Dots, 5.0);
    c.subset = true;
    add(c);
    let mut c = base("rounded-modules", rng);
    c.codes[0].style = Style::Rounded;
    add(c);
    let mut c = base("dots-with-logo-coloured", rng);
    c.codes[0] = Code {
        style: Style::Dots,
        logo: true,
        module_px: 6.0,
        fg: "#5b2a86",
        bg: Some("#ffffff"),
        ..c.codes[0].clone()
    };
    add(c);
    for (name, format) in [
        ("webp-file", ImageFormat::WebP),
        ("bmp-file", ImageFormat::Bmp),
        ("gif-file", ImageFormat::Gif),
    ] {
        let mut c = base(name, rng);
        c.post = Post::Save(format);
        c.subset = format == ImageFormat::WebP;
        add(c);
    }
    let mut c = base("negative-no-qr", rng);
    c.codes.clear();
    c.subset = true;
    add(c);
    let mut c = base("negative-web-link", rng);
    c.codes = vec![code(
        "https://example.com/download/app?ref=2fa-setup".into(),
    )];
    c.subset = true;
    add(c);

    // Random mixes of the same ingredients.
    let viewports = [
        ((1366, 768), 1.0),
        ((1920, 1080), 1.0),
        ((1536, 864), 1.25),
        ((1280, 720), 1.5),
        ((1920, 1080), 2.0),
        ((2560, 1440), 1.5),
    ];
    let palettes = [
        ("#111111", Some("#ffffff")),
        ("#f0f0f0", Some("#121417")),
        ("#0b4f3a", Some("#e9fff5")),
        ("#333333", None),
        ("#4a4a4a", Some("#dddddd")),
    ];
    for i in 0..32 {
        let mut c = base(&format!("mix-{i:02}"), rng);
        (c.viewport, c.scale) = viewports[rng.usize(..viewports.len())];
        c.theme = [Theme::Light, Theme::Dark, Theme::Gradient, Theme::Tinted][rng.usize(..4)];
        let (fg, bg) = palettes[rng.usize(..palettes.len())];
        let text = if rng.usize(..4) == 0 {
            dense_uri(rng)
        } else {
            otp_uri(rng)
        };
        c.codes = vec![Code {
            module_px: [1.5, 2.0, 2.5, 3.0, 4.0, 6.0][rng.usize(..6)],
            style: [Style::Square, Style::Square, Style::Dots, Style::Rounded][rng.usize(..4)],
            fg,
            bg,
            quiet: [1, 2, 4, 4][rng.usize(..4)],
            logo: rng.usize(..4) == 0,
            ..code(text)
        }];
        if rng.usize(..3) == 0 {
            c.codes.push(Code {
                module_px: 3.0,
                ..code(otp_uri(rng))
            });
        }
        c.post = [
            Post::None,
            Post::None,
            Post::Jpeg(45 + rng.u8(..30)),
            Post::Downscale,
        ][rng.usize(..4)];
        cases.push(c);
    }
    cases
}

/// The code as inline SVG, in module units scaled to `module_px` CSS pixels.
fn svg(code: &Code) -> String {
    let level = if code.logo { EcLevel::H } else { EcLevel::M };
    let qr = QrCode::with_error_correction_level(code.text.as_bytes(), level).unwrap();
    let n = qr.width() as u32;
    let colors = qr.to_colors();
    let full = n + 2 * code.quiet;
    let size = full as f32 * code.module_px;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {full} {full}">"#
    );
    if let Some(bg) = code.bg {
        write!(out, r#"<rect width="{full}" height="{full}" fill="{bg}"/>"#).unwrap();
    }
    let finder = |x: u32, y: u32| (x < 7 || x >= n - 7) && y < 7 || x < 7 && y >= n - 7;
    let logo = |x: u32, y: u32| {
        code.logo
            && (x as f32 - n as f32 / 2.0).abs() < n as f32 * 0.12
            && (y as f32 - n as f32 / 2.0).abs() < n as f32 * 0.12
    };
    write!(out, r#"<g fill="{}">"#, code.fg).unwrap();
    for y in 0..n {
        for x in 0..n {
            if colors[(y * n + x) as usize] != Color::Dark || logo(x, y) {
                continue;
            }
            let (px, py) = (x + code.quiet, y + code.quiet);
            match code.style {
                Style::Dots if !finder(x, y) => {
                    write!(out, r#"<circle cx="{}.5" cy="{}.5" r="0.42"/>"#, px, py)
                }
                Style::Rounded => write!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="1" height="1" rx="0.35"/>"#
                ),
                _ => write!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="1.02" height="1.02"/>"#
                ),
            }
            .unwrap();
        }
    }
    out.push_str("</g>");
    if code.logo {
        let side = n as f32 * 0.22;
        let at = code.quiet as f32 + (n as f32 - side) / 2.0;
        write!(
            out,
            r##"<rect x="{at}" y="{at}" width="{side}" height="{side}" rx="{r}" fill="#ffffff"/><circle cx="{c}" cy="{c}" r="{cr}" fill="#e4572e"/><text x="{c}" y="{ty}" font-size="{fs}" text-anchor="middle" fill="#fff" font-family="sans-serif" font-weight="bold">G</text>"##,
            r = side / 5.0,
            c = at + side / 2.0,
            cr = side * 0.38,
            ty = at + side * 0.66,
            fs = side * 0.5
        )
        .unwrap();
    }
    out.push_str("</svg>");
    out
}

fn html(case: &Case) -> String {
    let (page_bg, text, card) = match case.theme {
        Theme::Light => ("#f6f8fa", "#1f2328", "#ffffff"),
        Theme::Dark => ("#0d1117", "#e6edf3", "#161b22"),
        Theme::Gradient => (
            "linear-gradient(135deg,#ff9a8b 0%,#ff6a88 40%,#6a82fb 100%)",
            "#1b1b1b",
            "rgba(255,255,255,0.55)",
        ),
        Theme::Tinted => ("#dfe6ee", "#22313f", "#eef2f6"),
    };
    let codes: String = case
        .codes
        .iter()
        .map(|code| format!(r#"<div class="qr">{}</div>"#, svg(code)))
        .collect();
    let key = case
        .codes
        .first()
        .and_then(|code| uri::parse(&code.text).ok())
        .map(|draft| draft.otp.secret().to_base32())
        .unwrap_or_else(|| "—".into());
    let key: String = key
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><style>
body{{margin:0;font-family:"DejaVu Sans",sans-serif;background:{page_bg};color:{text};min-height:100vh}}
nav{{padding:14px 32px;font-weight:bold;border-bottom:1px solid rgba(128,128,128,.3)}}
main{{max-width:980px;margin:28px auto;padding:28px 36px;background:{card};border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.15)}}
.codes{{display:flex;gap:36px;align-items:flex-start;flex-wrap:wrap;margin:18px 0}}
.qr svg{{display:block}} code{{font-size:18px;letter-spacing:1px}} input{{font-size:20px;padding:6px;width:160px}}
</style></head><body><nav>Account settings › Security</nav><main>
<h1>Enable two-factor authentication</h1>
<p>1. Scan this QR code with your authenticator app (Twofold, Aegis, Google Authenticator…).</p>
<div class="codes">{codes}</div>
<p>Can't scan it? Enter this setup key instead: <code>{key}</code></p>
<p>2. Enter the 6-digit code from the app: <input value="" placeholder="123456"> <button>Verify</button></p>
<p style="opacity:.7">Two-factor authentication adds a second step when you sign in. Keep your backup codes in a safe place.</p>
</main></body></html>"#
    )
}

fn screenshot(html_path: &Path, out: &Path, viewport: (u32, u32), scale: f32) {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--force-device-scale-factor={scale}"))
        .arg(format!("--window-size={},{}", viewport.0, viewport.1))
        .arg(format!("--screenshot={}", out.display()))
        .arg(format!("file://{}", html_path.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("chromium is installed (scripts/setup.sh)");
    assert!(
        status.success() && out.exists(),
        "chromium failed for {}",
        html_path.display()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = PathBuf::from(
        args.first()
            .expect("usage: qr_corpus OUT_DIR [--subset] [--seed N]"),
    );
    let subset_only = args.iter().any(|arg| arg == "--subset");
    let seed = args
        .iter()
        .position(|arg| arg == "--seed")
        .and_then(|at| args.get(at + 1))
        .map_or(20_261_123, |seed| seed.parse().expect("a number"));
    std::fs::create_dir_all(&out).unwrap();
    let mut rng = fastrand::Rng::with_seed(seed);
    let work = tempfile::tempdir().unwrap();
    let mut manifest = Vec::new();
    for (index, mut case) in cases(&mut rng).into_iter().enumerate() {
        if subset_only && !case.subset {
            continue;
        }
        if matches!(case.post, Post::Downscale) {
            case.scale *= 2.0;
        }
        let page = work.path().join(format!("{index}.html"));
        std::fs::write(&page, html(&case)).unwrap();
        let shot = work.path().join(format!("{index}.png"));
        screenshot(&page, &shot, case.viewport, case.scale);
        let image = image::open(&shot).unwrap();
        let (image, extension, format) = match case.post {
            Post::None => (image, "png", ImageFormat::Png),
            Post::Jpeg(_) => (image, "jpg", ImageFormat::Jpeg),
            Post::Downscale => (
                image.resize(
                    image.width() / 2,
                    image.height() / 2,
                    image::imageops::FilterType::Triangle,
                ),
                "png",
                ImageFormat::Png,
            ),
            Post::Save(format) => (image, format.extensions_str()[0], format),
        };
        let file = format!("{index:02}-{}.{extension}", case.name);
        let path = out.join(&file);
        match case.post {
            Post::Jpeg(quality) => {
                let mut writer = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut writer, quality)
                    .encode_image(&image.to_rgb8())
                    .unwrap();
            }
            _ if format == ImageFormat::Gif || format == ImageFormat::Jpeg => {
                image.to_rgb8().save_with_format(&path, format).unwrap()
            }
            _ => image.save_with_format(&path, format).unwrap(),
        }
        let texts: Vec<&str> = case.codes.iter().map(|code| code.text.as_str()).collect();
        println!(
            "{file} {}x{} ({} codes)",
            image.width(),
            image.height(),
            texts.len()
        );
        manifest.push(serde_json::json!({ "file": file, "width": image.width(), "height": image.height(), "texts": texts }));
    }
    let manifest = serde_json::json!({ "seed": seed, "cases": manifest });
    std::fs::write(
        out.join("manifest.json"),
        serde_json::to_string_pretty(&manifest).unwrap(),
    )
    .unwrap();
}
