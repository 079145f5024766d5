//! QR decoding over the whole generated corpus (release profile):
//!
//! ```text
//! cargo run --release -p twofold-core --example qr_corpus -- target/qr-corpus
//! TWOFOLD_QR_CORPUS=target/qr-corpus cargo bench -p twofold-core --bench qr
//! ```
//!
//! First prints a summary — images read exactly, per-image median time by
//! resolution, the worst 4K time — then Criterion measures the 1080p and 4K
//! groups. Goals: 100 % read exactly, median ≤ 50 ms at 1080p and ≤ 100 ms at
//! 4K, worst 4K ≤ 500 ms.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

use std::path::PathBuf;
use std::time::Instant;

use criterion::Criterion;
use image::DynamicImage;
use twofold_core::qr;

#[path = "../tests/common/corpus.rs"]
mod corpus;

struct Sample {
    file: String,
    image: DynamicImage,
    expected: Vec<String>,
}

fn load() -> Option<Vec<Sample>> {
    let dir = PathBuf::from(std::env::var_os("TWOFOLD_QR_CORPUS")?);
    Some(
        corpus::cases(&dir)
            .ok()?
            .into_iter()
            .map(|case| Sample {
                image: image::open(&case.path).unwrap(),
                file: case.file,
                expected: case.expected,
            })
            .collect(),
    )
}

fn class(image: &DynamicImage) -> &'static str {
    match image.height() {
        0..=1200 => "1080p and below",
        1201..=2200 => "4K",
        _ => "8K",
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn summary(samples: &[Sample]) {
    let mut exact = 0;
    let mut by_class: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    for sample in samples {
        let mut times = Vec::new();
        let mut result = None;
        for _ in 0..5 {
            let start = Instant::now();
            result = Some(qr::decode_image(&sample.image));
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let read = match result.unwrap() {
            Ok(mut texts) => {
                texts.sort();
                texts
            }
            Err(_) => Vec::new(),
        };
        if read == sample.expected {
            exact += 1;
        } else {
            println!(
                "MISREAD {}: {} codes read, {} expected",
                sample.file,
                read.len(),
                sample.expected.len()
            );
        }
        by_class
            .entry(class(&sample.image))
            .or_default()
            .push(median(times));
    }
    println!(
        "read exactly: {exact}/{} ({:.0} %)",
        samples.len(),
        100.0 * exact as f64 / samples.len() as f64
    );
    for (class, times) in by_class {
        let worst = times.iter().copied().fold(0.0, f64::max);
        println!(
            "{class}: {} images, median {:.1} ms, worst {:.1} ms",
            times.len(),
            median(times),
            worst
        );
    }
}

fn main() {
    let Some(samples) = load() else {
        println!("no corpus: set TWOFOLD_QR_CORPUS to a folder made by examples/qr_corpus.rs");
        return;
    };
    summary(&samples);
    let mut criterion = Criterion::default().sample_size(10).configure_from_args();
    for wanted in ["1080p and below", "4K"] {
        let group: Vec<&Sample> = samples
            .iter()
            .filter(|sample| class(&sample.image) == wanted)
            .collect();
        criterion.bench_function(
            &format!("decode all {} {wanted} images", group.len()),
            |b| {
                b.iter(|| {
                    group
                        .iter()
                        .map(|sample| {
                            qr::decode_image(&sample.image)
                                .map(|t| t.len())
                                .unwrap_or(0)
                        })
                        .sum::<usize>()
                })
            },
        );
    }
    criterion.final_summary();
}
