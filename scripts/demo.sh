#!/usr/bin/env bash
# The d2j demo, on loopback only: starts BIND from test-zones/ on a free port, starts the d2j D2
# daemon in front of it, sends a few NameChangeRequests with bin/d2j-ncr, and prints what BIND
# then holds. Everything runs in a temp dir and is stopped at the end.
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

echo "== building d2j (mvn package, tests skipped)"
mvn -q -B -ntp package -DskipTests -Dspotless.check.skip=true

work=$(mktemp -d /tmp/d2j-demo.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

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

dns_port=$(free_port)
ncr_port=$(free_port)
secret=$(head -c 32 /dev/urandom | base64)
key=d2j-demo-key.

echo "== starting BIND on 127.0.0.1:$dns_port (zones example.org., 2.0.192.in-addr.arpa., 8.b.d.0.1.0.0.2.ip6.arpa.)"
test-zones/render-named-conf.sh "$work/bind" 127.0.0.1 "$dns_port" "$key" hmac-sha256 "$secret" >/dev/null
user_args=()
[[ "$(id -u)" == 0 ]] && user_args=(-u bind)
"$named_bin" -g "${user_args[@]}" -c "$work/bind/named.conf" >"$work/named.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  dig +short +time=1 +tries=1 @127.0.0.1 -p "$dns_port" example.org. SOA >/dev/null 2>&1 && break
  sleep 0.1
done
dig +short @127.0.0.1 -p "$dns_port" example.org. SOA | grep -q . || {
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
D2J_STATE_DIR="$work" bin/d2j-dhcp-ddns -c "$work/d2.json" >"$work/d2.log" 2>&1 &
pids+=($!)
for _ in $(seq 150); do
  grep -q DHCP_DDNS_STARTED "$work/d2.log" && break
  sleep 0.1
done
grep -q DHCP_DDNS_STARTED "$work/d2.log" || { echo "demo: D2 did not start:" >&2; cat "$work/d2.log" >&2; exit 1; }

echo "== sending NCRs with bin/d2j-ncr"
ncr() { bin/d2j-ncr send --server "127.0.0.1:$ncr_port" "$@"; }
ncr --add --fqdn laptop.example.org. --ip 192.0.2.10 --hw-address 00:11:22:33:44:55 --lease-length 3600
ncr --add --fqdn printer.example.org. --ip 192.0.2.11 --client-id 01aabbccddeeff --lease-length 3600
ncr --add --fqdn phone.example.org. --ip 2001:db8::abcd --duid 000100012a3b4c5d001122334455 --lease-length 1800
ncr --add --fqdn old-pc.example.org. --ip 192.0.2.12 --hw-address 00:11:22:33:44:66
ncr --remove --fqdn old-pc.example.org. --ip 192.0.2.12 --hw-address 00:11:22:33:44:66
# A second client claiming laptop's name is refused by RFC 4703 conflict resolution.
ncr --add --fqdn laptop.example.org. --ip 192.0.2.99 --hw-address 00:de:ad:be:ef:00

for _ in $(seq 100); do
  [[ $(grep -c -e _SUCCEEDED -e _FAILED "$work/d2.log") -ge 6 ]] && break
  sleep 0.1
done

echo
echo "== what d2j logged"
grep -E "DHCP_DDNS_(ADD|REMOVE)_(SUCCEEDED|FAILED)" "$work/d2.log" | sed 's/^/   /'
echo
echo "== dig AXFR example.org. @127.0.0.1 -p $dns_port"
dig +noall +answer +onesoa @127.0.0.1 -p "$dns_port" example.org. AXFR | grep -v -e SOA -e NS | sed 's/^/   /'
echo
echo "== dig AXFR 2.0.192.in-addr.arpa."
dig +noall +answer +onesoa @127.0.0.1 -p "$dns_port" 2.0.192.in-addr.arpa. AXFR | grep -v -e SOA -e NS | sed 's/^/   /'
echo
echo "== dig AXFR 8.b.d.0.1.0.0.2.ip6.arpa."
dig +noall +answer +onesoa @127.0.0.1 -p "$dns_port" 8.b.d.0.1.0.0.2.ip6.arpa. AXFR | grep -v -e SOA -e NS | sed 's/^/   /'
echo
echo "== statistics over the control socket (bin/d2j-shell, Kea's command protocol)"
for name in ncr-received ncr-completed ncr-failed update-sent update-success "key[$key].update-sent"; do
  value=$(bin/d2j-shell --socket "$work/d2.sock" statistic-get "{\"name\": \"$name\"}" \
    | tr -d ' \n' | sed -E 's/.*\[\[([0-9]+),.*/\1/')
  printf '   %-28s %s\n' "$name" "$value"
done
echo
echo "== bin/d2j-shell ... shutdown"
bin/d2j-shell --socket "$work/d2.sock" shutdown | sed 's/^/   /'
echo
echo "demo done; BIND and D2 are being stopped."
