#!/usr/bin/env bash
# `regdiag doctor --log` over a generated 1 GB registry log (logrus text, a healthy push's lines: the benign
# BLOB_UNKNOWN existence checks and 202s that must not be flagged). Goal: well under a minute.
# Usage: bench/doctor-log-scan.sh   (env: LOG_MB=1024)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bench_require dotnet python3 /usr/bin/time
bench_build_regdiag
log=$bench_tmp/registry.log
python3 - "$log" "${LOG_MB:-1024}" <<'PY'
import sys
line = ('time="2026-11-28T09:00:01.0Z" level=error msg="response completed with error" err.code="blob unknown" '
        'err.message="blob unknown to registry" http.request.method=HEAD http.request.uri="/v2/g/a/blobs/sha256:abc" http.response.status=404\n'
        'time="2026-11-28T09:00:01.1Z" level=info msg="response completed" http.request.method=PATCH http.request.uri="/v2/g/a/blobs/uploads/u" http.response.status=202\n').encode()
with open(sys.argv[1], 'wb') as f:
    for _ in range((int(sys.argv[2]) << 20) // len(line)):
        f.write(line)
PY
bench_machine_note
echo "log: $(du -h "$log" | cut -f1)"
/usr/bin/time -f "doctor --log: wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
  "$regdiag" doctor --log "$log" --json >"$bench_tmp/log.json" || true
python3 -c "import json; c=[c for c in json.load(open('$bench_tmp/log.json'))['checks'] if c['id']=='logs'][0]; print(c['status'], '-', c['finding'])"
