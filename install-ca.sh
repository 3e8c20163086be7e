#!/usr/bin/env bash
# install-ca.sh: makes clients trust RegDiag's proxy CA, and optionally points dockerd at the proxy.
# Needs bash and coreutils only (no .NET): the CA comes from --ca FILE or from `regdiag ca path`.
# Everything it adds is listed in a manifest (ROOT/var/lib/regdiag/install-ca.manifest) so that
# --uninstall removes exactly that and nothing else. Exit codes: 0 done, 1 failed, 2 bad usage.
set -euo pipefail

readonly PROG=install-ca.sh
readonly CA_NAME=regdiag-ca
readonly MANIFEST_REL=/var/lib/regdiag/install-ca.manifest
readonly BACKUP_REL=/var/lib/regdiag/install-ca-backup
readonly DROPIN_REL=/etc/systemd/system/docker.service.d/http-proxy.conf
readonly MARKER="# Written by RegDiag install-ca.sh; removed by install-ca.sh --uninstall."

usage() {
  cat <<'EOF'
Usage: install-ca.sh [options]
       install-ca.sh --uninstall [--root DIR] [--dry-run]

Installs RegDiag's proxy CA so that clients accept the certificates the proxy presents:
  - into the system trust store (Debian/Ubuntu: update-ca-certificates; RHEL/Fedora:
    update-ca-trust; Alpine: update-ca-certificates; macOS: the System keychain), which is what
    skopeo, curl and the Docker daemon use for storage (S3) hosts;
  - into /etc/docker/certs.d/HOST[:PORT]/ for each --registry (the Docker daemon's per-registry CAs);
  - optionally, a systemd drop-in that sends dockerd's traffic through the proxy (--docker-proxy).
Everything added is recorded in ROOT/var/lib/regdiag/install-ca.manifest; --uninstall removes it.

Options:
  --ca FILE              the CA certificate (PEM); default: the output of `regdiag ca path`
                         (under sudo, for the invoking user's REGDIAG_HOME)
  --registry HOST[:PORT] also install into /etc/docker/certs.d/HOST[:PORT]/ (repeatable)
  --docker-proxy URL     write /etc/systemd/system/docker.service.d/http-proxy.conf with
                         HTTP_PROXY and HTTPS_PROXY=URL (e.g. http://127.0.0.1:8080)
  --no-proxy LIST        NO_PROXY for that drop-in (default: localhost,127.0.0.1)
  --store KIND           trust store: auto (default), debian, rhel, alpine, macos or none
  --uninstall            remove everything a previous run added (as listed in its manifest)
  --dry-run              print what would be done and change nothing
  --root DIR             operate on DIR as if it were / (for tests and image builds)
  -h, --help             this help

Example:
  sudo ./install-ca.sh --ca ~/.regdiag/ca/ca.crt --registry registry.example.com \
       --docker-proxy http://127.0.0.1:8080
EOF
}

usage_error() {
  printf '%s: %s (see --help)\n' "$PROG" "$1" >&2
  exit 2
}

fail() {
  printf '%s: %s\n' "$PROG" "$1" >&2
  exit 1
}

# --- options ---------------------------------------------------------------------------------
ca_file=""
registries=()
docker_proxy=""
no_proxy="localhost,127.0.0.1"
store=auto
uninstall=0
dry_run=0
root=""

need_value() {
  [ $# -ge 2 ] && [ -n "$2" ] || usage_error "$1 needs a value"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --ca) need_value "$@"; ca_file=$2; shift 2 ;;
    --ca=*) ca_file=${1#*=}; shift ;;
    --registry) need_value "$@"; registries+=("$2"); shift 2 ;;
    --registry=*) registries+=("${1#*=}"); shift ;;
    --docker-proxy) need_value "$@"; docker_proxy=$2; shift 2 ;;
    --docker-proxy=*) docker_proxy=${1#*=}; shift ;;
    --no-proxy) need_value "$@"; no_proxy=$2; shift 2 ;;
    --no-proxy=*) no_proxy=${1#*=}; shift ;;
    --store) need_value "$@"; store=$2; shift 2 ;;
    --store=*) store=${1#*=}; shift ;;
    --root) need_value "$@"; root=$2; shift 2 ;;
    --root=*) root=${1#*=}; shift ;;
    --uninstall) uninstall=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) usage_error "unknown option $1" ;;
    *) usage_error "unexpected argument $1" ;;
  esac
done

case "$store" in
  auto|debian|rhel|alpine|macos|none) ;;
  *) usage_error "--store must be auto, debian, rhel, alpine, macos or none, not '$store'" ;;
esac

for r in ${registries[@]+"${registries[@]}"}; do
  # A host name or IP (IPv6 in brackets) and an optional port: nothing that could climb out of certs.d.
  if ! [[ "$r" =~ ^([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$ ]]; then
    usage_error "--registry '$r' is not HOST or HOST:PORT"
  fi
done

if [ -n "$docker_proxy" ] && ! [[ "$docker_proxy" =~ ^https?://[^[:space:]\"]+$ ]]; then
  usage_error "--docker-proxy '$docker_proxy' is not an http:// or https:// URL"
fi
if [[ "$no_proxy" =~ [[:space:]\"] ]]; then
  usage_error "--no-proxy '$no_proxy' must be a comma-separated list without spaces or quotes"
fi

if [ -n "$root" ]; then
  [ -d "$root" ] || usage_error "--root '$root' is not a directory"
  root=$(cd "$root" && pwd -P)
  [ "$root" = / ] && root=""
fi

if [ "$uninstall" = 1 ] && { [ -n "$ca_file" ] || [ ${#registries[@]} -gt 0 ] || [ -n "$docker_proxy" ]; }; then
  usage_error "--uninstall takes no --ca, --registry or --docker-proxy: it removes what the manifest lists"
fi

if [ "$dry_run" = 0 ] && [ -z "$root" ] && [ "$(id -u)" != 0 ]; then
  fail "must run as root to change the system trust store (use sudo, or --dry-run to see what it would do)"
fi

manifest=$root$MANIFEST_REL
on_macos=0
[ -z "$root" ] && [ "$(uname -s)" = Darwin ] && on_macos=1

# --- actions: every change goes through these, so --dry-run and the manifest cannot miss one ----
say() { printf '%s\n' "$*"; }

# Manifest lines are TAB-separated: file PATH | dir PATH | backup PATH SAVED | store KIND | keychain SHA1 | systemd
# (Plain strings, not associative arrays: macOS still ships bash 3.2.)
recorded=""
pending=()
is_recorded() { printf '%s\n' "$recorded" | grep -Fxq -- "$1"; }
record() {
  local line
  line=$(printf '%s\t' "$@")
  line=${line%$'\t'}
  is_recorded "$line" && return 0
  recorded="$recorded$line"$'\n'
  if [ -f "$manifest" ]; then
    printf '%s\n' "$line" >> "$manifest"
  else
    pending+=("$line")
  fi
}

# Creates DIR (a path inside the root) and each missing parent, recording each one it created.
make_dir() {
  local rel=$1 path parts=() p
  p=$rel
  while [ -n "$p" ] && [ "$p" != / ] && [ ! -d "$root$p" ]; do
    parts=("$p" ${parts[@]+"${parts[@]}"})
    p=$(dirname "$p")
  done
  for p in ${parts[@]+"${parts[@]}"}; do
    if [ "$dry_run" = 1 ]; then
      say "would create directory $root$p"
    else
      mkdir -m 0755 "$root$p"
      record dir "$p"
    fi
  done
}

# Opens the manifest, writing the entries recorded before it existed (the directories it lives in).
# A dry run only reads it, to know which files are already ours.
open_manifest() {
  [ -f "$manifest" ] && recorded=$(cat "$manifest")$'\n'
  [ "$dry_run" = 1 ] && return 0
  make_dir "$(dirname "$MANIFEST_REL")"
  [ -f "$manifest" ] || printf '# RegDiag install-ca.sh manifest: what `install-ca.sh --uninstall` removes. Do not edit.\n' > "$manifest"
  local line
  for line in ${pending[@]+"${pending[@]}"}; do
    printf '%s\n' "$line" >> "$manifest"
  done
  pending=()
}

owned() { is_recorded "$(printf 'file\t%s' "$1")"; }

# Puts SOURCE at DEST (a path inside the root) with mode 0644. A file we did not write is saved first
# and put back by --uninstall; an identical file is left alone and not claimed.
place_file() {
  local source=$1 dest=$2 target=$root$2
  make_dir "$(dirname "$dest")"
  if [ -e "$target" ] && ! owned "$dest"; then
    if cmp -s "$source" "$target"; then
      say "already present: $target"
      return 0
    fi
    local saved=$BACKUP_REL/${dest//\//%}
    if [ "$dry_run" = 1 ]; then
      say "would save the existing $target as $root$saved"
    else
      make_dir "$BACKUP_REL"
      cp -p "$target" "$root$saved"
      record backup "$dest" "$saved"
      say "saved the existing $target as $root$saved"
    fi
  fi
  if [ "$dry_run" = 1 ]; then
    say "would write $target"
    return 0
  fi
  record file "$dest"
  local tmp=$target.regdiag-new
  cp "$source" "$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$target"
  say "wrote $target"
}

run() {
  if [ "$dry_run" = 1 ]; then
    say "would run: $*"
    return 0
  fi
  say "running: $*"
  "$@" || fail "'$*' failed (exit $?)"
}

# --- trust stores -------------------------------------------------------------------------------
detect_store() {
  if [ "$on_macos" = 1 ]; then
    echo macos
  elif [ -f "$root/etc/os-release" ] && grep -qE '^ID="?alpine"?$' "$root/etc/os-release"; then
    echo alpine
  elif [ -d "$root/etc/pki/ca-trust/source/anchors" ]; then
    echo rhel
  elif [ -d "$root/usr/local/share/ca-certificates" ] || [ -f "$root/etc/ca-certificates.conf" ]; then
    echo debian
  else
    fail "cannot tell which trust store ${root:-this system} uses: pass --store debian|rhel|alpine|macos|none"
  fi
}

# Debian's update-ca-certificates can be pointed at a fake root; run it there only when that root
# has a Debian trust-store layout, so the tests exercise the real tool.
debian_refresh() {
  if [ -z "$root" ]; then
    command -v update-ca-certificates >/dev/null || fail "update-ca-certificates not found (apt-get install ca-certificates)"
    run update-ca-certificates "$@"
  elif [ -f "$root/etc/ca-certificates.conf" ] && [ -d "$root/etc/ssl/certs" ] && command -v update-ca-certificates >/dev/null; then
    run update-ca-certificates "$@" \
      --certsconf "$root/etc/ca-certificates.conf" --certsdir "$root/usr/share/ca-certificates" \
      --localcertsdir "$root/usr/local/share/ca-certificates" --etccertsdir "$root/etc/ssl/certs" \
      --hooksdir "$root/etc/ca-certificates/update.d"
  else
    say "skipped under --root (no Debian trust-store layout there): update-ca-certificates $*"
  fi
}

refresh_store() {
  local kind=$1 mode=$2   # mode: install | replace (our file changed) | uninstall
  case "$kind" in
    debian)
      # --fresh unless only adding: otherwise update-ca-certificates keeps the old CA's symlinks in
      # /etc/ssl/certs (it rehashes only when its set of files changed).
      if [ "$mode" = install ]; then debian_refresh; else debian_refresh --fresh; fi ;;
    rhel)
      if [ -n "$root" ]; then say "skipped under --root: update-ca-trust extract"
      else run update-ca-trust extract; fi ;;
    alpine)
      if [ -n "$root" ]; then say "skipped under --root: update-ca-certificates"
      else run update-ca-certificates; fi ;;
  esac
}

store_path() {
  case "$1" in
    debian|alpine) echo "/usr/local/share/ca-certificates/$CA_NAME.crt" ;;
    rhel) echo "/etc/pki/ca-trust/source/anchors/$CA_NAME.crt" ;;
  esac
}

readonly MAC_KEYCHAIN=/Library/Keychains/System.keychain

# --- uninstall ------------------------------------------------------------------------------------
do_uninstall() {
  if [ ! -f "$manifest" ]; then
    say "nothing to uninstall: no manifest at $manifest"
    return 0
  fi
  local lines=() line kind a b i stores=() dirs=() restart=0
  while IFS= read -r line; do
    [ -z "$line" ] || [ "${line:0:1}" = "#" ] || lines+=("$line")
  done < "$manifest"
  # Newest first, so a backup is restored after the file that replaced it is gone.
  for ((i = ${#lines[@]} - 1; i >= 0; i--)); do
    IFS=$'\t' read -r kind a b <<<"${lines[i]}"
    case "$kind" in
      file)
        if [ "$dry_run" = 1 ]; then say "would remove $root$a"
        elif [ -e "$root$a" ] || [ -L "$root$a" ]; then rm -f "$root$a"; say "removed $root$a"; fi ;;
      backup)
        if [ "$dry_run" = 1 ]; then say "would restore $root$a from $root$b"
        elif [ -f "$root$b" ]; then mv -f "$root$b" "$root$a"; say "restored $root$a"; fi ;;
      dir) dirs+=("$a") ;;
      store) stores+=("$a") ;;
      keychain)
        if [ "$dry_run" = 1 ]; then say "would run: security delete-certificate -Z $a $MAC_KEYCHAIN"
        else security delete-certificate -Z "$a" "$MAC_KEYCHAIN" >/dev/null && say "removed the CA ($a) from $MAC_KEYCHAIN" \
          || say "the CA ($a) was no longer in $MAC_KEYCHAIN"; fi ;;
      systemd) restart=1 ;;
      *) fail "$manifest: unknown entry '${lines[i]}'" ;;
    esac
  done
  for kind in ${stores[@]+"${stores[@]}"}; do
    refresh_store "$kind" uninstall
  done
  if [ "$dry_run" = 1 ]; then
    say "would remove $manifest"
  else
    rm -f "$manifest"
  fi
  # Collected newest first, so children go before their parents; a directory that holds anything
  # else stays.
  for a in ${dirs[@]+"${dirs[@]}"}; do
    if [ "$dry_run" = 1 ]; then
      say "would remove directory $root$a (if empty)"
    elif [ -d "$root$a" ]; then
      if rmdir "$root$a" 2>/dev/null; then say "removed directory $root$a"
      else say "kept directory $root$a: it holds files install-ca.sh did not add"; fi
    fi
  done
  if [ "$restart" = 1 ]; then
    say "dockerd still runs with the proxy settings until restarted: systemctl daemon-reload && systemctl restart docker"
  fi
}

# --- install --------------------------------------------------------------------------------------
resolve_ca() {
  if [ -z "$ca_file" ]; then
    local regdiag
    regdiag=$(command -v "${REGDIAG:-regdiag}" 2>/dev/null) \
      || fail "no CA given: pass --ca FILE, or put regdiag on PATH so that \`regdiag ca path\` finds it"
    # Under sudo the CA is the invoking user's (their ~/.regdiag), not root's: ask as that user.
    local as_user=()
    if [ -z "${REGDIAG_HOME:-}" ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ] && command -v sudo >/dev/null; then
      as_user=(sudo -H -u "$SUDO_USER" --)
    fi
    ca_file=$(${as_user[@]+"${as_user[@]}"} "$regdiag" ca path) \
      || fail "\`regdiag ca path\` failed: create the CA with \`regdiag ca init\`, or pass --ca FILE"
    say "CA from \`regdiag ca path\`: $ca_file"
  fi
  [ -f "$ca_file" ] && [ -r "$ca_file" ] || usage_error "CA file '$ca_file' does not exist or is not readable"
  if grep -q 'PRIVATE KEY' "$ca_file"; then
    usage_error "'$ca_file' contains a private key: pass the CA certificate only (regdiag ca path)"
  fi
  grep -q -- '-----BEGIN CERTIFICATE-----' "$ca_file" || usage_error "'$ca_file' is not a PEM certificate"
  if command -v openssl >/dev/null && ! openssl x509 -in "$ca_file" -noout 2>/dev/null; then
    usage_error "'$ca_file' is not a valid PEM certificate (openssl cannot read it)"
  fi
}

do_install() {
  resolve_ca
  local kind=$store
  [ "$kind" = auto ] && kind=$(detect_store)
  [ "$kind" = macos ] && [ "$on_macos" = 0 ] && usage_error "--store macos works only on macOS without --root"

  open_manifest
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT

  case "$kind" in
    debian|rhel|alpine)
      local dest mode=install
      dest=$(store_path "$kind")
      [ -e "$root$dest" ] && ! cmp -s "$ca_file" "$root$dest" && mode=replace
      place_file "$ca_file" "$dest"
      [ "$dry_run" = 1 ] || record store "$kind"
      refresh_store "$kind" "$mode" ;;
    macos)
      local sha1
      sha1=$(openssl x509 -in "$ca_file" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
      run security add-trusted-cert -d -r trustRoot -k "$MAC_KEYCHAIN" "$ca_file"
      [ "$dry_run" = 1 ] || record keychain "$sha1" ;;
    none) say "system trust store left alone (--store none)" ;;
  esac

  # Docker Desktop on macOS reads ~/.docker/certs.d; dockerd on Linux reads /etc/docker/certs.d.
  local certs_d=/etc/docker/certs.d
  [ "$on_macos" = 1 ] && certs_d=$HOME/.docker/certs.d
  local r dest
  for r in ${registries[@]+"${registries[@]}"}; do
    dest=$certs_d/$r/ca.crt
    # dockerd trusts every *.crt in the directory, so a registry's own ca.crt can stay beside ours.
    if [ -e "$root$dest" ] && ! owned "$dest" && ! cmp -s "$ca_file" "$root$dest"; then
      dest=$certs_d/$r/$CA_NAME.crt
    fi
    place_file "$ca_file" "$dest"
  done

  if [ -n "$docker_proxy" ]; then
    if [ "$on_macos" = 1 ]; then
      say "Docker Desktop ignores systemd drop-ins: set the proxy to $docker_proxy under Settings > Resources > Proxies"
    else
      # systemd expands % specifiers in Environment=, so a literal % (as in user%40host) is written %%.
      local proxy_value=${docker_proxy//%/%%} no_proxy_value=${no_proxy//%/%%}
      {
        printf '%s\n[Service]\n' "$MARKER"
        printf 'Environment="HTTP_PROXY=%s"\n' "$proxy_value"
        printf 'Environment="HTTPS_PROXY=%s"\n' "$proxy_value"
        printf 'Environment="NO_PROXY=%s"\n' "$no_proxy_value"
      } > "$tmp/http-proxy.conf"
      place_file "$tmp/http-proxy.conf" "$DROPIN_REL"
      [ "$dry_run" = 1 ] || record systemd
      say "dockerd picks this up after: systemctl daemon-reload && systemctl restart docker"
      say "(Go clients never proxy localhost or 127.0.0.1: address the registry by a name, not localhost)"
    fi
  fi

  if [ "$dry_run" = 1 ]; then
    say "dry run: nothing was changed"
  else
    say "done; undo with: $0 --uninstall${root:+ --root $root}"
  fi
}

if [ "$uninstall" = 1 ]; then
  do_uninstall
else
  do_install
fi
