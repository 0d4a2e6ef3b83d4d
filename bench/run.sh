#!/usr/bin/env bash
# Benchmark: microsite against Hugo on the same synthetic corpus.
#
#   bench/run.sh [N] [RUNS]     (defaults: 10000 proposals, 5 runs each)
#
# Generates N proposals (tc + en, with the Simplified pages pre-converted for Hugo) under
# /dev/shm, then builds them alternately with microsite and (when installed: Debian's
# `hugo`) Hugo, each into an empty output folder, and prints medians, the ratio, pages per
# second and peak memory. The Hugo site does the work microsite does (see bench/corpus.rs):
# short links (aliases), the full text and a search index per language. Also times a
# rebuild that replaces the previous output, and the real site built cold by a fresh
# process. It reports figures; it is not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-5}
WORK=${BENCH_DIR:-/dev/shm/microsite-bench}

cargo build --release --quiet --bins --examples
BIN=$PWD/target/release/microsite
./target/release/examples/bench-corpus "$N" "$WORK"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
measure() { # label, command...: prints "seconds peak_kb"
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "${@:2}" > /dev/null 2>&1 || { echo "$1 failed" >&2; exit 1; }
  cat "$WORK/time.txt"
}

: > "$WORK/ms.txt"; : > "$WORK/hugo.txt"
for i in $(seq "$RUNS"); do
  rm -rf "$WORK/out-microsite"
  measure microsite "$BIN" build --root "$WORK/microsite" --out "$WORK/out-microsite" >> "$WORK/ms.txt"
  if command -v hugo > /dev/null; then
    rm -rf "$WORK/out-hugo"
    measure hugo hugo --quiet -s "$WORK/hugo" -d "$WORK/out-hugo" --minify >> "$WORK/hugo.txt"
  fi
done
ms_pages=$(find "$WORK/out-microsite" -name '*.html' | wc -l)
ms_time=$(cut -d' ' -f1 "$WORK/ms.txt" | median)
ms_mem=$(cut -d' ' -f2 "$WORK/ms.txt" | sort -n | tail -1)
echo "machine: $(nproc) cores"
echo "corpus: $N proposals; microsite writes $ms_pages pages"
printf 'microsite: median %.2f s over %d runs, %.0f pages/s, peak memory %d MB\n' "$ms_time" "$RUNS" "$(echo "$ms_pages / $ms_time" | awk '{ print $1 / $3 }')" $((ms_mem / 1024))
if [ -s "$WORK/hugo.txt" ]; then
  hugo_pages=$(find "$WORK/out-hugo" -name '*.html' | wc -l)
  hugo_time=$(cut -d' ' -f1 "$WORK/hugo.txt" | median)
  hugo_mem=$(cut -d' ' -f2 "$WORK/hugo.txt" | sort -n | tail -1)
  printf 'hugo (%s): median %.2f s, %.0f pages/s (%d pages), peak memory %d MB\n' "$(hugo version | cut -d' ' -f2)" "$hugo_time" "$(echo "$hugo_pages / $hugo_time" | awk '{ print $1 / $3 }')" "$hugo_pages" $((hugo_mem / 1024))
  awk -v a="$ms_time" -v b="$hugo_time" 'BEGIN { printf "ratio microsite/hugo: %.2f\n", a / b }'
else
  echo "hugo: not installed (apt-get install hugo), no comparison"
fi

measure microsite "$BIN" build --root "$WORK/microsite" --out "$WORK/out-microsite" > "$WORK/replace.txt"
printf 'microsite, replacing its previous output (removing %d files): %.2f s\n' "$(find "$WORK/out-microsite" -type f | wc -l)" "$(cut -d' ' -f1 "$WORK/replace.txt")"

: > "$WORK/real.txt"
for i in $(seq 11); do
  started=$(date +%s%N)
  "$BIN" build --out "$WORK/out-real" > /dev/null 2>&1
  echo "$(( ($(date +%s%N) - started) / 1000000 ))" >> "$WORK/real.txt"
done
printf 'real site, cold process: median %.0f ms over 11 runs\n' "$(median < "$WORK/real.txt")"
