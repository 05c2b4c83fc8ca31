#!/usr/bin/env bash
# Side-by-side: ticker's normalizer and trafilatura on the same pages,
# scored by `ticker eval extraction`. Installs trafilatura into its own
# virtualenv (bench/compare/.venv) from PyPI on first use.
#
# Usage: bench/compare/run.sh [DATASET_DIR ...]
#   default: ../shared/data/extraction/aeb ../shared/data/extraction/trafilatura-dev
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
venv="$here/.venv"
if [[ ! -x $venv/bin/python ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'trafilatura>=2,<3' lxml_html_clean
fi
cargo build --release --quiet --bin ticker
datasets=("$@")
if [[ ${#datasets[@]} -eq 0 ]]; then
  datasets=(../shared/data/extraction/aeb ../shared/data/extraction/trafilatura-dev)
fi
out=$(mktemp -d)
for dataset in "${datasets[@]}"; do
  name=$(basename "$dataset")
  echo "=== $name: ticker"
  target/release/ticker eval extraction --dataset "$dataset"
  for mode in default favor-precision; do
    flag=()
    [[ $mode == favor-precision ]] && flag=(--favor-precision)
    echo "=== $name: trafilatura ($mode)"
    "$venv/bin/python" "$here/trafilatura_predict.py" "$dataset" "$out/$name-$mode.jsonl" "${flag[@]}"
    target/release/ticker eval extraction --dataset "$dataset" --predictions "$out/$name-$mode.jsonl"
  done
done
