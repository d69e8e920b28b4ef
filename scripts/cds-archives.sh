#!/usr/bin/env bash
# Class-data-sharing archives for this checkout's bin/d2j-dhcp-ddns and bin/d2j-dhcp4
# (target/cds/PROGRAM.jsa), made the way the Debian package makes them at installation
# (packaging/deb/d2j-cds-archives: one training run per daemon on loopback, then SIGTERM), and
# before each, the daemon's class path as one jar (target/cds/PROGRAM.jar). The launchers use an
# archive while it is newer than the daemon's jar, and the one jar while it is newer than every
# jar it was made of and than target/lib (bin/d2j-daemon.bash): run this again after a build.
#
#   scripts/cds-archives.sh [PROGRAM...]   (default: both daemons)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ ! -d d2-daemon/target/lib || ! -d dhcp-server/target/lib ]]; then
  echo "cds-archives: building d2-daemon and dhcp-server first (mvn package)..." >&2
  mvn -q -B -ntp -pl d2-daemon,dhcp-server -am package -DskipTests -Dspotless.check.skip=true >&2
fi
D2J_LAUNCHERS="$root/bin" D2J_CDS_DIR="${D2J_CDS_DIR:-$root/target/cds}" \
  exec packaging/deb/d2j-cds-archives "$@"
