#!/usr/bin/env bash
# Shown-by run for issue 13: two DHCPv4 servers in an HA pair on loopback, driven by perfdhcp.
#   scripts/ha-pair.sh MODE PARTNER      MODE: load-balancing | hot-standby
#                                        PARTNER: d2j (server2 is d2j-dhcp4 too) |
#                                                 kea (server2 is kea-dhcp4 2.2 + libdhcp_ha.so
#                                                      behind kea-ctrl-agent)
# server1 (primary) is always d2j-dhcp4. Steps: both reach the normal state; perfdhcp (20 clients)
# at each; both lease stores hold the same leases; kill -9 server2 -> server1 partner-down and
# answers every client; restart server2 -> it syncs from server1 and both are back in the normal
# state with the same leases; then the same with server1 killed. Loopback only, ports 47xxx/48xxx,
# everything in a temp dir. Needs kea-dhcp4, kea-ctrl-agent, perfdhcp, curl (Debian kea packages).
set -euo pipefail
mode="${1:-load-balancing}"; partner="${2:-d2j}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hooks=/usr/lib/x86_64-linux-gnu/kea/hooks
tmp="$(mktemp -d /tmp/d2j-ha-pair.XXXXXX)"; mkdir -p "$tmp/run"
export KEA_PIDFILE_DIR="$tmp/run" KEA_LOCKFILE_DIR="$tmp/run"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
role2=secondary; [[ "$mode" == hot-standby ]] && role2=standby
pool2='"10.0.2.10 - 10.0.2.250", "client-class": "HA_server2"'
pool1='"10.0.1.10 - 10.0.1.250", "client-class": "HA_server1"'
if [[ "$mode" == hot-standby ]]; then pool1='"10.0.1.10 - 10.0.1.250"'; pool2='"10.0.2.10 - 10.0.2.250"'; fi
config() { # name leases socket
  cat <<JSON
{"Dhcp4": {"interfaces-config": {"interfaces": ["lo"], "dhcp-socket-type": "udp"},
  "valid-lifetime": 4000,
  "lease-database": {"type": "memfile", "persist": true, "name": "$tmp/$1-leases.csv"},
  "control-socket": {"socket-type": "unix", "socket-name": "$tmp/$1.sock"},
  "hooks-libraries": [{"library": "$hooks/libdhcp_lease_cmds.so"},
    {"library": "$hooks/libdhcp_ha.so", "parameters": {"high-availability": [{
      "this-server-name": "$1", "mode": "$mode", "heartbeat-delay": 1000,
      "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 0,
      "peers": [{"name": "server1", "url": "http://127.0.0.1:48001/", "role": "primary"},
                {"name": "server2", "url": "http://127.0.0.1:48002/", "role": "$role2"}]}]}}],
  "subnet4": [{"id": 1, "subnet": "10.0.0.0/16", "relay": {"ip-addresses": ["127.0.0.1"]},
    "pools": [{"pool": $pool1}, {"pool": $pool2}]}]}}
JSON
}
config server1 > "$tmp/server1.json"; config server2 > "$tmp/server2.json"
cat > "$tmp/ca.json" <<JSON
{"Control-agent": {"http-host": "127.0.0.1", "http-port": 48002,
  "control-sockets": {"dhcp4": {"socket-type": "unix", "socket-name": "$tmp/server2.sock"}}}}
JSON
start1() { "$root/bin/d2j-dhcp4" -c "$tmp/server1.json" -p 47067 -P 47068 >>"$tmp/server1.log" 2>&1 & s1=$!; pids+=("$s1"); }
start2() {
  if [[ "$partner" == kea ]]; then kea-dhcp4 -c "$tmp/server2.json" -p 47167 -P 47168 >>"$tmp/server2.log" 2>&1 & s2=$!
  else "$root/bin/d2j-dhcp4" -c "$tmp/server2.json" -p 47167 -P 47168 >>"$tmp/server2.log" 2>&1 & s2=$!; fi
  pids+=("$s2")
}
cmd() { # port command -> first answer
  curl -s -m 5 -X POST -H 'Content-Type: application/json' \
    -d "{\"command\": \"$2\", \"service\": [\"dhcp4\"]}" "http://127.0.0.1:$1/"
}
state() { cmd "$1" ha-heartbeat | python3 -c 'import json,sys
try: print(json.load(sys.stdin)[0]["arguments"]["state"])
except Exception: print("unreachable")'; }
leases() { cmd "$1" lease4-get-all | python3 -c 'import json,sys
a=json.load(sys.stdin)[0].get("arguments",{}).get("leases",[])
print(" ".join(sorted(l["ip-address"]+"="+l["hw-address"] for l in a)))'; }
wait_state() { # port state seconds
  for _ in $(seq 1 "$3"); do [[ "$(state "$1")" == "$2" ]] && return 0; sleep 1; done
  echo "FAIL: port $1 not in $2 (is $(state "$1"))"; exit 1
}
perf() { # server-port client-port label
  { perfdhcp -4 -r 10 -p 4 -R 20 -W 1000000 -l 127.0.0.1 -L "$2" -N "$1" 127.0.0.1 2>&1 || true; } \
    | awk -v l="$3" '/sent packets/{s[++n]=$3} /received packets/{r[++m]=$3}
        END{printf "%s: DO %d/%d, RA %d/%d\n", l, r[1], s[1], r[2], s[2]}'
}
same_leases() {
  a="$(leases 48001)"; b="$(leases 48002)"
  n=$(wc -w <<<"$a"); dup=$(tr ' ' '\n' <<<"$a" | cut -d= -f1 | sort | uniq -d | wc -l)
  [[ "$a" == "$b" ]] && echo "leases: $n on both, identical, $dup addresses held twice" \
    || { echo "FAIL: lease stores differ"; echo "1: $a"; echo "2: $b"; exit 1; }
}
normal=$mode
[[ "$partner" == kea ]] && { kea-ctrl-agent -c "$tmp/ca.json" >"$tmp/ca.log" 2>&1 & pids+=($!); }
start2; start1
wait_state 48001 "$normal" 60; wait_state 48002 "$normal" 60
echo "$mode, server2 = $partner: both in $normal"
perf 47067 47068 "server1"; perf 47167 47168 "server2"; sleep 1; same_leases
kill -9 "$s2"; t0=$(date +%s.%N); wait_state 48001 partner-down 30
echo "server2 killed: server1 partner-down after $(echo "$(date +%s.%N) - $t0" | bc) s"
perf 47067 47068 "server1 alone"
start2; wait_state 48002 "$normal" 60; wait_state 48001 "$normal" 30; sleep 1
echo "server2 restarted: both in $normal"; same_leases
kill -9 "$s1"; t0=$(date +%s.%N); wait_state 48002 partner-down 30
echo "server1 killed: server2 partner-down after $(echo "$(date +%s.%N) - $t0" | bc) s"
perf 47167 47168 "server2 alone"
start1; wait_state 48001 "$normal" 60; wait_state 48002 "$normal" 30; sleep 1
echo "server1 restarted: both in $normal"; same_leases
echo "logs in $tmp"
