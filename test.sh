#!/usr/bin/env bash
# Installs what the tests need (when root), then runs the whole suite and ends with
# "N passed, N failed, N skipped". Usage: ./test.sh [extra dotnet test arguments, e.g. --filter ...]
set -uo pipefail
cd "$(dirname "$0")"

# Real peers the tests talk to: Debian's distribution registry, skopeo (a real registry client),
# mitmproxy (benchmarks), tmux (the end-to-end TUI test), curl and openssl (TLS checks).
need=()
for pair in docker-registry:docker-registry skopeo:skopeo mitmdump:mitmproxy tmux:tmux curl:curl openssl:openssl; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "test.sh: missing ${need[*]} (run as root to install them); the tests that need them will fail" >&2
  fi
fi

# Go clients never proxy localhost or 127.0.0.1, so the tests use names that resolve to loopback.
test_hosts="registry.test s3.test lab.test origin.test other.test"
for h in $test_hosts; do
  if ! getent hosts "$h" >/dev/null 2>&1; then
    if [ -w /etc/hosts ]; then
      echo "127.0.0.1 $h" >> /etc/hosts
    else
      echo "test.sh: cannot add $h to /etc/hosts (not root); tests that need it will fail" >&2
    fi
  fi
done

# har-validator (npm) checks every HAR export.
if [ ! -d tests/node/node_modules/har-validator ]; then
  (cd tests/node && npm ci --no-audit --no-fund --silent) || echo "test.sh: npm ci failed in tests/node" >&2
fi

results=$(mktemp -d)
dotnet build Diag.sln -nologo -v q 2>&1 | grep -E "error|Warn.*[1-9] |Build succeeded" ; build=${PIPESTATUS[0]}
if [ "$build" != 0 ]; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  # A project with no test matching a --filter is not a failure.
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" \
    | grep -v -E "TestAdapterPath|No test is available|^$" || true
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + total - e))
done
rm -rf "$results"
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
