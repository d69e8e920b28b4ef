#!/usr/bin/env bash
# Builds the base image d2j's container images start from, out of Debian packages only (no image
# registry is needed): a minimal Debian root made by debootstrap, saved as a tarball, then loaded
# into Docker with `docker import`.
#
#   packaging/container/build-base.sh --tar FILE            the root as a tarball (kept: reused)
#   packaging/container/build-base.sh --tar FILE --image NAME   ... and imported as image NAME
#
#   --suite S     Debian suite (default bookworm)
#   --mirror URL  Debian mirror (default $D2J_DEBIAN_MIRROR or http://deb.debian.org/debian)
#   --force       rebuild the tarball even if FILE exists
#
# As root (debootstrap needs it). Takes 2-4 minutes for the tarball (about 80 MB of packages
# downloaded); the import takes seconds. The image has the suite's main, -updates and -security
# sources, so images built FROM it install packages with apt-get as usual.
set -euo pipefail
suite=bookworm
mirror=${D2J_DEBIAN_MIRROR:-http://deb.debian.org/debian}
tar=
image=
force=0
while (($#)); do
  case "$1" in
    --tar) tar=$2; shift 2 ;;
    --image) image=$2; shift 2 ;;
    --suite) suite=$2; shift 2 ;;
    --mirror) mirror=$2; shift 2 ;;
    --force) force=1; shift ;;
    *) echo "build-base.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ -z "$tar" ]]; then
  echo "usage: build-base.sh --tar FILE [--image NAME] [--suite S] [--mirror URL] [--force]" >&2
  exit 2
fi

if [[ ! -s "$tar" || $force == 1 ]]; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "build-base.sh: debootstrap needs root" >&2
    exit 1
  fi
  command -v debootstrap >/dev/null || {
    echo "build-base.sh: debootstrap is missing (apt-get install debootstrap)" >&2
    exit 1
  }
  mkdir -p "$(dirname "$tar")"
  work=$(mktemp -d "$(dirname "$tar")/.debootstrap.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  start=$SECONDS
  echo "build-base.sh: debootstrap --variant=minbase $suite ($mirror) ..." >&2
  debootstrap --variant=minbase "$suite" "$work/root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -20 "$work/debootstrap.log" >&2
    exit 1
  }
  security=${mirror%/debian}/debian-security
  cat >"$work/root/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
SOURCES
  # Smaller and reproducible: no package lists or downloaded packages (images run apt-get update).
  rm -rf "$work/root/var/lib/apt/lists/"* "$work/root/var/cache/apt/archives/"*.deb
  tar --numeric-owner -C "$work/root" -cf "$work/root.tar" .
  mv -f "$work/root.tar" "$tar"
  echo "build-base.sh: $tar ($(($(stat -c %s "$tar") / 1024 / 1024)) MiB) in $((SECONDS - start)) s" >&2
fi

if [[ -n "$image" ]]; then
  if docker image inspect "$image" >/dev/null 2>&1 && [[ $force == 0 ]]; then
    echo "build-base.sh: image $image is there already" >&2
  else
    docker import --change 'CMD ["/bin/bash"]' "$tar" "$image" >/dev/null
    echo "build-base.sh: imported $tar as $image" >&2
  fi
fi
