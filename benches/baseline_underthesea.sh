#!/usr/bin/env bash
# Runs benches/baseline_underthesea.py in its own venv (PyPI underthesea,
# offline CRF model; the venv lives outside git, default /tmp/seedls-baseline-venv).
#   benches/baseline_underthesea.sh [--throughput DIR] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${SEEDLS_BASELINE_VENV:-/tmp/seedls-baseline-venv}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import underthesea' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'underthesea==9.5.0'
fi
cargo build --release --bin seedls
exec "$VENV/bin/python" benches/baseline_underthesea.py --bin target/release/seedls "$@"
