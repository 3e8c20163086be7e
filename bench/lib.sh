# Shared helpers for the bench/ scripts (sourced, not run). Every process a script starts is tracked by
# its PID and stopped on exit; every wait is bounded.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_pids=()
bench_tmp=$(mktemp -d /tmp/regdiag-bench.XXXXXX)

bench_cleanup() {
  local pid
  for pid in ${bench_pids[@]+"${bench_pids[@]}"}; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in ${bench_pids[@]+"${bench_pids[@]}"}; do
    timeout 10 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$bench_tmp"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

bench_fail() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

# Builds the regdiag release binary and sets $regdiag to it.
bench_build_regdiag() {
  echo "building regdiag (Release)..." >&2
  dotnet build "$bench_root/src/RegDiag.Cli" -c Release -nologo -v q >"$bench_tmp/build.log" 2>&1 \
    || { cat "$bench_tmp/build.log" >&2; bench_fail "dotnet build failed"; }
  regdiag=$bench_root/src/RegDiag.Cli/bin/Release/net10.0/regdiag
  [ -x "$regdiag" ] || bench_fail "no binary at $regdiag"
}

bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || bench_fail "$tool is not installed (./test.sh installs the peers when run as root)"
  done
}

bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until something accepts connections on 127.0.0.1:PORT (at most SECONDS).
bench_wait_port() {
  local port=$1 seconds=${2:-30} i
  for ((i = 0; i < seconds * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

bench_now() { date +%s.%N; }

# CPU seconds (user + system) a process has used so far.
bench_cpu_seconds() {
  local fields
  read -r -a fields < "/proc/$1/stat"
  # Fields 14 and 15 (utime, stime) counted after the ")" that ends the command name.
  local rest=${fields[*]}
  rest=${rest##*) }
  read -r -a fields <<<"$rest"
  awk -v u="${fields[11]}" -v s="${fields[12]}" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", (u + s) / hz }'
}

# Peak resident set size of a running process, in MB.
bench_peak_rss_mb() {
  awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Median of the numbers given as arguments.
bench_median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

bench_ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'
}

bench_machine_note() {
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
}
