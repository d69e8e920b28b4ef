#!/bin/sh
# Builds d2j-lease-event into $1/bin (default: target/bin). The Maven build runs this at
# `compile`; a machine without a C compiler or make gets a note instead of a failure, and the
# frontends tests are then skipped with that reason (scripts/install-deps.sh installs gcc, make).
set -eu
cd "$(dirname "$0")"
out="${1:-target}"
if ! command -v make >/dev/null 2>&1 || ! command -v "${CC:-cc}" >/dev/null 2>&1; then
  echo "frontends: no C compiler (${CC:-cc}) or make: d2j-lease-event not built, its tests will be skipped (apt-get install gcc make libc6-dev)" >&2
  exit 0
fi
exec make --no-print-directory STRICT=1 OUT="$out"
