#!/usr/bin/env bash
# Proxy throughput on loopback TLS: direct vs regdiag vs mitmdump (--set stream_large_bodies=1m).
#   - 1 GiB upload (PUT) and 1 GiB download, unthrottled and at a 1 Gbit/s client (curl --limit-rate 125M)
#   - 500 small requests, each on a new connection (Connection: close, as skopeo does through a proxy)
# Each figure is the median of RUNS runs (default 3). Also regdiag's CPU seconds per GiB and peak RSS.
# Client, origin and proxies share this machine's CPUs: on a busy or 2-core machine the figures are noisy.
# Usage: bench/proxy-throughput.sh   (env: RUNS=3 SIZE_MIB=1024 SMALL=500)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=${RUNS:-3}
size=$(( ${SIZE_MIB:-1024} * 1024 * 1024 ))
small=${SMALL:-500}
bench_require curl openssl mitmdump python3 dotnet /usr/bin/time
getent hosts origin.test >/dev/null || bench_fail "origin.test does not resolve (./test.sh adds it to /etc/hosts)"

bench_build_regdiag
echo "building the origin (Release)..." >&2
dotnet build "$bench_root/bench/Origin" -c Release -nologo -v q >"$bench_tmp/origin-build.log" 2>&1 \
  || { cat "$bench_tmp/origin-build.log" >&2; bench_fail "origin build failed"; }
origin_bin=$bench_root/bench/Origin/bin/Release/net10.0/bench-origin

# The origin's own CA and certificate for origin.test, trusted by curl (direct) and by both proxies upstream.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=bench origin CA" \
  -addext basicConstraints=critical,CA:TRUE -keyout "$bench_tmp/origin-ca.key" -out "$bench_tmp/origin-ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=origin.test" \
  -keyout "$bench_tmp/origin.key" -out "$bench_tmp/origin.csr" 2>/dev/null
openssl x509 -req -in "$bench_tmp/origin.csr" -CA "$bench_tmp/origin-ca.pem" -CAkey "$bench_tmp/origin-ca.key" \
  -days 1 -extfile <(printf 'subjectAltName=DNS:origin.test\nbasicConstraints=CA:FALSE\n') \
  -out "$bench_tmp/origin.pem" 2>/dev/null

# Bounded lifetimes: the origin stops by itself after an hour whatever happens to this script.
"$origin_bin" --cert "$bench_tmp/origin.pem" --key "$bench_tmp/origin.key" --max-seconds 3600 >"$bench_tmp/origin.log" 2>&1 &
origin_pid=$!
bench_pids+=("$origin_pid")
for _ in $(seq 100); do grep -q '^listening on' "$bench_tmp/origin.log" && break; sleep 0.1; done
origin_port=$(sed -n 's/^listening on //p' "$bench_tmp/origin.log")
[ -n "$origin_port" ] || bench_fail "origin did not start: $(cat "$bench_tmp/origin.log")"
origin=https://origin.test:$origin_port

export REGDIAG_HOME=$bench_tmp/home
regdiag_ca=$("$regdiag" ca path)
regdiag_port=$(bench_free_port)
"$regdiag" proxy --no-tui --port "$regdiag_port" --upstream-ca "$bench_tmp/origin-ca.pem" >"$bench_tmp/regdiag.log" 2>&1 &
regdiag_pid=$!
bench_pids+=("$regdiag_pid")
bench_wait_port "$regdiag_port" 30 || bench_fail "regdiag proxy did not listen on $regdiag_port: $(tail -5 "$bench_tmp/regdiag.log")"

mitm_port=$(bench_free_port)
mitmdump --listen-host 127.0.0.1 --listen-port "$mitm_port" --set confdir="$bench_tmp/mitm" \
  --set stream_large_bodies=1m --set ssl_verify_upstream_trusted_ca="$bench_tmp/origin-ca.pem" \
  >"$bench_tmp/mitm.log" 2>&1 &
mitm_pid=$!
bench_pids+=("$mitm_pid")
bench_wait_port "$mitm_port" 30 || bench_fail "mitmdump did not listen on $mitm_port: $(tail -5 "$bench_tmp/mitm.log")"
mitm_ca=$bench_tmp/mitm/mitmproxy-ca-cert.pem

truncate -s "$size" "$bench_tmp/upload.bin"

# curl arguments that route through MODE and trust the certificate it presents.
route() {
  case "$1" in
    direct) echo --cacert "$bench_tmp/origin-ca.pem" ;;
    regdiag) echo --proxy "http://127.0.0.1:$regdiag_port" --cacert "$regdiag_ca" ;;
    mitmdump) echo --proxy "http://127.0.0.1:$mitm_port" --cacert "$mitm_ca" ;;
  esac
}

# One transfer; prints MB/s (10^6 bytes per second) or "failed", then the CPU seconds regdiag used meanwhile,
# then those of every process on the path (curl, the proxy of MODE if any, the origin).
transfer() {
  local mode=$1 direction=$2 rate=$3 args out proxy_pid=
  read -r -a args <<<"$(route "$mode")"
  [ "$rate" = unthrottled ] || args+=(--limit-rate "$rate")
  if [ "$direction" = up ]; then args+=(-T "$bench_tmp/upload.bin" "$origin/upload")
  else args+=("$origin/bytes/$size"); fi
  case "$mode" in regdiag) proxy_pid=$regdiag_pid ;; mitmdump) proxy_pid=$mitm_pid ;; esac
  local regdiag_before origin_before proxy_before=0
  regdiag_before=$(bench_cpu_seconds "$regdiag_pid")
  origin_before=$(bench_cpu_seconds "$origin_pid")
  [ -z "$proxy_pid" ] || proxy_before=$(bench_cpu_seconds "$proxy_pid")
  out=$(/usr/bin/time -f '%U %S' -o "$bench_tmp/curl.time" \
    curl --http1.1 -sS --max-time 600 -o /dev/null -w '%{http_code} %{time_total} %{size_download} %{size_upload}' "${args[@]}" 2>&1) || true
  local regdiag_used all_used proxy_after=0
  regdiag_used=$(awk -v a="$(bench_cpu_seconds "$regdiag_pid")" -v b="$regdiag_before" 'BEGIN { printf "%.3f", a - b }')
  [ -z "$proxy_pid" ] || proxy_after=$(bench_cpu_seconds "$proxy_pid")
  all_used=$(awk -v o1="$(bench_cpu_seconds "$origin_pid")" -v o0="$origin_before" -v p1="$proxy_after" -v p0="$proxy_before" \
    -v c="$(tail -1 "$bench_tmp/curl.time")" 'BEGIN { split(c, t, " "); printf "%.3f", (o1 - o0) + (p1 - p0) + t[1] + t[2] }')
  local code time down up
  read -r code time down up <<<"$out"
  local moved=$down
  [ "$direction" = up ] && moved=$up
  if [ "$code" != 200 ] || [ "${moved%.*}" != "$size" ]; then
    echo "  $mode $direction $rate failed: $out" >&2
    echo "failed $regdiag_used $all_used"
    return
  fi
  awk -v b="$size" -v t="$time" -v c="$regdiag_used" -v a="$all_used" 'BEGIN { printf "%.1f %s %s", b / 1e6 / t, c, a }'
}

# SMALL requests, each on a new connection; prints requests/s or "failed".
new_connections() {
  local mode=$1 args start end
  read -r -a args <<<"$(route "$mode")"
  start=$(bench_now)
  curl --http1.1 -sS --max-time 600 -H 'Connection: close' "${args[@]}" \
    -w '%{stderr}%{http_code} %{num_connects}\n' "$origin/small?n=[1-$small]" >/dev/null 2>"$bench_tmp/small.txt" || true
  end=$(bench_now)
  local ok connects
  ok=$(grep -c '^200 ' "$bench_tmp/small.txt" || true)
  connects=$(awk '$1 == 200 { n += $2 } END { print n + 0 }' "$bench_tmp/small.txt")
  if [ "$ok" != "$small" ] || [ "$connects" != "$small" ]; then
    echo "  $mode small requests: $ok of $small answered 200 on $connects new connections" >&2
    echo failed
    return
  fi
  awk -v n="$small" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", n / (b - a) }'
}

declare -A samples=()
cpu_up=() cpu_down=()
bench_machine_note | sed 's/^/start: /' >&2
for ((run = 1; run <= runs; run++)); do
  echo "run $run of $runs..." >&2
  for rate in unthrottled 125M; do
    for direction in up down; do
      for mode in direct regdiag mitmdump; do
        read -r v cpu_used all_used <<<"$(transfer "$mode" "$direction" "$rate")"
        samples[$mode.$direction.$rate]+="$v "
        if [ "$rate" = unthrottled ] && [ "$v" != failed ]; then
          samples[$mode.$direction.cpu]+="$(awk -v c="$all_used" -v b="$size" 'BEGIN { printf "%.2f", c / (b / 1073741824) }') "
        fi
        if [ "$mode" = regdiag ] && [ "$rate" = unthrottled ] && [ "$v" != failed ]; then
          per_gib=$(awk -v c="$cpu_used" -v b="$size" 'BEGIN { printf "%.2f", c / (b / 1073741824) }')
          if [ "$direction" = up ]; then cpu_up+=("$per_gib"); else cpu_down+=("$per_gib"); fi
        fi
      done
    done
  done
  for mode in direct regdiag mitmdump; do
    samples[$mode.small]+="$(new_connections "$mode") "
  done
done
bench_machine_note | sed 's/^/end:   /' >&2

median_of() {
  local values=() v
  for v in ${samples[$1]}; do [ "$v" = failed ] || values+=("$v"); done
  if [ ${#values[@]} -eq 0 ]; then echo n/a; else bench_median "${values[@]}"; fi
}

peak_rss=$(bench_peak_rss_mb "$regdiag_pid")
mitm_rss=$(bench_peak_rss_mb "$mitm_pid")
exchanges=$(cat "$REGDIAG_HOME"/sessions/* 2>/dev/null | grep -c . || true)

echo
echo "RegDiag proxy throughput, loopback TLS, HTTP/1.1, median of $runs runs ($(( size / 1048576 )) MiB bodies, $small small requests)"
printf '%-38s %10s %10s %10s %16s %18s\n' "" direct regdiag mitmdump regdiag/direct regdiag/mitmdump
row() {
  local label=$1 key=$2 d r m
  d=$(median_of "direct.$key"); r=$(median_of "regdiag.$key"); m=$(median_of "mitmdump.$key")
  printf '%-38s %10s %10s %10s %16s %18s\n' "$label" "$d" "$r" "$m" "$(bench_ratio "$r" "$d")" "$(bench_ratio "$r" "$m")"
}
row "upload, unthrottled (MB/s)" up.unthrottled
row "download, unthrottled (MB/s)" down.unthrottled
row "upload, curl --limit-rate 125M (MB/s)" up.125M
row "download, --limit-rate 125M (MB/s)" down.125M
row "new connection per request (req/s)" small
# What the ">= 3x mitmdump" goal asks of a proxy that cannot beat the direct path it sits on.
for key in up.unthrottled down.unthrottled; do
  echo "mitmdump reaches $(bench_ratio "$(median_of "mitmdump.$key")" "$(median_of "direct.$key")")x direct ($key); 3x mitmdump would be $(awk -v r="$(bench_ratio "$(median_of "mitmdump.$key")" "$(median_of "direct.$key")")" 'BEGIN { if (r == "n/a") print "n/a"; else printf "%.2f", 3 * r }')x direct"
done
# Client, origin and proxy share the cores: when they are all busy, the throughput through a proxy relative
# to direct is at most the CPU a direct transfer needs over the CPU the proxied one needs.
for direction in up down; do
  d=$(median_of "direct.$direction.cpu"); r=$(median_of "regdiag.$direction.cpu"); m=$(median_of "mitmdump.$direction.cpu")
  busy=$(awk -v c="$d" -v mbps="$(median_of "direct.$direction.unthrottled")" 'BEGIN { if (c == "n/a" || mbps == "n/a") print "n/a"; else printf "%.1f", c * mbps / 1073.741824 }')
  echo "CPU seconds per GiB of all processes ($direction; curl + proxy + origin): direct $d, regdiag $r, mitmdump $m." \
    "Direct kept $busy of $(nproc) cores busy; when it is CPU-bound, regdiag/direct cannot exceed $(bench_ratio "$d" "$r")"
done
echo "regdiag CPU seconds per GiB (unthrottled): upload $(bench_median ${cpu_up[@]+"${cpu_up[@]}"}), download $(bench_median ${cpu_down[@]+"${cpu_down[@]}"})"
echo "regdiag peak RSS: $peak_rss MB (mitmdump: $mitm_rss MB); exchanges in regdiag's journal: $exchanges"
echo "goals: unthrottled >= 0.7x direct and >= 3x mitmdump; at 1 Gbit/s >= 0.97x direct; new connections >= 5x mitmdump;"
echo "       <= 2 CPU s per GiB; peak RSS <= 100 MB. The machine is shared: compare ratios, not absolute figures."
