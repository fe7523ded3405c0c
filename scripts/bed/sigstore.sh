#!/usr/bin/env bash
# A real Sigstore on loopback for keyless signing (../shared/LAB.md, "Sigstore servers from Debian
# sources"): Fulcio 1.8.8, Rekor v2 (rekor-tiles 2.3.0, POSIX storage) and the timestamp authority
# 2.1.3 compiled from sid's Go source packages with sid's Go 1.27, cosign 3.1.1 from sid, and the
# bed's OIDC issuer (oidc-issuer.mjs) in front of Fulcio as a GitHub Actions issuer.
# Fulcio's server wiring imports four packages Debian does not ship: fulcio-standins/ holds this
# project's own small versions of the functions it calls (README there); Fulcio's CA, identity and
# certificate code are compiled as Debian ships them, less two blank imports of KMS providers
# Debian's sigstore package lacks (Azure, Vault).
# Compiled once into $WORK/bin, stamped with this recipe's hash; servers started when not answering.
# Writes $RUN/trusted_root.json, $RUN/signing_config.json and $RUN/env (the ports and files).
#   usage: sigstore.sh [fresh]   (env: BED_DIR, MIRROR)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$BED_DIR/sigstore
RUN=$WORK/run
MIRROR=${MIRROR:?the Debian mirror}
ISSUER_PORT=7110 FULCIO_PORT=7111 FULCIO_GRPC=7112 FULCIO_METRICS=7113
REKOR_PORT=7114 REKOR_GRPC=7115 REKOR_METRICS=7116 TSA_PORT=7117
ROOTS=(golang-github-sigstore-fulcio-dev golang-github-sigstore-rekor-tiles-dev
  golang-github-sigstore-timestamp-authority-dev golang-github-asaskevich-govalidator-dev golang-1.27-src)
log() { printf '[test-bed] sigstore: %s\n' "$*" >&2; }
# shellcheck source=private-apt.sh
. "$HERE/private-apt.sh"

# Go, the three servers' sources and every Go library they depend on (sid's closure), and cosign.
fetch() {
  local deps=$WORK/deps
  [ -f "$deps/.complete" ] && return 0
  rm -rf "$deps" && mkdir -p "$deps/debs" "$deps/root"
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
    --no-enhances "${ROOTS[@]}" cosign 2>/dev/null | grep -E '^(golang-[a-z0-9.+-]*-dev|golang-1\.27-(go|src)|cosign)$' |
    sort -u >"$deps/packages"
  (cd "$deps/debs" && xargs apt-get download -qq <"$deps/packages")
  for d in "$deps"/debs/*.deb; do dpkg-deb -x "$d" "$deps/root"; done
  rm -rf "$deps/debs"
  touch "$deps/.complete"
}

compile() {
  local bin=$WORK/bin gopath=$WORK/gopath src=$WORK/deps/root/usr/share/gocode/src goroot=$WORK/deps/root/usr/lib/go-1.27
  rm -rf "$gopath" && mkdir -p "$bin" "$gopath/src/github.com/sigstore" "$gopath/src/github.com/grpc-ecosystem/grpc-gateway"
  for d in "$HERE"/fulcio-standins/*/; do
    local path
    path=$(sed -n '1s#^// import path: ##p' "$d"/*.go)
    mkdir -p "$gopath/src/$path" && cp "$d"/*.go "$gopath/src/$path/"
  done
  # Debian ships grpc-gateway v2 at its unversioned path.
  ln -sfn "$src/github.com/grpc-ecosystem/grpc-gateway" "$gopath/src/github.com/grpc-ecosystem/grpc-gateway/v2"
  cp -r "$src/github.com/sigstore/fulcio" "$gopath/src/github.com/sigstore/fulcio"
  grep -rl 'pkg/signature/kms/\(azure\|hashivault\)"' "$gopath/src/github.com/sigstore/fulcio" --include=*.go |
    xargs -r sed -i '/pkg\/signature\/kms\/\(azure\|hashivault\)"/d'
  (
    export GOROOT=$goroot PATH=$goroot/bin:$PATH GOPATH=$WORK/deps/root/usr/share/gocode
    export GO111MODULE=off GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS= GOCACHE=$WORK/go-cache
    build() { (cd "$1" && go build -trimpath -ldflags '-s -w' -o "$2" .); }
    build "$src/github.com/sigstore/rekor-tiles/cmd/rekor-server/posix" "$bin/rekor-server"
    build "$src/github.com/sigstore/timestamp-authority/v2/cmd/timestamp-server" "$bin/timestamp-server"
    # The stand-ins take go-grpc-middleware's unversioned path, where Debian's v2 is found by GOPATH
    # mode's minimal module compatibility: only Fulcio's build sees them.
    GOPATH=$gopath:$GOPATH build "$gopath/src/github.com/sigstore/fulcio" "$bin/fulcio"
  )
  cp "$WORK/deps/root/usr/bin/cosign" "$bin/cosign"
  log "compiled fulcio, rekor-server (v2), timestamp-server; $("$bin/cosign" version 2>&1 | grep -m1 GitVersion)"
}

answers() { curl -sS -o /dev/null --max-time 2 "$1" 2>/dev/null; }
wait_for() { # what url
  for _ in $(seq 120); do answers "$2" && return 0; sleep 0.25; done
  log "$1 did not come up ($2); its log:"; tail -n 20 "$RUN/$1.log" >&2 || true
  return 1
}
start() { # name url argv...
  local name=$1 url=$2; shift 2
  answers "$url" && return 0
  setsid nohup "$@" >"$RUN/$name.log" 2>&1 </dev/null &
  wait_for "$name" "$url"
  log "started $name"
}

stop_all() {
  pkill -f "$WORK/bin/" 2>/dev/null || true
  pkill -f "oidc-issuer.mjs $ISSUER_PORT" 2>/dev/null || true
  for _ in $(seq 50); do pgrep -f "$WORK/bin/|oidc-issuer.mjs $ISSUER_PORT" >/dev/null || break; sleep 0.2; done
}

keys() {
  mkdir -p "$RUN/rekor-log"
  [ -s "$RUN/rekor.pem" ] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$RUN/rekor.pem" 2>/dev/null
}

# ---
mkdir -p "$WORK"
if [ "${1:-}" = fresh ]; then stop_all; rm -rf "$RUN"; fi
mkdir -p "$RUN"
recipe=$(cat "$0" "$HERE"/fulcio-standins/*/*.go | sha256sum | cut -c1-16)
if [ "$(cat "$WORK/bin/.recipe" 2>/dev/null)" != "$recipe" ]; then
  stop_all
  private_apt "$WORK/apt" "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR sid main"
  fetch
  compile
  unset APT_CONFIG
  echo "$recipe" >"$WORK/bin/.recipe"
fi
keys
start oidc-issuer "http://127.0.0.1:$ISSUER_PORT/.well-known/openid-configuration" \
  node "$HERE/oidc-issuer.mjs" "$ISSUER_PORT" "$RUN/issuer"
cat >"$RUN/fulcio.json" <<CFG
{"OIDCIssuers": {"http://127.0.0.1:$ISSUER_PORT": {"IssuerURL": "http://127.0.0.1:$ISSUER_PORT",
  "ClientID": "sigstore", "Type": "github-workflow"}}}
CFG
# The ephemeral CA and the in-memory TSA make new roots at each start: the trusted root below is
# written from the running servers every time.
start fulcio "http://127.0.0.1:$FULCIO_PORT/healthz" "$WORK/bin/fulcio" serve --ca ephemeralca --ct-log-url "" \
  --config-path "$RUN/fulcio.json" --host 127.0.0.1 --port "$FULCIO_PORT" --grpc-host 127.0.0.1 \
  --grpc-port "$FULCIO_GRPC" --metrics-port "$FULCIO_METRICS" --legacy-unix-domain-socket "@multiarch-bed-fulcio"
# The checkpoint origin is the log URL's host name, port left out (as Sigstore clients derive it).
# A signature waits for the next checkpoint that includes its entry: the bed publishes one every
# 250 ms (the server's default is 10 s), so the tests do not wait on the log.
start rekor "http://127.0.0.1:$REKOR_PORT/healthz" "$WORK/bin/rekor-server" serve --storage-dir "$RUN/rekor-log" \
  --signer-filepath "$RUN/rekor.pem" --hostname 127.0.0.1 --http-address 127.0.0.1 \
  --http-port "$REKOR_PORT" --grpc-address 127.0.0.1 --grpc-port "$REKOR_GRPC" --http-metrics-port "$REKOR_METRICS" \
  --checkpoint-interval 250ms --batch-max-age 50ms
start tsa "http://127.0.0.1:$TSA_PORT/ping" "$WORK/bin/timestamp-server" serve --host 127.0.0.1 --port "$TSA_PORT" \
  --timestamp-signer memory --disable-ntp-monitoring
node "$HERE/sigstore-config.mjs" "$RUN" "$ISSUER_PORT" "$FULCIO_PORT" "$REKOR_PORT" "$TSA_PORT"
log "issuer :$ISSUER_PORT, fulcio :$FULCIO_PORT, rekor v2 :$REKOR_PORT, tsa :$TSA_PORT; $RUN/trusted_root.json"
