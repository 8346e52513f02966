#!/usr/bin/env bash
# Scaling of `seedls check` and of the server's indexing against corpus size.
#
#   benches/scaling.sh [N ...]          (default: 100 1000 10000 100000)
#
# For each N: writes the corpus once (examples/gen_corpus.rs, cached under
# $SEEDLS_BENCH_DIR, default /tmp/seedls-corpus), then measures
#   * `seedls check --format json` wall time (hyperfine median) and CPU time,
#   * its peak RSS (/usr/bin/time -v, median of 3),
#   * one ripgrep pass over the same files with a names-and-numbers pattern,
#   * server time to ready and memory after indexing (benches/lsp_latency.py --ready-only)
#     when the binary speaks LSP.
# Writes benches/results/scaling.tsv and docs/scaling.svg (benches/plot_scaling.py).
# Needs hyperfine and ripgrep (Debian: apt-get install hyperfine ripgrep).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 10000 100000)
ROOT="${SEEDLS_BENCH_DIR:-/tmp/seedls-corpus}"
RESULTS=benches/results
mkdir -p "$RESULTS" "$ROOT"
for tool in hyperfine rg /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install hyperfine ripgrep time)"; exit 2; }
done

cargo build --release --bin seedls --example gen_corpus
BIN="$PWD/target/release/seedls"
GEN="$PWD/target/release/examples/gen_corpus"
# A pattern a fact-checker would grep for: full names, and numbers with their
# Vietnamese thousands and decimal separators.
PATTERN='[A-ZĐ][a-zà-ỹ]+ [A-ZĐ][a-zà-ỹ]+ [A-ZĐ][a-zà-ỹ]+|[0-9]+(\.[0-9]{3})*(,[0-9]+)?%?'

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

TSV="$RESULTS/scaling.tsv"
printf 'articles\tmegabytes\tcheck_wall_s\tcheck_cpu_s\tcheck_rss_mb\trg_wall_s\tratio_check_rg\tready_s\tserver_rss_mb\tserver_hwm_mb\n' > "$TSV"

for n in "${SIZES[@]}"; do
  dir="$ROOT/$n"
  if [ ! -f "$dir/planted.tsv" ]; then
    rm -rf "$dir"
    "$GEN" "$n" "$dir"
  fi
  mb=$(du -sb --exclude=planted.tsv "$dir" | awk '{printf "%.1f", $1/1e6}')
  runs=5; [ "$n" -ge 100000 ] && runs=3
  echo "== $n articles ($mb MB)"

  hyperfine --style basic --warmup 1 --runs "$runs" -i \
    --export-json "$RESULTS/check-$n.json" \
    "$BIN check --format json $dir > /dev/null" \
    "rg -c -g '*.txt' '$PATTERN' $dir > /dev/null"
  read -r check_wall check_cpu rg_wall < <(python3 - "$RESULTS/check-$n.json" <<'EOF'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
print(statistics.median(r[0]["times"]), r[0]["user"] + r[0]["system"], statistics.median(r[1]["times"]))
EOF
)
  rss=$(for _ in 1 2 3; do
          /usr/bin/time -f '%M' -o "$RESULTS/rss.tmp" "$BIN" check --format json "$dir" >/dev/null 2>&1 || true
          tail -1 "$RESULTS/rss.tmp"
        done | median)
  rm -f "$RESULTS/rss.tmp"
  rss_mb=$(awk -v k="$rss" 'BEGIN {printf "%.1f", k/1024}')

  ready=NA; srss=NA; shwm=NA
  readies=(); srsss=(); shwms=()
  for i in 1 2 3; do
    if python3 benches/lsp_latency.py --bin "$BIN" --corpus "$dir" --ready-only \
         --json "$RESULTS/ready-$n-$i.json" --timeout 1800 >/dev/null 2>&1; then
      read -r r m h < <(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['ready_s'], d['rss_mb'], d['hwm_mb'])" "$RESULTS/ready-$n-$i.json")
      readies+=("$r"); srsss+=("$m"); shwms+=("$h")
    fi
  done
  if [ ${#readies[@]} -gt 0 ]; then
    ready=$(printf '%s\n' "${readies[@]}" | median)
    srss=$(printf '%s\n' "${srsss[@]}" | median)
    shwm=$(printf '%s\n' "${shwms[@]}" | median)
  fi
  ratio=$(awk -v a="$check_wall" -v b="$rg_wall" 'BEGIN {printf "%.1f", a/b}')
  printf '%s\t%s\t%.3f\t%.3f\t%s\t%.3f\t%s\t%s\t%s\t%s\n' \
    "$n" "$mb" "$check_wall" "$check_cpu" "$rss_mb" "$rg_wall" "$ratio" "$ready" "$srss" "$shwm" >> "$TSV"
  tail -1 "$TSV"
done

column -t "$TSV"
python3 benches/plot_scaling.py "$TSV" docs/scaling.svg
echo "wrote $TSV and docs/scaling.svg"
