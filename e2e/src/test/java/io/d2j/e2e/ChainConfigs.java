package io.d2j.e2e;

import io.d2j.testkit.BindServer;
import io.d2j.testkit.TestKey;
import java.nio.file.Path;

/**
 * The Kea-format configurations of the chain. Each file is the contract: the same {@code Dhcp4}
 * text runs d2j-dhcp4 and kea-dhcp4, the same {@code DhcpDdns} text runs d2j-dhcp-ddns and
 * kea-dhcp-ddns.
 */
final class ChainConfigs {
  /** Where the D2 listens, in the server namespace (Kea's default port: the namespace is ours). */
  static final int D2_PORT = 53001;

  /** Names of clients are qualified with this (spec §1.4), the forward zone of test-zones/. */
  static final String SUFFIX = "example.org.";

  private ChainConfigs() {}

  /** Lease times of one scenario, in seconds. */
  record Lifetimes(int valid, int renew, int rebind) {
    Lifetimes {
      if (!(0 < renew && renew < rebind && rebind < valid)) {
        throw new IllegalArgumentException(
            "lifetimes: need 0 < renew < rebind < valid, got "
                + renew
                + ", "
                + rebind
                + ", "
                + valid);
      }
    }
  }

  /**
   * A DHCPv4 server on the LAN's bridge that sends NCRs to the D2 at 127.0.0.1:{@link #D2_PORT},
   * reclaiming expired leases every second (so a vanished client's names go within a second of its
   * lease's end).
   */
  static String dhcp4(Path dir, Lifetimes times) {
    return """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["%s"]},
          "valid-lifetime": %d, "renew-timer": %d, "rebind-timer": %d,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "expired-leases-processing": {"reclaim-timer-wait-time": 1, "hold-reclaimed-time": 0},
          "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d},
          "ddns-qualifying-suffix": "%s",
          "subnet4": [{"id": 1, "subnet": "192.0.2.0/24",
                       "pools": [{"pool": "192.0.2.100 - 192.0.2.199"}]}],
          "loggers": [{"name": "kea-dhcp4", "severity": "INFO",
                       "output_options": [{"output": "stdout"}]}]
        }}
        """
        .formatted(
            DhcpLan.BRIDGE,
            times.valid(),
            times.renew(),
            times.rebind(),
            dir.resolve("leases4.csv"),
            D2_PORT,
            SUFFIX);
  }

  /**
   * A DHCPv4 server for perfdhcp on 127.0.0.1: perfdhcp acts as a relay (giaddr 127.0.0.1) and its
   * clients send no names, so the server generates them ({@code ddns-replace-client-name} "always",
   * prefix {@code perf}: {@code perf-192-0-2-100.example.org.}).
   */
  static String dhcp4Loopback(Path dir, int d2Port) {
    return """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "valid-lifetime": 3600, "renew-timer": 900, "rebind-timer": 1800,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d},
          "ddns-qualifying-suffix": "%s",
          "ddns-replace-client-name": "always",
          "ddns-generated-prefix": "perf",
          "subnet4": [{"id": 1, "subnet": "192.0.2.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "192.0.2.100 - 192.0.2.199"}]}]
        }}
        """
        .formatted(dir.resolve("leases4.csv"), d2Port, SUFFIX);
  }

  /** A D2 for the forward zone and the IPv4 reverse zone on {@code bind}, signed with its key. */
  static String d2(BindServer bind) {
    return d2(bind, D2_PORT);
  }

  /** As {@link #d2(BindServer)}, listening on {@code port}. */
  static String d2(BindServer bind, int port) {
    TestKey key = bind.key();
    String server =
        "{\"ip-address\": \""
            + bind.address().getHostAddress()
            + "\", \"port\": "
            + bind.port()
            + "}";
    return """
        {"DhcpDdns": {
          "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": 1000,
          "tsig-keys": [ %s ],
          "forward-ddns": {"ddns-domains": [
            {"name": "example.org.", "key-name": "%s", "dns-servers": [ %s ]} ]},
          "reverse-ddns": {"ddns-domains": [
            {"name": "2.0.192.in-addr.arpa.", "key-name": "%s", "dns-servers": [ %s ]} ]},
          "loggers": [{"name": "kea-dhcp-ddns", "severity": "INFO",
                       "output_options": [{"output": "stdout"}]}]
        }}
        """
        .formatted(port, key.keaJson(), key.name(), server, key.name(), server);
  }
}
