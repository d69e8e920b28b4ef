#!/usr/bin/env bash
# The whole test suite: unit tests, integration tests against a real BIND and Kea, formatting and
# static checks. Installs bind9 / kea-dhcp-ddns-server first when missing (as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
exec mvn -B -ntp verify "$@"
