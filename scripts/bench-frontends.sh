#!/usr/bin/env bash
# Per-event cost of d2j-lease-event (frontends/): the wall time of one process per lease event, as
# dnsmasq, dhcpd and Kea's run_script run it, against a real d2j D2 on 127.0.0.1 that acks each NCR
# once it is in its fsynced journal. Side by side, in the same run: the JVM path, bin/d2j-ncr send
# (one NCR, no ack wait), to show why the helper is not a Java program. Not part of the test suite.
#   scripts/bench-frontends.sh [events]        (default 300)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-300}"
jvm_events=10
work="$(mktemp -d /tmp/d2j-bench-frontends.XXXXXX)"
d2_pid=""
cleanup() {
  [[ -n "$d2_pid" ]] && kill "$d2_pid" 2>/dev/null && wait "$d2_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

sh "$root/frontends/build.sh" "$root/frontends/target" >/dev/null
helper="$root/frontends/target/bin/d2j-lease-event"
[[ -x "$helper" ]] || { echo "d2j-lease-event was not built (needs cc and make)" >&2; exit 1; }
[[ -f "$root/ncr-protocol/target/ncr-protocol-0.1.0-SNAPSHOT.jar" ]] || \
  (cd "$root" && mvn -q -B -o -pl ncr-protocol,d2-daemon -am package -DskipTests -Dspotless.check.skip=true)

port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/d2.json" <<JSON
{"DhcpDdns": {"ip-address": "127.0.0.1", "port": $port, "tsig-keys": [],
  "forward-ddns": {"ddns-domains": []}, "reverse-ddns": {"ddns-domains": []},
  "loggers": [{"name": "kea-dhcp-ddns", "severity": "INFO", "output_options": [{"output": "stdout"}]}]}}
JSON
D2J_STATE_DIR="$work" "$root/bin/d2j-dhcp-ddns" -c "$work/d2.json" >"$work/d2.log" 2>&1 &
d2_pid=$!
for _ in $(seq 1 600); do grep -q DHCP_DDNS_STARTED "$work/d2.log" 2>/dev/null && break; sleep 0.1; done
grep -q DHCP_DDNS_STARTED "$work/d2.log" || { cat "$work/d2.log"; exit 1; }

export D2J_NCR_SERVER="127.0.0.1:$port" D2J_QUALIFYING_SUFFIX=example.org
export D2J_FRONTEND_STATE_DIR="$work/state" DNSMASQ_TIME_REMAINING=3600

# Prints "n mean p50 p90 p99 max" (ms) of the numbers (µs) on stdin.
stats() {
  sort -n | awk '
    function at(q,   i) { i = int(NR * q); if (i < 1) i = 1; return v[i] / 1000 }
    { v[NR] = $1; s += $1 }
    END { printf "%d events: mean %.2f ms, p50 %.2f, p90 %.2f, p99 %.2f, max %.2f\n", NR,
          s / NR / 1000, at(0.5), at(0.9), at(0.99), v[NR] / 1000 }'
}

timed() {  # runs "$@" once, prints its wall time in µs
  local t0=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || echo "exit $? from: $*" >&2
  local t1=$EPOCHREALTIME
  echo $(( (${t1/./} - ${t0/./}) ))
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "baseline, /bin/true started the same way (what any per-event process costs on this machine now):"
for i in $(seq 1 "$events"); do timed /bin/true; done | stats
echo "d2j-lease-event, dnsmasq add (new lease: state file, NCR, wait for the D2's ack):"
for i in $(seq 1 "$events"); do
  timed "$helper" add "02:00:5e:00:$(printf '%02x:%02x' $((i / 256)) $((i % 256)))" \
    "10.$((i / 65536 % 256)).$((i / 256 % 256)).$((i % 256))" "host$i"
done | tee "$work/add.us" | stats
echo "d2j-lease-event, dnsmasq old (renewal: same name, nothing sent):"
for i in $(seq 1 "$events"); do
  timed "$helper" old "02:00:5e:00:$(printf '%02x:%02x' $((i / 256)) $((i % 256)))" \
    "10.$((i / 65536 % 256)).$((i / 256 % 256)).$((i % 256))" "host$i"
done | stats
echo "d2j-lease-event, dnsmasq del (release: NCR from the recorded state, ack):"
for i in $(seq 1 "$events"); do
  timed "$helper" del "02:00:5e:00:$(printf '%02x:%02x' $((i / 256)) $((i % 256)))" \
    "10.$((i / 65536 % 256)).$((i / 256 % 256)).$((i % 256))"
done | stats
# CPU: the same events again on fresh addresses, the whole loop under time(1), so that a loaded
# machine's scheduling delays (which inflate the wall times above) drop out: user + sys per event.
cpu() {  # label, action [, program]
  local label="$1" action="$2" program="${3:-$helper}"
  /usr/bin/time -f "%U %S" -o "$work/cpu" bash -c '
    for i in $(seq 1 '"$events"'); do
      "$0" "$1" "02:00:5e:03:$(printf "%02x:%02x" $((i / 256)) $((i % 256)))" \
        "10.202.$((i / 256 % 256)).$((i % 256))" "cpu$i" >/dev/null 2>&1
    done' "$program" "$action"
  awk -v n="$events" -v l="$label" '{ printf "%s: %.2f ms CPU (user + sys) per event, over %d events\n", l, ($1 + $2) * 1000 / n, n }' "$work/cpu"
}
cpu "CPU, the same loop running /bin/true instead (the loop's and exec's own cost)" add /bin/true
cpu "CPU, dnsmasq add (ack)" add
cpu "CPU, dnsmasq old (nothing sent)" old
cpu "CPU, dnsmasq del (ack)" del
kill "$d2_pid"; wait "$d2_pid" 2>/dev/null || true; d2_pid=""
echo "d2j-lease-event, dnsmasq add with the D2 stopped (refused: spooled with fsync):"
for i in $(seq 1 50); do
  timed "$helper" add "02:00:5e:01:00:$(printf '%02x' "$i")" "10.200.0.$i" "down$i"
done | stats
echo "JVM path for comparison, bin/d2j-ncr send (one NCR, no ack, no state), $jvm_events runs:"
for i in $(seq 1 "$jvm_events"); do
  timed "$root/bin/d2j-ncr" send --server "127.0.0.1:$port" --add --fqdn "jvm$i.example.org" \
    --ip "10.201.0.$i" --hw-address 02:00:5e:02:00:01 --lease-length 1200
done | stats
