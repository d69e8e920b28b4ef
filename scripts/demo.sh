#!/usr/bin/env bash
# The d2j demo: DHCP clients get leases from d2j-dhcp4, which sends NameChangeRequests to the d2j
# D2, which puts the names into BIND; then it prints what BIND holds, releases a lease and prints
# again. Which clients, by what the machine allows (D2J_DEMO_MODE=netns|perfdhcp|ncr forces one):
#   netns     as root with `ip netns`: two real dhclients (one sending option 81, one option 12),
#             each in a network namespace of its own on a link of its own to a server namespace
#             laid out as a real server host: an uplink holding the default route (not served),
#             lanA 192.0.2.1/25 (laptop's link) and lanB 192.0.2.129/25 (printer's link), with
#             d2j-dhcp4 serving lanA and lanB and the D2 and BIND on its own 127.0.0.1. No host
#             interface is touched.
#   perfdhcp  otherwise, with perfdhcp: perfdhcp as a DHCP relay on 127.0.0.1 (clients send no
#             names, so d2j-dhcp4 generates them: ddns-replace-client-name "always").
#   ncr       otherwise: no DHCP at all, NCRs sent straight to the D2 with bin/d2j-ncr.
# Everything lives in a temp dir and namespaces named d2j-demo-*, removed on every exit path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
for tool in named dig; do
  command -v "$tool" >/dev/null 2>&1 || [[ -x /usr/sbin/$tool ]] || {
    echo "demo: '$tool' is missing; install bind9 and bind9-dnsutils" >&2
    exit 1
  }
done
named_bin=$(command -v named || echo /usr/sbin/named)
find_tool() { command -v "$1" 2>/dev/null || { [[ -x /usr/sbin/$1 ]] && echo "/usr/sbin/$1"; } || true; }
ip_bin=$(find_tool ip)
dhclient_bin=$(find_tool dhclient)
perfdhcp_bin=$(find_tool perfdhcp)

mode=${D2J_DEMO_MODE:-}
if [[ -z "$mode" ]]; then
  if [[ "$(id -u)" == 0 && -n "$ip_bin" && -n "$dhclient_bin" ]] && "$ip_bin" netns list >/dev/null 2>&1; then
    mode=netns
  elif [[ -n "$perfdhcp_bin" ]]; then
    mode=perfdhcp
    echo "== not root, or no 'ip netns' / dhclient: perfdhcp plays the DHCP clients, on 127.0.0.1"
  else
    mode=ncr
    echo "== no way to run DHCP clients here (needs root + ip netns + dhclient, or perfdhcp):"
    echo "   NCR-only demo, bin/d2j-ncr plays the DHCP server"
  fi
fi

echo "== building d2j (mvn package, tests skipped)"
mvn -q -B -ntp package -DskipTests -Dspotless.check.skip=true -pl d2-daemon,dhcp-server -am

work=$(mktemp -d /tmp/d2j-demo.XXXXXX)
chmod 755 "$work"
tag=$$
srv=d2j-demo-srv-$tag
namespaces=()
pids=()
cleanup() {
  set +e
  for f in "$work"/dhclient-*.pid; do [[ -s "$f" ]] && kill "$(cat "$f")" 2>/dev/null; done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  for ns in "${namespaces[@]}"; do "$ip_bin" netns del "$ns" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { # a port nobody listens on, UDP or TCP, on loopback
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    if ! ss -Hlnu "sport = :$p" 2>/dev/null | grep -q . && ! ss -Hlnt "sport = :$p" 2>/dev/null | grep -q .; then
      echo "$p"
      return
    fi
  done
}

# In netns mode the servers run in the server namespace; "$@" prefixed by in_srv runs there.
in_srv=()
if [[ $mode == netns ]]; then
  "$ip_bin" netns add "$srv"
  namespaces+=("$srv")
  in_srv=("$ip_bin" netns exec "$srv")
  "$ip_bin" -n "$srv" link set lo up
  # The uplink: a veth to a namespace standing for the upstream router, holding the default route.
  # Nothing is served there; without per-interface sockets a broadcast OFFER would leave this way.
  up=d2j-demo-up-$tag
  "$ip_bin" netns add "$up"
  namespaces+=("$up")
  "$ip_bin" -n "$srv" link add uplink type veth peer name eth0 netns "$up"
  "$ip_bin" -n "$srv" addr add 198.51.100.2/24 dev uplink
  "$ip_bin" -n "$srv" link set uplink up
  "$ip_bin" -n "$up" addr add 198.51.100.1/24 dev eth0
  "$ip_bin" -n "$up" link set eth0 up
  "$ip_bin" -n "$srv" route add default via 198.51.100.1 dev uplink
fi
dig_srv() { "${in_srv[@]}" dig "$@"; }

dns_port=$(free_port)
ncr_port=$(free_port)
secret=$(head -c 32 /dev/urandom | base64)
key=d2j-demo-key.

where="127.0.0.1"
[[ $mode == netns ]] && where="127.0.0.1 in namespace $srv"
echo "== starting BIND on $where:$dns_port (zones example.org., 2.0.192.in-addr.arpa.)"
test-zones/render-named-conf.sh "$work/bind" 127.0.0.1 "$dns_port" "$key" hmac-sha256 "$secret" >/dev/null
user_args=()
[[ "$(id -u)" == 0 ]] && user_args=(-u bind)
"${in_srv[@]}" "$named_bin" -g "${user_args[@]}" -c "$work/bind/named.conf" >"$work/named.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  dig_srv +short +time=1 +tries=1 @127.0.0.1 -p "$dns_port" example.org. SOA >/dev/null 2>&1 && break
  sleep 0.1
done
dig_srv +short @127.0.0.1 -p "$dns_port" example.org. SOA | grep -q . || {
  echo "demo: BIND did not start:" >&2
  cat "$work/named.log" >&2
  exit 1
}

cat >"$work/d2.json" <<JSON
{
  // A Kea-format kea-dhcp-ddns configuration: the same file works with Kea.
  "DhcpDdns": {
    "ip-address": "127.0.0.1",
    "port": $ncr_port,
    "dns-server-timeout": 1000,
    "control-socket": { "socket-type": "unix", "socket-name": "$work/d2.sock" },
    "tsig-keys": [ { "name": "$key", "algorithm": "HMAC-SHA256", "secret": "$secret" } ],
    "forward-ddns": { "ddns-domains": [
      { "name": "example.org.", "key-name": "$key",
        "dns-servers": [ { "ip-address": "127.0.0.1", "port": $dns_port } ] } ] },
    "reverse-ddns": { "ddns-domains": [
      { "name": "2.0.192.in-addr.arpa.", "key-name": "$key",
        "dns-servers": [ { "ip-address": "127.0.0.1", "port": $dns_port } ] },
      { "name": "8.b.d.0.1.0.0.2.ip6.arpa.", "key-name": "$key",
        "dns-servers": [ { "ip-address": "127.0.0.1", "port": $dns_port } ] } ] }
  }
}
JSON

echo "== starting d2j-dhcp-ddns on 127.0.0.1:$ncr_port"
D2J_STATE_DIR="$work" "${in_srv[@]}" bin/d2j-dhcp-ddns -c "$work/d2.json" >"$work/d2.log" 2>&1 &
pids+=($!)
await_log() { # FILE ERE COUNT WHAT
  for _ in $(seq 300); do
    [[ $(grep -cE "$2" "$1" 2>/dev/null) -ge $3 ]] && return 0
    sleep 0.1
  done
  echo "demo: no $4 after 30 s; log:" >&2
  cat "$1" >&2
  exit 1
}
await_log "$work/d2.log" DHCP_DDNS_STARTED 1 "D2 start"

show_zones() {
  echo "== dig AXFR example.org. (BIND, $where:$dns_port)"
  dig_srv +noall +answer +onesoa @127.0.0.1 -p "$dns_port" example.org. AXFR | grep -v -e SOA -e NS | sed 's/^/   /'
  echo "== dig AXFR 2.0.192.in-addr.arpa."
  dig_srv +noall +answer +onesoa @127.0.0.1 -p "$dns_port" 2.0.192.in-addr.arpa. AXFR | grep -v -e SOA -e NS | sed 's/^/   /'
}
d2_events() {
  grep -E "DHCP_DDNS_(ADD|REMOVE)_(SUCCEEDED|FAILED)" "$work/d2.log" | sed -E 's/^.*(DHCP_DDNS_)/   \1/; s/ request=[0-9A-F]+//'
}

dhcp4_config() { # INTERFACES EXTRA-GLOBAL-KEYS SUBNETS
  cat >"$work/dhcp4.json" <<JSON
{
  // A Kea-format kea-dhcp4 configuration: the same file works with Kea.
  "Dhcp4": {
    "interfaces-config": { "interfaces": [ $1 ] },
    "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500,
    "lease-database": { "type": "memfile", "persist": true, "name": "$work/leases4.csv" },
    "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": $ncr_port },
    "ddns-qualifying-suffix": "example.org.",$2
    "subnet4": [ $3 ]
  }
}
JSON
}
start_dhcp4() { # extra arguments for bin/d2j-dhcp4
  echo "== starting d2j-dhcp4 ($where)"
  "${in_srv[@]}" bin/d2j-dhcp4 -c "$work/dhcp4.json" "$@" >"$work/dhcp4.log" 2>&1 &
  pids+=($!)
  await_log "$work/dhcp4.log" DHCP4_STARTED 1 "DHCP server start"
}

case $mode in
  netns)
    # One subnet per link; the link a DISCOVER came in on selects it (no relay, no giaddr).
    dhcp4_config '"lanA", "lanB"' "" '
      { "id": 1, "subnet": "192.0.2.0/25", "interface": "lanA",
        "pools": [ { "pool": "192.0.2.100 - 192.0.2.126" } ] },
      { "id": 2, "subnet": "192.0.2.128/25", "interface": "lanB",
        "pools": [ { "pool": "192.0.2.150 - 192.0.2.199" } ] }'
    links=(lanA lanB)
    addresses=(192.0.2.1/25 192.0.2.129/25)
    cat >"$work/client-script.sh" <<'SH'
#!/bin/sh
# dhclient's script: put the leased address on the interface (a RELEASE leaves from it).
case "$reason" in
  BOUND|RENEW|REBIND|REBOOT) ip addr flush dev "$interface"; ip addr add "$new_ip_address/$new_subnet_mask" dev "$interface" ;;
  RELEASE|EXPIRE|STOP) ip addr flush dev "$interface" ;;
esac
exit 0
SH
    chmod 700 "$work/client-script.sh"
    printf 'send fqdn.fqdn "laptop";\nsend fqdn.encoded off;\nsend fqdn.server-update on;\n' >"$work/laptop.conf"
    printf 'send host-name "printer";\n' >"$work/printer.conf"
    n=0
    for client in laptop printer; do
      ns=d2j-demo-$client-$tag
      "$ip_bin" netns add "$ns"
      namespaces+=("$ns")
      "$ip_bin" -n "$srv" link add "${links[$n]}" type veth peer name eth0 address "02:00:5e:00:00:0$((n + 1))" netns "$ns"
      "$ip_bin" -n "$srv" addr add "${addresses[$n]}" dev "${links[$n]}"
      "$ip_bin" -n "$srv" link set "${links[$n]}" up
      "$ip_bin" -n "$ns" link set lo up
      "$ip_bin" -n "$ns" link set eth0 up
      n=$((n + 1))
    done
    start_dhcp4
    echo "== what d2j-dhcp4 opened (one line per interface)"
    grep -E "DHCP4_INTERFACE_OPENED|DHCP4_OPEN_SOCKET_FAIL" "$work/dhcp4.log" | sed -E 's/^.*(DHCP4_)/   \1/' || true
    dhclient_run() { # CLIENT ARGS...
      local client=$1
      shift
      "$ip_bin" netns exec "d2j-demo-$client-$tag" "$dhclient_bin" -4 "$@" -cf "$work/$client.conf" \
        -sf "$work/client-script.sh" -lf "$work/dhclient-$client.leases" -pf "$work/dhclient-$client.pid" \
        eth0 >>"$work/dhclient-$client.log" 2>&1
    }
    echo "== dhclient 'laptop' on lanA (option 81: name \"laptop\", S=1) and 'printer' on lanB (option 12: host-name \"printer\")"
    dhclient_run laptop -1
    dhclient_run printer -1
    for client in laptop printer; do
      printf '   %-8s leased %s\n' "$client" "$(grep -o 'fixed-address [0-9.]*' "$work/dhclient-$client.leases" | tail -1 | cut -d' ' -f2)"
    done
    await_log "$work/d2.log" "DHCP_DDNS_ADD_(SUCCEEDED|FAILED)" 2 "two adds"
    echo "== what the D2 logged"
    d2_events
    show_zones
    echo "== dhclient -r on 'laptop' (DHCPRELEASE)"
    dhclient_run laptop -r
    await_log "$work/d2.log" "DHCP_DDNS_REMOVE_(SUCCEEDED|FAILED)" 1 "the remove"
    d2_events | tail -1
    show_zones
    ;;
  perfdhcp)
    dhcp_port=$(free_port)
    reply_port=$(free_port)
    dhcp4_config '"lo"' '
    "ddns-replace-client-name": "always", "ddns-generated-prefix": "demo",' '
      { "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.1" ] },
        "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ] }'
    start_dhcp4 -p "$dhcp_port" -P "$reply_port"
    echo "== perfdhcp: 3 clients, each DISCOVER/OFFER/REQUEST/ACK, relayed from 127.0.0.1"
    # -W: wait 1 s after the last exchange starts, so it completes.
    "$perfdhcp_bin" -4 -r 3 -n 3 -R 3 -W 1000000 -l 127.0.0.1 -L "$reply_port" -N "$dhcp_port" \
      127.0.0.1 >"$work/perfdhcp.log" 2>&1 || true
    leases=$(grep -c '^192\.0\.2\.' "$work/leases4.csv" || true)
    echo "   $leases leases"
    await_log "$work/d2.log" "DHCP_DDNS_ADD_(SUCCEEDED|FAILED)" "$leases" "an add per lease"
    echo "== what the D2 logged"
    d2_events
    show_zones
    ;;
  ncr)
    echo "== sending NCRs with bin/d2j-ncr"
    ncr() { bin/d2j-ncr send --server "127.0.0.1:$ncr_port" "$@" >/dev/null; }
    ncr --add --fqdn laptop.example.org. --ip 192.0.2.10 --hw-address 00:11:22:33:44:55 --lease-length 3600
    ncr --add --fqdn printer.example.org. --ip 192.0.2.11 --client-id 01aabbccddeeff --lease-length 3600
    ncr --add --fqdn old-pc.example.org. --ip 192.0.2.12 --hw-address 00:11:22:33:44:66
    ncr --remove --fqdn old-pc.example.org. --ip 192.0.2.12 --hw-address 00:11:22:33:44:66
    # A second client claiming laptop's name is refused by RFC 4703 conflict resolution.
    ncr --add --fqdn laptop.example.org. --ip 192.0.2.99 --hw-address 00:de:ad:be:ef:00
    await_log "$work/d2.log" "_(SUCCEEDED|FAILED)" 5 "five results"
    echo "== what the D2 logged"
    d2_events
    show_zones
    ;;
  *)
    echo "demo: D2J_DEMO_MODE: not netns, perfdhcp or ncr: '$mode'" >&2
    exit 2
    ;;
esac

echo "== D2 statistics over its control socket (bin/d2j-shell, Kea's command protocol)"
for name in ncr-received ncr-completed update-sent update-success; do
  value=$(bin/d2j-shell --socket "$work/d2.sock" statistic-get "{\"name\": \"$name\"}" \
    | tr -d ' \n' | sed -E 's/.*\[\[([0-9]+),.*/\1/')
  printf '   %-16s %s\n' "$name" "$value"
done
echo "demo done ($mode); stopping everything."
