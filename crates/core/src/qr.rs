//! Finding every QR code in an image, and drawing QR codes.
//!
//! # Why zxing-cpp
//!
//! Users add most accounts from screenshots, so the decoder must not miss a
//! code that is plainly on screen. Measured on 66 realistic screenshots of
//! "Enable 2FA" pages (release builds, image already loaded; the corpus is
//! `examples/qr_corpus.rs`, the measurement `benches/qr.rs`):
//!
//! | decoder | read exactly | median | 4K median |
//! |---|---|---|---|
//! | `rqrr` 0.11 as it comes | 80 % | 46 ms | 140–150 ms |
//! | `rqrr` + own local threshold + inverted pass | 92 % | 67 ms | 157 ms |
//! | `rxing` 0.9, TRY_HARDER + an inverted pass | 98 % | 37 ms | 170 ms |
//! | `zxing-cpp` 0.5 (the C++ library, bundled) | 100 % | 9–21 ms | 35–75 ms |
//!
//! The pure-Rust paths still miss 1.5 px anti-aliased modules, a normal and an
//! inverted code in one image, and dot-style modules; only zxing-cpp reaches
//! the goal (every code read), and it is also the fastest, so it is the one
//! decoder here (no second one kept "just in case"). It costs `cmake` and a
//! C++ compiler at build time and ~90 s of cold build.
//!
//! On our own corpus (`examples/qr_corpus.rs`, seed 20261123: 65 screenshots,
//! 51 at 1080p or below, 13 at 4K, one 8K; `make bench-qr`), on this 2-core
//! machine: 65/65 read exactly; median 4.8 ms at 1080p and below, 29 ms at 4K
//! (worst 39 ms), 154 ms for the 8K one. The one image that needs the enlarged
//! second pass (inverted 1.5 px modules with a logo) takes 0.4 s.
//!
//! Images are handed to it as RGB(A) as decoded, without a luma conversion
//! (which alone costs ~14 ms on a 1080p screenshot); its try-harder and
//! try-invert passes are what find small and light-on-dark codes.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageFormat, ImageReader};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use thiserror::Error;
use zxingcpp::{BarcodeFormat, BarcodeReader, ImageFormat as PixelFormat, ImageView};

/// Largest image accepted: a bit more than an 8K screenshot.
const MAX_PIXELS: u64 = 8_000 * 8_000;
/// Image files are refused unread beyond this: an uncompressed 8K screenshot
/// is ~100 MB.
const MAX_FILE_SIZE: u64 = 256 * 1_000_000;

#[derive(Debug, Error)]
pub enum QrError {
    #[error("could not read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("not an image Twofold can read (PNG, JPEG, WebP, BMP or GIF): {0}")]
    NotAnImage(String),
    #[error("the image is too large ({width}×{height} pixels)")]
    TooLarge { width: u32, height: u32 },
    #[error("no QR code found in the image")]
    NoQrCode,
    #[error("the QR decoder failed: {0}")]
    Decoder(String),
    #[error("the text is too long for a QR code: {0}")]
    Render(String),
}

/// The texts of every QR code in an image file.
pub fn decode_file(path: &Path) -> Result<Vec<String>, QrError> {
    let bytes = crate::files::read_limited(path, MAX_FILE_SIZE).map_err(|source| QrError::Io {
        path: path.display().to_string(),
        source,
    })?;
    decode_bytes(&bytes)
}

/// Refuses an image larger than any screen (a decompression bomb, a damaged
/// header) before its pixels are decoded or copied.
pub fn check_size(width: u32, height: u32) -> Result<(), QrError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(QrError::TooLarge { width, height });
    }
    Ok(())
}

/// The texts of every QR code in an encoded image (format from its content).
pub fn decode_bytes(bytes: &[u8]) -> Result<Vec<String>, QrError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| QrError::NotAnImage(error.to_string()))?;
    let (width, height) = reader
        .into_dimensions()
        .map_err(|error| QrError::NotAnImage(error.to_string()))?;
    check_size(width, height)?;
    let image = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| QrError::NotAnImage(error.to_string()))?
        .decode()
        .map_err(|error| QrError::NotAnImage(error.to_string()))?;
    decode_image(&image)
}

/// The texts of the QR codes of several images (every screen), image after
/// image; an image without one is passed over, and only none in any is an
/// error.
pub fn decode_all(images: &[DynamicImage]) -> Result<Vec<String>, QrError> {
    let mut texts = Vec::new();
    for image in images {
        match decode_image(image) {
            Ok(found) => texts.extend(found),
            Err(QrError::NoQrCode) => {}
            Err(error) => return Err(error),
        }
    }
    if texts.is_empty() {
        return Err(QrError::NoQrCode);
    }
    Ok(texts)
}

/// The texts of every QR code in an image, top to bottom then left to right,
/// each text once. No code at all is an error.
///
/// When nothing is found in an image of at most [`UPSCALE_MAX_PIXELS`], it is
/// read once more at twice the size: anti-aliased 1.5 px modules (a small code
/// on a 1080p screen, inverted on top) only binarize cleanly when enlarged.
/// This costs nothing on the usual path, where the first pass finds the code.
pub fn decode_image(image: &DynamicImage) -> Result<Vec<String>, QrError> {
    check_size(image.width(), image.height())?;
    let converted;
    let (pixels, format) = match image {
        DynamicImage::ImageRgb8(rgb) => (rgb.as_raw().as_slice(), PixelFormat::RGB),
        DynamicImage::ImageRgba8(rgba) => (rgba.as_raw().as_slice(), PixelFormat::RGBA),
        DynamicImage::ImageLuma8(luma) => (luma.as_raw().as_slice(), PixelFormat::Lum),
        other => {
            converted = other.to_rgb8();
            (converted.as_raw().as_slice(), PixelFormat::RGB)
        }
    };
    let mut texts = read(pixels, image.width(), image.height(), format)?;
    if texts.is_empty()
        && u64::from(image.width()) * u64::from(image.height()) <= UPSCALE_MAX_PIXELS
    {
        let luma = image.to_luma8();
        let (width, height) = (luma.width() * 2, luma.height() * 2);
        let larger =
            image::imageops::resize(&luma, width, height, image::imageops::FilterType::Triangle);
        texts = read(larger.as_raw(), width, height, PixelFormat::Lum)?;
    }
    if texts.is_empty() {
        return Err(QrError::NoQrCode);
    }
    Ok(texts)
}

/// Images up to this size get a second, enlarged pass when nothing is found.
pub const UPSCALE_MAX_PIXELS: u64 = 2560 * 1600;

/// One zxing-cpp pass: the distinct texts, in reading order.
fn read(
    pixels: &[u8],
    width: u32,
    height: u32,
    format: PixelFormat,
) -> Result<Vec<String>, QrError> {
    let view = ImageView::from_slice(pixels, width, height, format)
        .map_err(|error| QrError::Decoder(error.to_string()))?;
    let mut found: Vec<(i32, i32, String)> = BarcodeReader::new()
        .formats([BarcodeFormat::QRCode])
        .try_harder(true)
        .try_invert(true)
        .try_rotate(true)
        .from(view)
        .map_err(|error| QrError::Decoder(error.to_string()))?
        .into_iter()
        .filter(|barcode| barcode.is_valid())
        .map(|barcode| {
            let corner = barcode.position().top_left;
            (corner.y, corner.x, barcode.text())
        })
        .collect();
    found.sort();
    let mut texts: Vec<String> = Vec::with_capacity(found.len());
    for (_, _, text) in found {
        if !texts.contains(&text) {
            texts.push(text);
        }
    }
    Ok(texts)
}

/// A QR code of the text as SVG, black on white with a 4-module quiet zone,
/// scaling to its container (for showing in the app).
pub fn render_svg(text: &str) -> Result<String, QrError> {
    Ok(code(text)?
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

/// A QR code of the text as PNG, `module_px` pixels per module (for files).
pub fn render_png(text: &str, module_px: u32) -> Result<Vec<u8>, QrError> {
    let image = code(text)?
        .render::<image::Luma<u8>>()
        .module_dimensions(module_px.max(1), module_px.max(1))
        .quiet_zone(true)
        .build();
    let mut png = Vec::new();
    DynamicImage::ImageLuma8(image)
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|error| QrError::Render(error.to_string()))?;
    Ok(png)
}

/// Medium error correction: what sites use, and dense transfer payloads stay
/// at a version a phone camera reads easily.
fn code(text: &str) -> Result<QrCode, QrError> {
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|error| QrError::Render(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const URI: &str = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub";

    #[test]
    fn drawn_png_decodes_to_the_same_text() {
        let png = render_png(URI, 4).unwrap();
        assert_eq!(decode_bytes(&png).unwrap(), vec![URI.to_owned()]);
    }

    #[test]
    fn drawn_svg_is_a_qr_code() {
        let svg = render_svg(URI).unwrap();
        assert!(
            svg.starts_with("<?xml") && svg.contains("<svg"),
            "{}",
            &svg[..80]
        );
    }

    #[test]
    fn two_codes_side_by_side_are_both_found_in_reading_order() {
        let left = image::load_from_memory(
            &render_png("otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP", 5).unwrap(),
        )
        .unwrap()
        .to_luma8();
        let right = image::load_from_memory(
            &render_png("otpauth://totp/B:b?secret=JBSWY3DPEHPK3PXP", 5).unwrap(),
        )
        .unwrap()
        .to_luma8();
        let mut canvas = image::GrayImage::from_pixel(
            left.width() + right.width() + 40,
            left.height().max(right.height()),
            image::Luma([255]),
        );
        image::imageops::overlay(&mut canvas, &left, 0, 0);
        image::imageops::overlay(&mut canvas, &right, i64::from(left.width()) + 40, 0);
        let texts = decode_image(&DynamicImage::ImageLuma8(canvas)).unwrap();
        assert_eq!(texts.len(), 2);
        assert!(texts[0].contains("/A:a"));
    }

    #[test]
    fn several_images_give_the_codes_of_those_that_have_one() {
        let blank =
            DynamicImage::ImageLuma8(image::GrayImage::from_pixel(300, 200, image::Luma([255])));
        let code = image::load_from_memory(&render_png(URI, 4).unwrap()).unwrap();
        assert_eq!(
            decode_all(&[blank.clone(), code, blank.clone()]).unwrap(),
            vec![URI.to_owned()]
        );
        assert!(matches!(decode_all(&[blank]), Err(QrError::NoQrCode)));
        assert!(matches!(decode_all(&[]), Err(QrError::NoQrCode)));
    }

    #[test]
    fn clear_errors_for_no_code_and_no_image() {
        let blank =
            DynamicImage::ImageLuma8(image::GrayImage::from_pixel(300, 200, image::Luma([255])));
        assert!(matches!(decode_image(&blank), Err(QrError::NoQrCode)));
        assert!(matches!(
            decode_bytes(b"this is a text file"),
            Err(QrError::NotAnImage(_))
        ));
        let mut truncated = render_png(URI, 4).unwrap();
        truncated.truncate(truncated.len() / 2);
        assert!(matches!(
            decode_bytes(&truncated),
            Err(QrError::NotAnImage(_))
        ));
    }
}
