#!/usr/bin/env bash
# `regdiag doctor` against a local healthy lab (S3 storage, token auth, debug server): wall time of a full run
# (reachability, TLS, API, auth, clock, name, debug endpoints, S3 permissions probe, probe push, the 2 MiB
# large upload, the storage latency samples and the stability tally), median of RUNS runs (default 5),
# including process start. Goal: <= 2 s. The machine may be shared: see the load average.
# Usage: bench/doctor-lab.sh   (env: RUNS=5)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=${RUNS:-5}
bench_require dotnet python3
getent hosts registry.test >/dev/null && getent hosts s3.test >/dev/null \
  || bench_fail "registry.test and s3.test must resolve to 127.0.0.1 (./test.sh adds them to /etc/hosts)"
bench_build_regdiag

export REGDIAG_HOME=$bench_tmp/home
port=$(bench_free_port); s3_port=$(bench_free_port); debug_port=$(bench_free_port)
password=bench-$RANDOM$RANDOM
"$regdiag" lab --port "$port" --s3-port "$s3_port" --debug-port "$debug_port" --storage s3 \
  --hostname registry.test --s3-hostname s3.test --auth token --user "bench:$password" >"$bench_tmp/lab.log" 2>&1 &
bench_pids+=($!)
for p in "$port" "$s3_port" "$debug_port"; do
  bench_wait_port "$p" 60 || bench_fail "regdiag lab did not listen on $p: $(tail -5 "$bench_tmp/lab.log")"
done

doctor_args=(doctor "registry.test:$port" --ca-file "$REGDIAG_HOME/lab/ca.pem" --image bench/app
  --user bench --password-stdin --debug-addr "127.0.0.1:$debug_port"
  --registry-config "$REGDIAG_HOME/lab/config.yml" --probe-push bench/probe --json)

bench_machine_note | sed 's/^/start: /' >&2
times=() codes=()
for ((run = 1; run <= runs; run++)); do
  start=$(bench_now)
  rc=0
  printf '%s\n' "$password" | "$regdiag" "${doctor_args[@]}" >"$bench_tmp/doctor.json" 2>"$bench_tmp/doctor.err" || rc=$?
  end=$(bench_now)
  times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
  codes+=("$rc")
  [ "$rc" -le 1 ] || bench_fail "regdiag doctor exited $rc: $(head -3 "$bench_tmp/doctor.err")"
done

echo
echo "regdiag doctor against the local lab (S3 storage, token auth), median of $runs runs: $(bench_median "${times[@]}") s"
echo "runs: ${times[*]} s; exit codes: ${codes[*]} (0 = every check passed)"
if command -v jq >/dev/null; then
  echo "checks in the last run: $(jq -r '[.. | objects | select(has("id") and has("status")) | "\(.id)=\(.status)"] | join(" ")' "$bench_tmp/doctor.json" 2>/dev/null || echo "(unparsed)")"
fi
bench_machine_note | sed 's/^/end:   /'
echo "goal: <= 2 s"
