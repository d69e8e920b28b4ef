package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * Kea's DHCP server keeps working unchanged against a d2j D2 with acks on: a real kea-dhcp4 2.2,
 * driven by perfdhcp (as a relay on loopback), sends its NCRs to d2j; d2j acks each one to
 * kea-dhcp4's NCR socket, which kea-dhcp4 never reads. A second round after those acks must still
 * be applied, and every lease then has its A, DHCID and PTR in BIND. Needs kea-dhcp4 (Debian
 * kea-dhcp4-server) and perfdhcp (kea-admin). The same pairing with real dhclients (option 81 and
 * option 12, release, reclamation) is e2e's KeaDhcp4WithD2jD2IT.
 */
class KeaDhcp4AckIT {

  private static final Path KEA_DHCP4 = Path.of("/usr/sbin/kea-dhcp4");
  private static final Path PERFDHCP = Path.of("/usr/sbin/perfdhcp");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private String keaConfig(int d2Port) {
    return """
        { "Dhcp4": {
          "interfaces-config": { "interfaces": [ "lo" ], "dhcp-socket-type": "udp" },
          "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
          "valid-lifetime": 1200,
          "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d,
                         "sender-ip": "127.0.0.1", "sender-port": 0,
                         "ncr-protocol": "UDP", "ncr-format": "JSON" },
          "ddns-send-updates": true,
          "ddns-replace-client-name": "always",
          "ddns-generated-prefix": "kea",
          "ddns-qualifying-suffix": "example.org.",
          "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                         "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                         "relay": { "ip-addresses": [ "127.0.0.1" ] } } ],
          "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
                         "output_options": [ { "output": "%s" } ] } ]
        } }
        """
        .formatted(dir.resolve("leases4.csv"), d2Port, dir.resolve("kea-dhcp4.log"));
  }

  @Test
  void keaDhcp4_ncrsStillAppliedAfterManyAcksToItsSocket() throws Exception {
    BindServer.assumeAvailable();
    assumeTrue(Files.isExecutable(KEA_DHCP4), "kea-dhcp4 not installed (kea-dhcp4-server)");
    assumeTrue(Files.isExecutable(PERFDHCP), "perfdhcp not installed (kea-admin)");
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    int serverPort = Ports.freeUdpPort();
    int clientPort = Ports.freeUdpPort();
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 = D2Harness.start(bind, key)) {
      Path config = dir.resolve("kea-dhcp4.json");
      Files.writeString(config, keaConfig(d2.port));
      ProcessBuilder pb =
          new ProcessBuilder(
                  KEA_DHCP4.toString(),
                  "-c",
                  config.toString(),
                  "-p",
                  Integer.toString(serverPort),
                  "-P",
                  Integer.toString(clientPort))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("kea-dhcp4.out").toFile());
      pb.environment().put("KEA_LOCKFILE_DIR", dir.toString());
      pb.environment().put("KEA_PIDFILE_DIR", dir.toString());
      Process kea = pb.start();
      try {
        Path log = dir.resolve("kea-dhcp4.log");
        Await.until(WAIT, "kea-dhcp4 started", () -> logHas(log, "DHCP4_STARTED"));

        perfdhcp(serverPort, clientPort, "00:0c:01:00:00:00");
        Path leases = dir.resolve("leases4.csv");
        int firstRound = leasedHostnames(leases).size();
        assertThat(firstRound).isPositive();
        Await.until(WAIT, "first round acked", () -> d2.stat(D2Stats.NCR_ACKED) >= firstRound);
        long firstReceived = d2.stat(D2Stats.NCR_RECEIVED);

        // Every ack of the first round went to kea-dhcp4's NCR socket; it must not care.
        perfdhcp(serverPort, clientPort, "00:0c:02:00:00:00");
        Await.until(
            WAIT, "second round received", () -> d2.stat(D2Stats.NCR_RECEIVED) > firstReceived);
        assertThat(kea.isAlive()).as("kea-dhcp4 still running").isTrue();

        Set<String> hosts = leasedHostnames(leases);
        assertThat(hosts.size()).isGreaterThan(firstRound);
        for (String host : hosts) {
          Await.until(WAIT, "A " + host, () -> !bind.query(host, Type.A).isEmpty());
        }
        d2.awaitIdle();
        // Every lease's three records, as RFC 4703 §5 has a server add them: A, DHCID, PTR.
        Map<String, String[]> byAddress = lastRowByAddress(leases);
        for (String[] lease : byAddress.values()) {
          assertLeaseRecords(bind, lease[0], lease[1], lease[2], lease[8]);
        }
        assertThat(byAddress).hasSize(hosts.size());
        assertThat(d2.stat(D2Stats.NCR_INVALID)).isZero();
        assertThat(d2.stat(D2Stats.NCR_ACKED)).isEqualTo(d2.stat(D2Stats.NCR_RECEIVED));
        assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(d2.stat(D2Stats.NCR_RECEIVED));
        assertThat(logHas(log, "DHCP4_NCR_CREATION_FAILED")).isFalse();
        assertThat(logHas(log, "DHCP_DDNS_NCR_SEND_FAILURE")).isFalse();
      } finally {
        kea.destroy();
        kea.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean logHas(Path log, String id) {
    try {
      return Files.exists(log) && Files.readString(log).contains(id);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A = the leased address, DHCID = RFC 4701 from the client identifier the lease holds (perfdhcp
   * sends 01 + its MAC: identifier type 1) or else the MAC (type 0), PTR = the name.
   */
  private static void assertLeaseRecords(
      BindServer bind, String address, String mac, String clientId, String hostname)
      throws IOException {
    String fqdn = hostname.endsWith(".") ? hostname : hostname + ".";
    assertThat(bind.query(fqdn, Type.A))
        .as("A %s", fqdn)
        .extracting(Record::rdataToString)
        .containsExactly(address);
    HexFormat colons = HexFormat.ofDelimiter(":");
    Dhcid expected =
        clientId.isEmpty()
            ? Dhcid.fromHwAddress(1, colons.parseHex(mac), Fqdn.of(fqdn))
            : Dhcid.fromClientId(colons.parseHex(clientId), Fqdn.of(fqdn));
    assertThat(bind.query(fqdn, Type.DHCID))
        .as("DHCID %s", fqdn)
        .extracting(r -> HexFormat.of().formatHex(((DHCIDRecord) r).getData()))
        .containsExactly(expected.toHex().toLowerCase(Locale.ROOT));
    String reverse = ReverseMap.fromAddress(address).toString();
    assertThat(bind.query(reverse, Type.PTR))
        .as("PTR %s", reverse)
        .extracting(Record::rdataToString)
        .containsExactly(fqdn);
  }

  /** The last row kea-dhcp4 wrote per address that has a hostname, as its CSV fields. */
  private static Map<String, String[]> lastRowByAddress(Path csv) throws IOException {
    Map<String, String[]> out = new TreeMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f.length > 8 && !f[8].isEmpty()) {
        out.put(f[0], f);
      }
    }
    return out;
  }

  /** The hostname column of every lease kea-dhcp4 wrote (its CSV, Kea 2.2 column 9). */
  private static Set<String> leasedHostnames(Path csv) throws IOException {
    Set<String> out = new TreeSet<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f.length > 8 && !f[8].isEmpty()) {
        out.add(f[8]);
      }
    }
    return out;
  }

  /** perfdhcp as a relay on loopback: 20 full DORA exchanges from MACs based at {@code mac}. */
  private static void perfdhcp(int serverPort, int clientPort, String mac)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                PERFDHCP.toString(),
                "-4",
                "-r",
                "20",
                "-n",
                "20",
                "-R",
                "20",
                "-b",
                "mac=" + mac,
                "-l",
                "127.0.0.1",
                "-L",
                Integer.toString(clientPort),
                "-N",
                Integer.toString(serverPort),
                "127.0.0.1")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("perfdhcp finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // 3: some packets unanswered, e.g. the last exchange still in flight when -n stops it.
    assertThat(p.exitValue()).as("perfdhcp exit status; output:\n" + out).isIn(0, 3);
    assertThat(out).contains("***Statistics for: REQUEST-ACK***");
  }
}
