#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with coverage instrumentation on the
# stable toolchain (what `cargo fuzz build --sanitizer none` does, without
# needing nightly) and runs each for a while.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Targets: normalize_html, extract_text, parse_feed (default: all). Each
# keeps its corpus in fuzz/corpus/TARGET (seeded from the seeds and the
# feedparser suite when present); a crash stops the run, leaves its input
# in fuzz/artifacts/TARGET/ and makes this script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(normalize_html extract_text parse_feed)

export CARGO_TARGET_DIR="$PWD/target/fuzz"
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
# Pin the dependencies to the project's versions.
[ -f fuzz/Cargo.lock ] || cp Cargo.lock fuzz/Cargo.lock
# With an explicit --target, RUSTFLAGS instrument the targets but not the
# build scripts.
triple=$(rustc -vV | sed -n 's/^host: //p')
(cd fuzz && cargo build --release --bins --target "$triple")

seed_corpus() {
    local target=$1 dir=fuzz/corpus/$1
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return
    case $target in
        normalize_html) cp tests/fixtures/*.html "$dir"/ 2>/dev/null || true ;;
        extract_text) cp ../shared/seeds/*.txt "$dir"/ 2>/dev/null || true ;;
        parse_feed) find ../shared/data/feeds/feedparser/files/wellformed/rss -name '*.xml' 2>/dev/null | head -200 | xargs -r cp -t "$dir" ;;
    esac
    [ -n "$(ls -A "$dir")" ] || echo "<p>Hallo</p>" > "$dir/start"
}

for target in "${targets[@]}"; do
    seed_corpus "$target"
    mkdir -p "fuzz/artifacts/$target"
    echo "== fuzzing $target for ${seconds}s"
    "$CARGO_TARGET_DIR/$triple/release/$target" "fuzz/corpus/$target" \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1 2>&1 \
        | grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|==|SUMMARY|thread .* panicked)" || true
    if [ -n "$(ls -A "fuzz/artifacts/$target")" ]; then
        echo "crash inputs in fuzz/artifacts/$target" >&2
        exit 1
    fi
done
