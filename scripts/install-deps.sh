#!/usr/bin/env bash
# Installs the system packages d2j's demo and tests use, when they are missing.
# As root: apt-get installs them. Otherwise: says what to install and carries on (tests that need a
# missing server are skipped, with the reason, rather than failed).
set -uo pipefail
need=()
command -v named >/dev/null 2>&1 || [[ -x /usr/sbin/named ]] || need+=(bind9)
command -v dig >/dev/null 2>&1 || need+=(bind9-dnsutils)
[[ -x /usr/sbin/kea-dhcp-ddns ]] || command -v kea-dhcp-ddns >/dev/null 2>&1 || need+=(kea-dhcp-ddns-server)
# perfdhcp drives dhcp-server's PerfdhcpIT (Debian ships it in kea-admin)
[[ -x /usr/sbin/perfdhcp ]] || command -v perfdhcp >/dev/null 2>&1 || need+=(kea-admin)
# kea-dhcp4 sends real Kea NCRs to d2j in d2-daemon's KeaDhcp4AckIT (acks must not disturb it)
[[ -x /usr/sbin/kea-dhcp4 ]] || command -v kea-dhcp4 >/dev/null 2>&1 || need+=(kea-dhcp4-server)
# kea-ctrl-agent carries the HA peer protocol of the Kea half of dhcp-server's KeaHaPairIT (Kea 2.2
# serves HA commands through the agent); without it that test is skipped
[[ -x /usr/sbin/kea-ctrl-agent ]] || command -v kea-ctrl-agent >/dev/null 2>&1 || need+=(kea-ctrl-agent)
# dhclient is the real client of dhcp-server's DhclientNamespaceIT (root only: it needs a netns)
[[ -x /usr/sbin/dhclient || -x /sbin/dhclient ]] || command -v dhclient >/dev/null 2>&1 || need+=(isc-dhcp-client)
# dhcp-server's RelayNamespaceIT: a real relay agent adding option 82 (dhcrelay -a)
[[ -x /usr/sbin/dhcrelay ]] || command -v dhcrelay >/dev/null 2>&1 || need+=(isc-dhcp-relay)
# e2e's multi-link tests: more real clients, and tcpdump to see unicast vs broadcast replies
[[ -x /usr/sbin/dhcpcd ]] || command -v dhcpcd >/dev/null 2>&1 || need+=(dhcpcd5)
[[ -x /usr/sbin/udhcpc ]] || command -v udhcpc >/dev/null 2>&1 || need+=(udhcpc)
[[ -x /usr/bin/tcpdump ]] || command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
# frontends/: d2j-lease-event is C, built by the Maven build (its tests skip without a compiler)
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v make >/dev/null 2>&1 || need+=(make)
# dnsmasq and dhcpd (below) feed the D2 through d2j-lease-event in e2e's *FrontendIT (root only)
[[ -x /usr/sbin/dnsmasq ]] || need+=(dnsmasq-base)
# dist's DebPackageIT: a throwaway Debian root (debootstrap), booted with systemd-nspawn
command -v debootstrap >/dev/null 2>&1 || [[ -x /usr/sbin/debootstrap ]] || need+=(debootstrap)
command -v systemd-nspawn >/dev/null 2>&1 || need+=(systemd-container)
# dist's ComposeIT: docker-compose.yml on a Docker engine of the test's own (not the system's)
docker_new=0
command -v dockerd >/dev/null 2>&1 || { need+=(docker.io); docker_new=1; }
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
# dhcpd -t checks d2j-migrate's corpus inputs, dhcpd serves the migration end-to-end test;
# kea-dhcp6 -t checks its DHCPv6 outputs
[[ -x /usr/sbin/dhcpd ]] || command -v dhcpd >/dev/null 2>&1 || need+=(isc-dhcp-server)
[[ -x /usr/sbin/kea-dhcp6 ]] || command -v kea-dhcp6 >/dev/null 2>&1 || need+=(kea-dhcp6-server)
# Knot and PowerDNS: the other real zone servers of d2-daemon's RemoveOwnershipScenariosIT
[[ -x /usr/sbin/knotd ]] || command -v knotd >/dev/null 2>&1 || need+=(knot)
[[ -x /usr/sbin/pdns_server ]] || command -v pdns_server >/dev/null 2>&1 || need+=(pdns-server)
[[ -f /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql ]] || need+=(pdns-backend-sqlite3)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
# Prometheus' Python client: its text-format parser reads the /metrics pages in MetricsIT
/usr/bin/python3 -c 'import prometheus_client.parser' >/dev/null 2>&1 || need+=(python3-prometheus-client)
# PostgreSQL (server and psql) holds the lease database of dhcp-server's Pg*IT tests and the
# PostgreSQL benchmark rows; the tests run their own server in a temp dir on a free port
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
pkgs=()
for p in "${need[@]}"; do [[ -n "$p" ]] && pkgs+=("$p"); done
if (( ${#pkgs[@]} == 0 )); then
  exit 0
fi
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing: ${pkgs[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null >&2 || true
  apt-get install -y -qq --no-install-recommends "${pkgs[@]}" </dev/null >&2 || {
    echo "apt-get install ${pkgs[*]} failed; tests needing them will be skipped" >&2
    exit 0
  }
  # The Debian packages may start their services; d2j's tests start their own on free ports.
  svcs=(named bind9 kea-dhcp-ddns-server kea-dhcp4-server kea-dhcp6-server kea-ctrl-agent isc-dhcp-server knot pdns dnsmasq postgresql)
  # The system's engine only if this script just installed it (ComposeIT starts its own).
  ((docker_new)) && svcs+=(docker containerd)
  for svc in "${svcs[@]}"; do
    (service "$svc" stop || true) >/dev/null 2>&1
  done
else
  echo "missing: ${pkgs[*]} -- install them with: sudo apt-get install ${pkgs[*]}" >&2
fi
