#!/usr/bin/env bash
# Measures, in a private gnome-keyring session, the time from process start to
# every code computed for N accounts (default 200): `twofold list --codes`,
# a fresh process each run. Prints the median and the spread of 15 runs.
#   scripts/bench-vault.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200}
cargo build --release --locked -p twofold-cli >/dev/null 2>&1
export TWOFOLD_BIN="${CARGO_TARGET_DIR:-target}/release/twofold" BENCH_COUNT=$count
exec scripts/with-keyring.sh python3 - <<'PY'
import os, subprocess, statistics, time
binary, count = os.environ["TWOFOLD_BIN"], int(os.environ["BENCH_COUNT"])
for i in range(count):
    subprocess.run([binary, "add", f"otpauth://totp/Bench{i}:user{i}@example.com?secret=JBSWY3DPEHPK3PXP{i:04d}".replace("0", "A").replace("1", "B").replace("8", "C").replace("9", "D")],
                   check=True, stdout=subprocess.DEVNULL)
times = []
for _ in range(15):
    start = time.perf_counter()
    out = subprocess.run([binary, "list", "--codes", "--json"], check=True, capture_output=True).stdout
    times.append((time.perf_counter() - start) * 1000)
assert out.count(b'"code":"') == count, out[:200]
print(f"{count} accounts, process start to all codes: median {statistics.median(times):.0f} ms, "
      f"min {min(times):.0f} ms, max {max(times):.0f} ms (15 runs)")
PY
