#!/usr/bin/env bash
# Side-by-side benchmark of d2j against Kea 2.2 on this machine, in one invocation: builds the
# daemons and the bench module (tests skipped), then runs bench's BenchMain, which starts every
# server as its own process on loopback (BIND from test-zones/, the null DNS responder, Kea's and
# d2j's D2, kea-dhcp4 and d2j-dhcp4 driven by perfdhcp, on memfile and on a PostgreSQL database
# with Kea's schema), Kea first and d2j right after for each
# measurement, prints the table and writes it to target/benchmarks.md (copy it into
# docs/benchmarks.md to publish it). Takes about 10 minutes on 2 cores.
#
# usage: scripts/bench.sh [--step-seconds 3]
#                         [--only d2,ceiling,burst,cold,dhcp4,dhcp4mt,dhcp4pg,start,leases]
#                         [--threads 2] [--rounds 1] [--start-reps 5] [--lease-counts 0,10000,250000]
#                         [--fsync batch|none] [--max-names-per-update 16 | 1,4,16,64]
#                         [--kinds null,null_tsig,bind,knot]
#                         [--java-opts "-Xmx128m"] [--out FILE]
# ("leases": memory and start-up of kea-dhcp4 and d2j-dhcp4 on the same N-lease file; not in the
# default set: --only leases runs it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for tool in named kea-dhcp-ddns kea-dhcp4 perfdhcp; do
  command -v "$tool" >/dev/null 2>&1 || [[ -x /usr/sbin/$tool ]] || {
    echo "bench: '$tool' is missing; run scripts/install-deps.sh as root" >&2
    exit 1
  }
done
export PATH="$PATH:/usr/sbin"
echo "== building d2-daemon, dhcp-server and bench (mvn package, tests skipped)"
mvn -q -B -ntp -pl d2-daemon,dhcp-server,bench -am package -DskipTests -Dspotless.check.skip=true
mkdir -p target
args=(--root "$root" --out target/benchmarks.md)
exec java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" -Dd2j.root="$root" \
  io.d2j.bench.BenchMain "${args[@]}" "$@"
