#!/usr/bin/env bash
# Run every fuzz target (or those named) for a bounded time each.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      default: 60 s, all targets
#
# Targets (fuzz/fuzz_targets/): case_ron index config key_file dates age_file bundle.
#
# cargo-fuzz drives libFuzzer and needs nightly compiler flags; on the stable
# toolchain RUSTC_BOOTSTRAP=1 unlocks them (set below). Needs a C++ compiler
# (g++) for libFuzzer. A crash is copied to fuzz/regressions/<target>/, which
# `cargo test --test core formats` replays; commit it with the fix.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

secs="${1:-60}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(case_ron index config key_file dates age_file bundle)
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1

total=0
failed=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t" "regressions/$t"
    cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
    log="artifacts/$t.log"
    if cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 >"$log" 2>&1; then
        status=ok
    else
        status=CRASH
        failed+=("$t")
        for a in artifacts/"$t"/crash-* artifacts/"$t"/oom-* artifacts/"$t"/timeout-*; do
            [ -e "$a" ] && cp "$a" "regressions/$t/"
        done
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    total=$((total + ${runs:-0}))
    echo "fuzz $t: $status, ${runs:-0} executions in ${secs} s (log fuzz/$log)"
done
echo "fuzz: ${total} executions in total"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: crashes in ${failed[*]}: inputs copied to fuzz/regressions/; see the logs" >&2
    exit 1
fi
