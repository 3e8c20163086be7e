#!/usr/bin/env bash
# Records the reference HARs in traces/: real failures, captured through the real proxy.
# skopeo (Debian) talks through `regdiag proxy --save traces/NAME.har` (HTTPS_PROXY, trusting only the
# proxy's CA) to `regdiag lab` in a fault scenario or to Debian's docker-registry. Small, reproducible images
# (fixed bytes, so fixed digests). Each HAR is redacted by the proxy, then checked: valid HAR 1.2
# (har-validator), no secret left, and the client failed (or succeeded) the way the scenario says.
# Usage: traces/record.sh [NAME...]   (default: every trace; `traces/record.sh --list` names them)
set -euo pipefail
traces_dir=$(cd "$(dirname "$0")" && pwd)
source "$traces_dir/../bench/lib.sh"

# name | what it shows (one line in traces/README.md)
catalog=$(cat <<'TABLE'
lab-s3-healthy|healthy push and pull on the lab with S3 storage: blob HEAD/GET answered by 307 redirects to presigned S3 URLs (contrast)
s3-head-forbidden|re-push to the lab whose S3 identity lacks s3:GetObject: the presigned HEAD after the 307 gets 403 with an empty body
s3-get-forbidden|pull from the lab whose S3 identity lacks s3:GetObject: the presigned GET after the 307 gets 403 AccessDenied
s3-put-forbidden|push to the lab whose S3 identity lacks s3:PutObject: the registry's own upload to S3 fails and the client only sees 500 UNKNOWN
clock-skew|push and pull with the lab's S3 clock off by more than 15 minutes: 500 UNKNOWN whose detail is RequestTimeTooSkewed
wrong-region|push and pull with the registry configured for the wrong S3 region: 500 UNKNOWN whose detail is AuthorizationHeaderMalformed
bad-credentials|push and pull with an S3 secret key the store does not accept: 500 UNKNOWN whose detail is SignatureDoesNotMatch
token-expired|push with token auth whose tokens stop being accepted before the push ends (slow storage): 401 invalid_token mid-push
insufficient-scope|push with a token that grants pull only: 401 insufficient_scope on the upload, then denied
gitlab-names|push to a name valid for distribution but not for GitLab (a double hyphen in a path component): NAME_INVALID
body-too-large|push of a 1.5 MB layer through a fronting proxy limited to 1 MiB: 413 with an nginx HTML body on the upload
flaky|three pushes in a row (skopeo --retry-times 3) to a lab answering a seeded share of requests with 500/503: failures at different points
debug-unhealthy|push to a lab whose storage health check fails: 503 UNAVAILABLE on every request, /v2/ included
untrusted-proxy-ca|skopeo that does not trust the proxy's CA: TLS handshake rejected by the client, recorded by the proxy
distribution-wrong-password|push to Debian's docker-registry 2.8 (htpasswd) with a wrong password: 401 UNAUTHORIZED after the Basic attempt
distribution-healthy|healthy push and pull on Debian's docker-registry 2.8 with htpasswd auth (contrast)
docker-s3-head-forbidden|the Docker daemon (docker.io 20.10) pushing twice to the lab lacking s3:GetObject: the second push's HEAD after the 307 gets 403 with an empty body, which docker reports as 'error parsing HTTP 403 response body: unexpected end of JSON input'
distribution-s3-both-sides|push to Debian's docker-registry 2.8 whose S3 store (the lab's, lacking s3:PutObject) is reached through the same proxy: the client's 500 UNKNOWN and the registry's own S3 calls answered 403 AccessDenied, in one capture
TABLE
)

if [ "${1:-}" = --list ]; then
  printf '%s\n' "$catalog" | cut -d'|' -f1
  exit 0
fi
selected=("$@")
[ ${#selected[@]} -gt 0 ] || mapfile -t selected < <(printf '%s\n' "$catalog" | cut -d'|' -f1)
for name in "${selected[@]}"; do
  printf '%s\n' "$catalog" | cut -d'|' -f1 | grep -Fxq "$name" || bench_fail "unknown trace '$name' (see --list)"
done

bench_require skopeo docker-registry openssl python3 node curl tar gzip jq
for host in registry.test s3.test; do
  getent hosts "$host" >/dev/null || bench_fail "$host does not resolve (./test.sh adds it to /etc/hosts)"
done
[ -d "$bench_root/tests/node/node_modules/har-validator" ] \
  || (cd "$bench_root/tests/node" && npm ci --no-audit --no-fund --silent)
bench_build_regdiag

work=$bench_tmp
export REGDIAG_HOME=$work/home
export REGISTRY_AUTH_FILE=$work/auth.json   # skopeo: never use the operator's stored credentials
mkdir -p "$work/proxy-certs"
cp "$("$regdiag" ca path)" "$work/proxy-certs/ca.crt"

# --- images: OCI layouts with fixed content -------------------------------------------------------
json_blob() {   # stores stdin as a blob of layout $1, prints "digest size"
  local tmp=$work/blob.tmp d
  cat > "$tmp"
  d=$(sha256sum < "$tmp" | cut -d' ' -f1)
  mv "$tmp" "$1/blobs/sha256/$d"
  echo "sha256:$d $(stat -c %s "$1/blobs/sha256/$d")"
}

build_image() {   # build_image NAME LAYER_BYTES...
  local name=$1 dir=$work/images/$1 i=0 size layers="" diff_ids="" d s diff
  shift
  mkdir -p "$dir/blobs/sha256"
  for size in "$@"; do
    rm -rf "$work/layer" && mkdir -p "$work/layer"
    # Incompressible but reproducible bytes: an AES-CTR keystream under a fixed key, the layer index as IV.
    head -c "$size" /dev/zero | openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f \
      -iv "$(printf '%032x' "$i")" > "$work/layer/data-$i.bin"
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$work/layer.tar" -C "$work/layer" .
    diff=$(sha256sum < "$work/layer.tar" | cut -d' ' -f1)
    read -r d s < <(gzip -n -c "$work/layer.tar" | json_blob "$dir")
    layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$d\",\"size\":$s}"
    diff_ids+="${diff_ids:+,}\"sha256:$diff\""
    i=$((i + 1))
  done
  read -r d s < <(printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
    "$diff_ids" | json_blob "$dir")
  read -r d s < <(printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[%s]}' \
    "$d" "$s" "$layers" | json_blob "$dir")
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}' \
    "$d" "$s" > "$dir/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
}
build_image small 4096 2048
build_image three 4096 8192 16384
build_image big 1572864

# --- peers ---------------------------------------------------------------------------------------
target_pid="" proxy_pid="" registry="" upstream_ca="" password="" client_log=""

start_lab() {   # start_lab LAB-ARGS...; sets registry and upstream_ca
  local port s3_port debug_port
  port=$(bench_free_port); s3_port=$(bench_free_port); debug_port=$(bench_free_port)
  "$regdiag" lab --port "$port" --s3-port "$s3_port" --debug-port "$debug_port" \
    --hostname registry.test --s3-hostname s3.test "$@" >"$work/target.log" 2>&1 &
  target_pid=$!
  bench_pids+=("$target_pid")
  bench_wait_port "$port" 60 && bench_wait_port "$debug_port" 30 \
    || bench_fail "regdiag lab $* did not start: $(tail -5 "$work/target.log")"
  registry=registry.test:$port
  upstream_ca=$REGDIAG_HOME/lab/ca.pem
}

# Debian's docker-registry over TLS with htpasswd auth (user "trace"). STORAGE_YAML replaces filesystem
# storage; REGISTRY_ENV (NAME=VALUE...) is added to its environment.
start_distribution() {
  local port dir=$work/distribution
  port=$(bench_free_port)
  rm -rf "$dir" && mkdir -p "$dir/data"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=trace registry CA" \
    -addext basicConstraints=critical,CA:TRUE -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=registry.test" \
    -keyout "$dir/tls.key" -out "$dir/tls.csr" 2>/dev/null
  openssl x509 -req -in "$dir/tls.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -days 1 -out "$dir/tls.pem" \
    -extfile <(printf 'subjectAltName=DNS:registry.test\nbasicConstraints=CA:FALSE\n') 2>/dev/null
  password=trace-$RANDOM$RANDOM
  python3 -c 'import crypt, sys; print("trace:" + crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))' \
    "$password" 2>/dev/null > "$dir/htpasswd"
  cat > "$dir/config.yml" <<YAML
version: 0.1
log:
  level: info
  formatter: text
storage:
${STORAGE_YAML:-  filesystem:
    rootdirectory: $dir/data}
http:
  addr: 127.0.0.1:$port
  secret: trace-recording
  tls:
    certificate: $dir/tls.pem
    key: $dir/tls.key
auth:
  htpasswd:
    realm: regdiag-trace
    path: $dir/htpasswd
YAML
  # It panics at start when AWS_CA_BUNDLE is set, and would read REGISTRY_AUTH_FILE (skopeo's) as its auth config.
  env -u AWS_CA_BUNDLE -u REGISTRY_AUTH_FILE ${REGISTRY_ENV:-} docker-registry serve "$dir/config.yml" >"$work/target.log" 2>&1 &
  target_pid=$!
  bench_pids+=("$target_pid")
  bench_wait_port "$port" 30 || bench_fail "docker-registry did not start: $(head -5 "$work/target.log")"
  registry=registry.test:$port
  upstream_ca=$dir/ca.pem
}

start_proxy() {   # start_proxy NAME [PORT]: records into traces/NAME.har
  local port=${2:-$(bench_free_port)} extra=()
  rm -f "$traces_dir/$1.har"
  [ -z "${extra_upstream_ca:-}" ] || extra=(--upstream-ca "$extra_upstream_ca")
  "$regdiag" proxy --no-tui --port "$port" --upstream-ca "$upstream_ca" "${extra[@]}" --save "$traces_dir/$1.har" \
    >"$work/proxy.log" 2>&1 &
  proxy_pid=$!
  bench_pids+=("$proxy_pid")
  bench_wait_port "$port" 30 || bench_fail "regdiag proxy did not start: $(tail -5 "$work/proxy.log")"
  proxy=http://127.0.0.1:$port
  client_log=$work/client.log
  : > "$client_log"
}

# SIGTERM, not SIGINT: a background job of a non-interactive shell starts with SIGINT ignored. The proxy writes
# its HAR on the way out.
# A target (lab, registry) that outlives 10 s is killed: its state is thrown away anyway. (regdiag lab
# --storage s3 was seen not to exit on SIGTERM.)
stop() {   # stop PID proxy|target
  local pid=$1 role=$2
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! timeout "$([ "$role" = proxy ] && echo 30 || echo 10)" tail --pid="$pid" -f /dev/null; then
    kill -9 "$pid" 2>/dev/null || true
    [ "$role" = target ] || bench_fail "regdiag proxy ignored SIGTERM for 30 s"
    echo "  (the $role, pid $pid, ignored SIGTERM for 10 s and was killed)" >&2
  fi
}

# skopeo through the proxy, trusting the proxy's CA only; never fails the script, returns skopeo's status.
sk() {
  echo "+ skopeo $*" >> "$client_log"
  HTTPS_PROXY=$proxy HTTP_PROXY=$proxy NO_PROXY= timeout 180 skopeo --insecure-policy "$@" >>"$client_log" 2>&1
}

push() {   # push IMAGE REPO [skopeo copy options]
  local image=$1 repo=$2
  shift 2
  sk copy --retry-times 0 --dest-cert-dir "$work/proxy-certs" "$@" "oci:$work/images/$image:latest" "docker://$registry/$repo:latest"
}

pull() {   # pull REPO [skopeo copy options]
  local repo=$1
  shift
  rm -rf "$work/pulled"
  sk copy --retry-times 0 --src-cert-dir "$work/proxy-certs" "$@" "docker://$registry/$repo:latest" "oci:$work/pulled:latest"
}

failures=0
expect() {   # expect ok|fail STATUS [PATTERN]: the client ended as the scenario says
  local want=$1 status=$2 pattern=${3:-}
  if { [ "$want" = ok ] && [ "$status" != 0 ]; } || { [ "$want" = fail ] && [ "$status" = 0 ]; } \
    || { [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$client_log"; }; then
    echo "  UNEXPECTED: wanted $want${pattern:+ matching /$pattern/}, skopeo exited $status:" >&2
    sed 's/^/    /' "$client_log" | tail -6 >&2
    failures=$((failures + 1))
  fi
}

finish() {   # finish NAME: stop everything, check the HAR
  local name=$1 har=$traces_dir/$1.har
  stop "$proxy_pid" proxy; stop "$target_pid" target
  proxy_pid="" target_pid=""
  [ -s "$har" ] || bench_fail "$name: the proxy wrote no HAR ($(tail -3 "$work/proxy.log"))"
  node "$bench_root/tests/node/validate-har.js" "$har" >/dev/null || bench_fail "$name: $har is not valid HAR 1.2"
  local leaks
  # A JWT may keep its header and claims (they explain the failure) but never its signature.
  leaks=$(grep -oE "${password:-no-password-set}|Basic [A-Za-z0-9+/=]{8,}|eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16,}|Signature=[0-9a-f]{64}|REGDIAGLAB[0-9A-F]{6,}" "$har" | head -3 | cut -c1-80 || true)
  [ -z "$leaks" ] || bench_fail "$name: secrets survived redaction in $har: $leaks"
  local last
  last=$(grep -vE '^\+ |^Getting|^Copying|^Writing|^Storing' "$client_log" | tail -1 | cut -c1-160 || true)
  printf '%-28s %6s entries %5s KB  %s\n' "$name" "$(jq '.log.entries | length' "$har")" \
    "$(( $(stat -c %s "$har") / 1024 ))" "${last:-ok}"
}

# --- the traces ----------------------------------------------------------------------------------
rc() { "$@" && echo 0 || echo $?; }

trace_lab-s3-healthy() {
  start_lab --storage s3; start_proxy "$1"
  expect ok "$(rc push three trace/healthy)"
  expect ok "$(rc pull trace/healthy)"
}
trace_s3-head-forbidden() {
  start_lab --storage s3 --scenario s3-head-forbidden; start_proxy "$1"
  push small trace/app >/dev/null || true
  expect fail "$(rc push small trace/app)" "403"
}
trace_s3-get-forbidden() {
  start_lab --storage s3 --scenario s3-head-forbidden; start_proxy "$1"
  push small trace/app >/dev/null || true
  expect fail "$(rc pull trace/app)" "403"
}
trace_s3-put-forbidden() {
  start_lab --storage s3 --scenario s3-put-forbidden; start_proxy "$1"
  expect fail "$(rc push small trace/app)" "500|Internal Server Error"
}
trace_clock-skew() {
  start_lab --storage s3 --scenario clock-skew; start_proxy "$1"
  expect fail "$(rc push small trace/app)"
  pull trace/app || true
}
trace_wrong-region() {
  start_lab --storage s3 --scenario wrong-region; start_proxy "$1"
  expect fail "$(rc push small trace/app)"
  pull trace/app || true
}
trace_bad-credentials() {
  start_lab --storage s3 --scenario bad-credentials; start_proxy "$1"
  expect fail "$(rc push small trace/app)"
  pull trace/app || true
}
trace_token-expired() {
  password=trace-$RANDOM$RANDOM
  start_lab --storage s3 --auth token --user "trace:$password" --scenario token-expired --scenario slow-storage
  start_proxy "$1"
  expect fail "$(rc push three trace/app --dest-creds "trace:$password")" "unauthorized|authentication required|401"
}
trace_insufficient-scope() {
  password=trace-$RANDOM$RANDOM
  start_lab --auth token --user "trace:$password" --scenario insufficient-scope; start_proxy "$1"
  expect fail "$(rc push small trace/app --dest-creds "trace:$password")" "denied|insufficient|401|403"
}
trace_gitlab-names() {
  start_lab --scenario gitlab-names; start_proxy "$1"
  expect fail "$(rc push small group/my--project/image)" "400|invalid|NAME_INVALID"
}
trace_body-too-large() {
  start_lab --scenario body-too-large; start_proxy "$1"
  expect fail "$(rc push big trace/app)" "413"
}
trace_flaky() {   # the user runs the push again, and again: failures at different points
  start_lab --scenario flaky; start_proxy "$1"
  expect fail "$(rc push three trace/app --retry-times 3)" "50[03]"
  push three trace/app --retry-times 3 || true
  push three trace/app --retry-times 3 || true
}
trace_debug-unhealthy() {
  start_lab --scenario debug-unhealthy; start_proxy "$1"
  expect fail "$(rc push small trace/app)" "503"
}
trace_untrusted-proxy-ca() {
  start_lab; start_proxy "$1"
  expect fail "$(rc sk copy --retry-times 0 "oci:$work/images/small:latest" "docker://$registry/trace/app:latest")" \
    "x509|certificate"
}
trace_distribution-wrong-password() {
  start_distribution; start_proxy "$1"
  expect fail "$(rc push small trace/app --dest-creds "trace:not-$password")" "unauthorized|authentication required"
}
trace_distribution-healthy() {
  start_distribution; start_proxy "$1"
  expect ok "$(rc push three trace/app --dest-creds "trace:$password")"
  expect ok "$(rc pull trace/app --src-creds "trace:$password")"
}

trace_distribution-s3-both-sides() {
  # The lab only provides the S3 store (s3-put-forbidden: its identity may not write).
  start_lab --storage s3 --scenario s3-put-forbidden
  local lab_pid=$target_pid config=$REGDIAG_HOME/lab/config.yml key secret region bucket s3_port proxy_port
  key=$(sed -n 's/^ *accesskey: *//p' "$config"); secret=$(sed -n 's/^ *secretkey: *//p' "$config")
  region=$(sed -n 's/^ *region: *//p' "$config"); bucket=$(sed -n 's/^ *bucket: *//p' "$config")
  s3_port=$(sed -n 's/^ *regionendpoint: *"*https:\/\/[^:]*:\([0-9]*\).*/\1/p' "$config")
  extra_upstream_ca=$upstream_ca
  # The proxy is started first so that the registry can send its S3 calls through it (a name, not
  # 127.0.0.1: Go never proxies loopback), trusting the proxy's CA for them.
  proxy_port=$(bench_free_port)
  STORAGE_YAML="  s3:
    accesskey: $key
    secretkey: $secret
    region: $region
    regionendpoint: https://s3.test:$s3_port
    bucket: $bucket
    rootdirectory: /both-sides
  redirect:
    disable: false" \
  REGISTRY_ENV="HTTPS_PROXY=http://127.0.0.1:$proxy_port SSL_CERT_FILE=$work/proxy-certs/ca.crt" \
    start_distribution
  start_proxy "$1" "$proxy_port"
  expect fail "$(rc push small trace/app --dest-creds "trace:$password")" "500|Internal Server Error"
  stop "$lab_pid" target
  extra_upstream_ca=""
}

# A private dockerd (vfs storage, no networking: it only pushes and pulls) whose registry traffic goes through
# the proxy, as the systemd drop-in of install-ca.sh --docker-proxy arranges. It trusts the proxy CA the way an
# operator's daemon would: install-ca.sh into this machine's store and /etc/docker/certs.d, undone afterwards.
dockerd_pid=""
start_dockerd() {
  local d=$work/dockerd
  [ "$(id -u)" = 0 ] || bench_fail "the docker traces need root (dockerd, install-ca.sh)"
  [ ! -e /var/lib/regdiag/install-ca.manifest ] || bench_fail "install-ca.sh is already installed here: run install-ca.sh --uninstall first"
  "$bench_root/install-ca.sh" --ca "$work/proxy-certs/ca.crt" --registry "$registry" >"$work/install-ca.log" 2>&1 \
    || bench_fail "install-ca.sh failed: $(tail -3 "$work/install-ca.log")"
  mkdir -p "$d"
  env -u AWS_CA_BUNDLE HTTPS_PROXY="$proxy" HTTP_PROXY="$proxy" NO_PROXY=localhost,127.0.0.1 \
    dockerd --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/pid" -H "unix://$d/docker.sock" \
    --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    --containerd-namespace regdiag-trace --containerd-plugins-namespace regdiag-trace-plugins \
    >"$work/dockerd.log" 2>&1 &
  dockerd_pid=$!
  bench_pids+=("$dockerd_pid")
  export DOCKER_HOST=unix://$d/docker.sock DOCKER_CONFIG=$work/docker-config
  for _ in $(seq 300); do docker version >/dev/null 2>&1 && break; sleep 0.1; done
  [ "$(docker info --format '{{.HTTPSProxy}}' 2>/dev/null)" = "$proxy" ] \
    || bench_fail "dockerd is not using the proxy: $(tail -3 "$work/dockerd.log")"
}
stop_dockerd() {
  stop "$dockerd_pid" target
  dockerd_pid=""
  "$bench_root/install-ca.sh" --uninstall >>"$work/install-ca.log" 2>&1 || bench_fail "install-ca.sh --uninstall failed"
}
dk() {   # the docker CLI; never fails the script, returns its status
  echo "+ docker $*" >> "$client_log"
  timeout 180 docker "$@" >>"$client_log" 2>&1
}

trace_docker-s3-head-forbidden() {
  bench_require dockerd docker
  start_lab --storage s3 --scenario s3-head-forbidden; start_proxy "$1"
  start_dockerd
  skopeo --insecure-policy copy "oci:$work/images/small:latest" "docker-archive:$work/small.tar:$registry/trace/app:latest" >/dev/null
  dk load -i "$work/small.tar" || true
  dk push "$registry/trace/app:latest" || true
  expect fail "$(rc dk push "$registry/trace/app:latest")" "403"
  stop_dockerd
}

bench_machine_note >&2
for name in "${selected[@]}"; do
  password=""
  "trace_$name" "$name"
  finish "$name"
done

# traces/README.md: one line per committed trace, from the catalog above.
{
  echo "# Reference traces"
  echo
  echo "HARs of real failures, recorded by \`traces/record.sh\` through \`regdiag proxy --save\` (redacted) from skopeo"
  echo "1.9 against \`regdiag lab\` fault scenarios and Debian's docker-registry 2.8. Host ports differ per recording."
  echo
  printf '%s\n' "$catalog" | while IFS='|' read -r name text; do
    [ -f "$traces_dir/$name.har" ] && echo "- \`$name.har\`: $text"
  done
} > "$traces_dir/README.md"

[ "$failures" = 0 ] || bench_fail "$failures trace(s) did not end as their scenario says (see above)"
