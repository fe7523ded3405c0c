#!/usr/bin/env bash
# A real BuildKit image for docker-container nodes (the action's default driver), compiled here
# from Debian's own source packages, since moby/buildkit cannot be pulled (../shared/LAB.md,
# "A BuildKit image from Debian sources"). Pushed to the loopback registry as $REF.
# Nothing is installed on the host: a private apt configuration fetches trixie's sources, Go and
# the Go libraries into $WORK, which also keeps the Go build cache for the next run.
#   usage: buildkit-image.sh REF   (env: BED_DIR, MIRROR)
set -euo pipefail
REF=$1
WORK=$BED_DIR/buildkit-image
MIRROR=${MIRROR:?the Debian mirror}
SRC_VERSION=26.1.5+dfsg1-9+deb13u1 # trixie's docker.io: BuildKit v0.13.2 in its orig-buildkit
BUILDKIT_VERSION=v0.13.2
log() { printf '[test-bed] buildkit image: %s\n' "$*" >&2; }
# shellcheck source=private-apt.sh
. "$(dirname "$0")/private-apt.sh"

GO_DEPS=(golang-1.24-go golang-1.24-src
  golang-github-agext-levenshtein-dev golang-github-appc-cni-dev golang-github-armon-circbuf-dev
  golang-github-aws-aws-sdk-go-v2-dev golang-github-aws-smithy-go-dev golang-github-beorn7-perks-dev
  golang-github-cenkalti-backoff-dev golang-github-cespare-xxhash-dev golang-github-containerd-console-dev
  golang-github-containerd-containerd-dev golang-github-containerd-continuity-dev golang-github-containerd-errdefs-dev
  golang-github-containerd-fifo-dev golang-github-containerd-go-cni-dev golang-github-containerd-go-runc-dev
  golang-github-containerd-log-dev golang-github-containerd-platforms-dev golang-github-containerd-ttrpc-dev
  golang-github-containerd-typeurl-dev golang-github-coreos-bbolt-dev golang-github-coreos-go-systemd-dev
  golang-github-dimchansky-utfbom-dev golang-github-distribution-reference-dev
  golang-github-docker-docker-credential-helpers-dev golang-github-docker-go-connections-dev
  golang-github-docker-go-events-dev golang-github-docker-go-metrics-dev golang-github-docker-go-units-dev
  golang-github-felixge-httpsnoop-dev golang-github-go-logr-logr-dev golang-github-go-logr-stdr-dev
  golang-github-gofrs-flock-dev golang-github-gogo-googleapis-dev golang-github-gogo-protobuf-dev
  golang-github-golang-groupcache-dev golang-github-golang-jwt-jwt-dev golang-github-golang-protobuf-1-5-dev
  golang-github-google-go-cmp-dev golang-github-google-shlex-dev golang-github-google-uuid-dev
  golang-github-grpc-ecosystem-grpc-gateway-dev golang-github-hashicorp-errwrap-dev
  golang-github-hashicorp-go-immutable-radix-dev golang-github-hashicorp-go-multierror-dev
  golang-github-hashicorp-golang-lru-dev golang-github-in-toto-in-toto-golang-dev golang-github-klauspost-compress-dev
  golang-github-mitchellh-hashstructure-dev golang-github-moby-docker-image-spec-dev golang-github-moby-locker-dev
  golang-github-moby-patternmatcher-dev golang-github-moby-sys-dev golang-github-morikuni-aec-dev
  golang-github-munnerz-goautoneg-dev golang-github-opencontainers-go-digest-dev
  golang-github-opencontainers-image-spec-dev golang-github-opencontainers-selinux-dev
  golang-github-opencontainers-specs-dev golang-github-pelletier-go-toml-dev golang-github-pkg-errors-dev
  golang-github-prometheus-client-golang-dev golang-github-prometheus-client-model-dev
  golang-github-prometheus-common-dev golang-github-prometheus-procfs-dev
  golang-github-secure-systems-lab-go-securesystemslib-dev golang-github-shibumi-go-pathspec-dev
  golang-github-sirupsen-logrus-dev golang-github-tonistiigi-units-dev golang-github-vbatts-tar-split-dev
  golang-github-vishvananda-netlink-dev golang-github-vishvananda-netns-dev golang-golang-x-crypto-dev
  golang-golang-x-net-dev golang-golang-x-sync-dev golang-golang-x-sys-dev golang-golang-x-text-dev
  golang-golang-x-time-dev golang-google-genproto-dev golang-google-grpc-dev golang-google-protobuf-dev
  golang-opentelemetry-contrib-dev golang-opentelemetry-otel-dev golang-opentelemetry-proto-dev)

fetch_sources() {
  local src=$WORK/src
  mkdir -p "$src"
  if ! ls "$src"/docker.io_*.orig-buildkit.tar.* >/dev/null 2>&1; then
    # The mirror serves the four files but answers 404 for the .dsc, so apt exits non-zero after
    # fetching them: check the files, not the exit code.
    (cd "$src" && apt-get source --download-only "docker.io=$SRC_VERSION" >/dev/null 2>&1) || true
  fi
  for part in orig orig-buildkit orig-cli debian; do
    local f
    if [ "$part" = orig ]; then f=$(ls "$src"/docker.io_*.orig.tar.* 2>/dev/null | head -n 1)
    elif [ "$part" = debian ]; then f=$(ls "$src"/docker.io_*.debian.tar.* 2>/dev/null | head -n 1)
    else f=$(ls "$src"/docker.io_*."$part".tar.* 2>/dev/null | head -n 1); fi
    [ -n "$f" ] || { log "the $part tarball of docker.io $SRC_VERSION could not be fetched"; return 1; }
  done
}

unpack_sources() {
  local tree=$WORK/tree src=$WORK/src
  [ -f "$tree/.patched" ] && return 0
  rm -rf "$tree" && mkdir -p "$tree/engine" "$tree/buildkit" "$tree/cli"
  # ./moby-moby-*/engine/..., ./buildkit/..., ./cli/...
  tar -C "$tree/engine" --strip-components=3 -xf "$(ls "$src"/docker.io_*.orig.tar.* | head -n 1)"
  tar -C "$tree/buildkit" --strip-components=2 -xf "$(ls "$src"/docker.io_*.orig-buildkit.tar.* | head -n 1)"
  tar -C "$tree/cli" --strip-components=2 -xf "$(ls "$src"/docker.io_*.orig-cli.tar.* | head -n 1)"
  tar -C "$tree" -xf "$(ls "$src"/docker.io_*.debian.tar.* | head -n 1)"
  # Debian's patches, in order (two touch BuildKit: no hcsshim, jaeger stubbed).
  while read -r p; do
    case "$p" in ''|'#'*) continue ;; esac
    patch -s -d "$tree" -p1 <"$tree/debian/patches/${p%% *}"
  done <"$tree/debian/patches/series"
  touch "$tree/.patched"
}

fetch_go() {
  local deps=$WORK/deps
  [ -f "$deps/.complete" ] && return 0
  rm -rf "$deps" && mkdir -p "$deps/debs" "$deps/root"
  (cd "$deps/debs" && apt-get download -qq "${GO_DEPS[@]}")
  for d in "$deps"/debs/*.deb; do dpkg-deb -x "$d" "$deps/root"; done
  rm -rf "$deps/debs"
  touch "$deps/.complete"
}

compile() {
  local out=$WORK/bin gopath=$WORK/gopath
  [ -x "$out/buildkitd" ] && [ -x "$out/buildctl" ] && return 0
  mkdir -p "$out" "$gopath/src/github.com/moby" "$gopath/src/github.com/docker"
  ln -sfn "$WORK/tree/buildkit" "$gopath/src/github.com/moby/buildkit"
  ln -sfn "$WORK/tree/engine" "$gopath/src/github.com/docker/docker"
  ln -sfn "$WORK/tree/cli" "$gopath/src/github.com/docker/cli"
  local goroot=$WORK/deps/root/usr/lib/go-1.24
  (
    cd "$gopath/src/github.com/moby/buildkit"
    export GOROOT=$goroot PATH=$goroot/bin:$PATH GOPATH=$gopath:$WORK/deps/root/usr/share/gocode
    export GO111MODULE=off GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=
    export GOCACHE=$WORK/go-cache
    local flags=(-trimpath -tags 'osusergo netgo static_build seccomp'
      -ldflags "-s -w -X github.com/moby/buildkit/version.Version=$BUILDKIT_VERSION")
    go build "${flags[@]}" -o "$out/buildkitd" ./cmd/buildkitd
    go build "${flags[@]}" -o "$out/buildctl" ./cmd/buildctl
  )
  log "compiled buildkitd and buildctl $BUILDKIT_VERSION"
}

# Copies a host binary and the shared libraries it links into the rootfs.
copy_with_libs() { # rootfs file [dest]
  local root=$1 file=$2 dest=${3:-$2}
  mkdir -p "$root$(dirname "$dest")"
  cp -L "$file" "$root$dest"
  ldd "$file" 2>/dev/null | awk '/=>/ { print $3 } /^\t\/lib/ { print $1 }' | while read -r lib; do
    [ -n "$lib" ] && [ -f "$lib" ] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -Ln "$lib" "$root$lib" 2>/dev/null || true
  done
}

assemble() {
  local root=$WORK/image/rootfs
  rm -rf "$WORK/image" && mkdir -p "$root"/{usr/bin,bin,etc/buildkit,etc/ssl/certs,tmp,var/lib/buildkit,lib64}
  chmod 1777 "$root/tmp"
  cp "$WORK/bin/buildkitd" "$WORK/bin/buildctl" "$root/usr/bin/"
  copy_with_libs "$root" /usr/sbin/runc /usr/bin/runc
  ln -s runc "$root/usr/bin/buildkit-runc"
  cp /bin/busybox "$root/bin/busybox" 2>/dev/null || cp "$(command -v busybox)" "$root/bin/busybox"
  ln -s busybox "$root/bin/sh"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  # git: the action's default context is a Git context, which BuildKit fetches inside the node,
  # then updates its submodules (git 2.39's `git submodule` is a shell script: it needs its
  # helpers, a shell and the usual tools, which busybox provides).
  copy_with_libs "$root" /usr/bin/git
  for helper in git-remote-http git-remote-https git-sh-i18n--envsubst; do
    copy_with_libs "$root" "/usr/lib/git-core/$helper"
  done
  for script in git-submodule git-sh-setup git-sh-i18n; do cp "/usr/lib/git-core/$script" "$root/usr/lib/git-core/"; done
  ln -sf ../../bin/git "$root/usr/lib/git-core/git"
  ln -sf ../../bin/git "$root/usr/lib/git-core/git-submodule--helper"
  for applet in $("$root/bin/busybox" --list); do
    [ -e "$root/bin/$applet" ] || [ -e "$root/usr/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  cat >"$WORK/image/Dockerfile" <<'DF'
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/bin:/bin BUILDKIT_SETUP_CGROUPV2_ROOT=1
VOLUME /var/lib/buildkit
ENTRYPOINT ["buildkitd"]
DF
}

command -v busybox >/dev/null || [ -x /bin/busybox ] || apt-get install -y -qq busybox-static >/dev/null
command -v patch >/dev/null || apt-get install -y -qq patch >/dev/null
mkdir -p "$WORK"
# The binaries are kept with the hash of the recipe that made them: pushing again (a fresh
# registry) costs seconds; a changed recipe compiles again.
recipe=$(sha256sum "$0" | cut -c1-16)
if [ "$(cat "$WORK/bin/.recipe" 2>/dev/null)" != "$recipe" ] || [ ! -x "$WORK/bin/buildkitd" ]; then
  private_apt "$WORK/apt" "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" \
    "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main"
  fetch_sources
  unpack_sources
  fetch_go
  compile
  unset APT_CONFIG
  echo "$recipe" >"$WORK/bin/.recipe"
else
  log "binaries of this recipe already compiled: $WORK/bin"
fi
assemble
docker buildx build --builder default --platform linux/amd64 --provenance false -t "$REF" --push \
  "$WORK/image" >"$WORK/push.log" 2>&1 || { tail -n 20 "$WORK/push.log" >&2; exit 1; }
log "pushed $REF"
