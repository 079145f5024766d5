//! Codes for 1,000 accounts of every kind: the work of one refresh of a full list.
//! Goal: well under 1 ms in total.

#![allow(clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use twofold_core::{Algorithm, Otp, OtpKind, Secret};

fn accounts() -> Vec<Otp> {
    (0..1000u32)
        .map(|i| {
            let kind = match i % 4 {
                0 => OtpKind::Hotp {
                    counter: u64::from(i),
                },
                1 => OtpKind::Steam,
                _ => OtpKind::Totp { period: 30 },
            };
            let secret = Secret::from_bytes(i.to_be_bytes().repeat(5)).expect("20 bytes");
            Otp::new(
                kind,
                Algorithm::ALL[i as usize % 3],
                6 + (i % 3) as u8,
                secret,
            )
            .expect("valid parameters")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let accounts = accounts();
    c.bench_function("codes_1000_accounts", |b| {
        b.iter(|| {
            accounts
                .iter()
                .map(|otp| otp.code_at(std::hint::black_box(1_700_000_000)).value.len())
                .sum::<usize>()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
