#!/usr/bin/env bash
# Debian bookworm root filesystems for amd64 and arm64, made with mmdebstrap from the machine's own
# Debian mirror (arm64's maintainer scripts run under the host's QEMU binfmt), slimmed as the
# official -slim images are, pushed as ONE two-platform image to the loopback registry, so that an
# ordinary `FROM debian:bookworm-slim` resolves hub-free through a docker.io mirror. The image's
# apt sources point at the same mirror, so `apt-get update` in a RUN works with host network.
#   usage: debian-images.sh REGISTRY   (env: BED_DIR, MIRROR)
set -euo pipefail
REGISTRY=$1
WORK=$BED_DIR/debian-images
MIRROR=${MIRROR:?the Debian mirror}
log() { printf '[test-bed] debian images: %s\n' "$*" >&2; }

command -v mmdebstrap >/dev/null || apt-get install -y -qq mmdebstrap arch-test >/dev/null
mkdir -p "$WORK"
sources="Types: deb
URIs: $MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"

for arch in amd64 arm64; do
  [ -s "$WORK/rootfs-$arch.tar" ] && continue
  # Slim as the official -slim images: no man pages, docs (but copyrights), locales or info;
  # apt's default Install-Recommends stays (mmdebstrap's own apt file turns it off: removed).
  mmdebstrap --quiet --variant=minbase --arch="$arch" --mode=root --format=tar \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --customize-hook='rm -f "$1/etc/apt/apt.conf.d/99mmdebstrap" "$1/etc/apt/sources.list"' \
    --customize-hook="printf '%s\n' '$sources' > \"\$1/etc/apt/sources.list.d/debian.sources\"" \
    --customize-hook='printf "%s\n" "DPkg::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };" "APT::Update::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };" "Dir::Cache::pkgcache \"\"; Dir::Cache::srcpkgcache \"\";" > "$1/etc/apt/apt.conf.d/docker-clean"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    bookworm "$WORK/rootfs-$arch.tar.tmp" "deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main"
  mv "$WORK/rootfs-$arch.tar.tmp" "$WORK/rootfs-$arch.tar"
  log "made rootfs-$arch.tar ($(du -h "$WORK/rootfs-$arch.tar" | cut -f1))"
done

printf 'FROM scratch\nARG TARGETARCH\nADD rootfs-${TARGETARCH}.tar /\nCMD ["bash"]\n' >"$WORK/Dockerfile"
docker buildx build --builder default --platform linux/amd64,linux/arm64 --provenance false \
  -t "$REGISTRY/library/debian:bookworm-slim" -t "$REGISTRY/library/debian:bookworm" --push \
  -f "$WORK/Dockerfile" "$WORK" >"$WORK/push.log" 2>&1 || { tail -n 20 "$WORK/push.log" >&2; exit 1; }
log "pushed $REGISTRY/library/debian:bookworm-slim and :bookworm"
