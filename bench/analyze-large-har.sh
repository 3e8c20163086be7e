#!/usr/bin/env bash
# `regdiag analyze` on a generated 100,000-exchange HAR (registry pushes with a few S3 403s): wall time and
# peak RSS, median of RUNS runs (default 3), for --json and for the text report. Goal: <= 3 s, <= 1 GB.
# The machine may be shared with other builds: the load average is printed with the figures.
# It measures regdiag as published (ReadyToRun, see src/RegDiag.Cli/RegDiag.Cli.csproj); BUILD=1 measures the
# plain `dotnet build` output instead, whose code is compiled as it first runs (about a second more here).
# Usage: bench/analyze-large-har.sh   (env: EXCHANGES=100000 RUNS=3 BUILD=0)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

exchanges=${EXCHANGES:-100000}
runs=${RUNS:-3}
bench_require python3 dotnet /usr/bin/time
if [ "${BUILD:-0}" = 1 ]; then
  bench_build_regdiag
  binary="dotnet build output"
else
  echo "publishing regdiag (Release, ReadyToRun)..." >&2
  dotnet publish "$bench_root/src/RegDiag.Cli" -c Release -r linux-x64 --self-contained false -nologo -v q \
    -o "$bench_tmp/publish" >"$bench_tmp/publish.log" 2>&1 || { cat "$bench_tmp/publish.log" >&2; bench_fail "dotnet publish failed"; }
  regdiag=$bench_tmp/publish/regdiag
  binary="published, ReadyToRun"
fi

har=$bench_tmp/large.har
python3 "$bench_root/bench/generate-har.py" "$exchanges" "$har"
echo "generated $har: $exchanges exchanges, $(( $(stat -c %s "$har") / 1000000 )) MB" >&2

# Runs analyze once; prints "wall-seconds peak-MB cpu-seconds". CPU seconds (user + system) say more than wall
# time on a machine shared with other work. Exit 0 (no error diagnosis) and 1 (one found) are both fine.
measure() {
  local rc=0
  /usr/bin/time -f '%e %M %U %S' -o "$bench_tmp/time.txt" "$regdiag" analyze "$har" "$@" >"$bench_tmp/out.txt" 2>"$bench_tmp/err.txt" || rc=$?
  if [ "$rc" -gt 1 ]; then
    bench_fail "regdiag analyze $* exited $rc: $(head -3 "$bench_tmp/err.txt")"
  fi
  # GNU time puts "Command exited with non-zero status 1" before the figures when analyze found an error.
  tail -1 "$bench_tmp/time.txt" | awk '{ printf "%s %.0f %.2f", $1, $2 / 1024, $3 + $4 }'
}

bench_machine_note | sed 's/^/start: /' >&2
report() {
  local label=$1 seconds=() peaks=() cpus=() s m c
  shift
  for ((run = 1; run <= runs; run++)); do
    read -r s m c <<<"$(measure "$@")"
    [ -n "$s" ] || exit 1   # measure said why
    seconds+=("$s"); peaks+=("$m"); cpus+=("$c")
  done
  printf '%-22s %8s s wall %8s s CPU %6s MB peak RSS   (wall per run: %s s)\n' "$label" \
    "$(bench_median "${seconds[@]}")" "$(bench_median "${cpus[@]}")" "$(bench_median "${peaks[@]}")" "${seconds[*]}"
}
echo
echo "regdiag analyze ($binary), $exchanges exchanges ($(( $(stat -c %s "$har") / 1000000 )) MB HAR), median of $runs runs"
report "analyze --json" --json
json_bytes=$(stat -c %s "$bench_tmp/out.txt")
report "analyze (text)"
echo "--json output: $json_bytes bytes; text output: $(wc -l < "$bench_tmp/out.txt") lines"
bench_machine_note | sed 's/^/end:   /'
echo "goal: <= 3 s and <= 1 GB peak RSS"
