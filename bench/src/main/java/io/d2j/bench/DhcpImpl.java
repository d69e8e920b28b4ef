package io.d2j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two DHCPv4 servers under test, run as real processes from one Kea-format configuration on
 * loopback: kea-dhcp4 2.2 and d2j's {@code bin/d2j-dhcp4}, each listening on {@code serverPort} and
 * sending every reply to {@code replyPort} (kea-dhcp4's -p / -P, spec dhcp4-ddns-ha.md §7.3).
 */
public enum DhcpImpl {
  KEA("kea-dhcp4 2.2"),
  D2J("d2j-dhcp4");

  private final String label;

  DhcpImpl(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * One relayed subnet for perfdhcp (giaddr 127.0.0.1), 262k addresses, memfile leases persisted to
   * {@code dir/leases4.csv} (no LFC during the run), INFO logging to {@code dir/dhcp4.log}.
   */
  public static String config(Path dir) {
    return config(dir, 0);
  }

  /**
   * As {@link #config(Path)}; with {@code ncrPort} > 0, DDNS on: every lease gets a generated name
   * ({@code ddns-replace-client-name: always}, perfdhcp sends no names) and both servers send their
   * NCRs to 127.0.0.1:{@code ncrPort}.
   */
  public static String config(Path dir, int ncrPort) {
    return config(dir, ncrPort, memfile(dir));
  }

  /** Kea's memfile, persisted to {@code dir/leases4.csv}, no LFC during the run. */
  public static String memfile(Path dir) {
    return """
        { "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 0 }"""
        .formatted(dir.resolve("leases4.csv"));
  }

  /** A PostgreSQL database with Kea's schema on 127.0.0.1. */
  public static String postgresql(int port, String name, String user, String password) {
    return """
        { "type": "postgresql", "name": "%s", "host": "127.0.0.1", "port": %d,
          "user": "%s", "password": "%s" }"""
        .formatted(name, port, user, password);
  }

  /** As {@link #config(Path, int)}, with {@code leaseDatabase} (a JSON map) as the lease store. */
  public static String config(Path dir, int ncrPort, String leaseDatabase) {
    return config(dir, ncrPort, leaseDatabase, "");
  }

  /**
   * {@code multi-threading} on with {@code threads} packet threads and Kea's default queue (64),
   * for {@link #config(Path, int, String, String)}'s {@code extra}.
   */
  public static String multiThreading(int threads) {
    return """
            "multi-threading": { "enable-multi-threading": true, "thread-pool-size": %d,
              "packet-queue-size": 64 },
        """
        .formatted(threads);
  }

  /**
   * As {@link #config(Path, int, String)}, with {@code extra} global entries (each ending in a
   * comma) in the {@code Dhcp4} map.
   */
  public static String config(Path dir, int ncrPort, String leaseDatabase, String extra) {
    String ddns =
        ncrPort <= 0
            ? ""
            : """
            "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d },
            "ddns-qualifying-suffix": "example.org", "ddns-replace-client-name": "always",
        """
                .formatted(ncrPort);
    return """
        {
          "Dhcp4": {
            "interfaces-config": { "interfaces": [ "lo" ], "dhcp-socket-type": "udp" },
        %s%s
            "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
            "lease-database": %s,
            "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8",
              "relay": { "ip-addresses": [ "127.0.0.1" ] },
              "pools": [ { "pool": "10.0.0.10 - 10.3.255.200" } ] } ],
            "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
              "output_options": [ { "output": "%s" } ] } ]
          }
        }
        """
        .formatted(ddns, extra, leaseDatabase, dir.resolve("dhcp4.log"));
  }

  /** Writes the configuration to {@code dir/dhcp4.json} and starts this server on it. */
  public Daemon start(
      Path root, Path dir, String config, int serverPort, int replyPort, String javaOpts)
      throws IOException {
    Path file = dir.resolve("dhcp4.json");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    Path out = dir.resolve("stdout.log");
    List<String> ports =
        List.of("-p", Integer.toString(serverPort), "-P", Integer.toString(replyPort));
    switch (this) {
      case KEA:
        return Daemon.start(
            label,
            concat(List.of("kea-dhcp4", "-c", file.toString()), ports),
            Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString()),
            dir,
            out);
      case D2J:
        return Daemon.start(
            label,
            concat(List.of(root.resolve("bin/d2j-dhcp4").toString(), "-c", file.toString()), ports),
            javaOpts.isEmpty()
                ? Map.of("D2J_STATE_DIR", dir.toString())
                : Map.of("D2J_STATE_DIR", dir.toString(), "D2J_JAVA_OPTS", javaOpts),
            dir,
            out);
    }
    throw new AssertionError(this);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
