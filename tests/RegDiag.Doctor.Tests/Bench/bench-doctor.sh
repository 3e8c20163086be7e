#!/usr/bin/env bash
# Times `regdiag doctor` against a local lab (goal: a full run <= 2 s) and a scan of a generated 1 GB log
# (goal: well under a minute). Not a test: numbers depend on the machine and its load.
# Usage: bench-doctor.sh [RUNS]   (env REGDIAG_LAB: a regdiag binary whose `lab` command to use, default the same)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
runs=${1:-5}
dotnet build "$root/src/RegDiag.Cli" -c Release -nologo -v q >/dev/null
regdiag=(dotnet "$root/src/RegDiag.Cli/bin/Release/net10.0/regdiag.dll")
read -r -a lab <<<"${REGDIAG_LAB:-${regdiag[*]}}"
work=$(mktemp -d)
lab_pid=
cleanup() { [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

export REGDIAG_HOME="$work/home"
"${lab[@]}" lab --port 0 --debug-port 0 --storage "${LAB_STORAGE:-fs}" --auth token --user bench:bench-password \
  --log-file "$work/registry.log" --json >"$work/ready.json" 2>"$work/lab.err" &
lab_pid=$!
for _ in $(seq 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
[ -s "$work/ready.json" ] || { echo "lab did not start: $(cat "$work/lab.err")" >&2; exit 1; }
field() { python3 -c "import json,sys; print(json.loads(open('$work/ready.json').readline())['$1'])"; }
host=$(field registryHost); ca=$(field caPath); debug=$(field debug); config=$(field configPath)
debug=${debug#http://}; debug=${debug%/}

echo "doctor against the lab at $host ($runs runs, all checks, probe push, S3 when the lab has it):"
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  echo bench-password | "${regdiag[@]}" doctor "$host" --ca-file "$ca" --user bench --password-stdin \
    --image "$host/bench/app:1" --debug-addr "$debug" --registry-config "$config" --probe-push bench/probe \
    --log "$work/registry.log" --json >"$work/run.json" || true
  end=$(date +%s.%N)
  python3 - "$work/run.json" "$start" "$end" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
print(f"  process {wall:5.2f} s, checks {report['durationMs'] / 1000:5.2f} s, overall {report['overall']}: " +
      ", ".join(f"{c['id']} {c['durationMs']:.0f} ms" for c in report['checks']))
for c in report['checks']:
    if c['status'] in ('fail', 'warn'):
        print(f"    {c['id']} {c['status']}: {c['finding']}")
        print("      " + "\n      ".join(c['evidence']))
PY
done

echo "1 GB log scan:"
python3 - "$work/big.log" <<'PY'
import sys
line = ('time="2026-11-28T09:00:01.0Z" level=error msg="response completed with error" err.code="blob unknown" '
        'err.message="blob unknown to registry" http.request.method=HEAD http.request.uri="/v2/g/a/blobs/sha256:abc" http.response.status=404\n'
        'time="2026-11-28T09:00:01.1Z" level=info msg="response completed" http.request.method=PATCH http.request.uri="/v2/g/a/blobs/uploads/u" http.response.status=202\n').encode()
with open(sys.argv[1], 'wb') as f:
    for _ in range((1 << 30) // len(line)):
        f.write(line)
PY
/usr/bin/time -f "  wall %e s, user %U s, sys %S s, max RSS %M KiB" "${regdiag[@]}" doctor --log "$work/big.log" --json >"$work/log.json" || true
python3 -c "import json; c=[c for c in json.load(open('$work/log.json'))['checks'] if c['id']=='logs'][0]; print('  ' + c['evidence'][0])"
