package io.d2j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.NetworkNamespace;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A migration end to end (issue 15): a dhcpd.conf with {@code key}, {@code zone} and DNS updates on
 * is served by ISC's dhcpd, and a real dhclient gets its A, DHCID and PTR in BIND; then the same
 * file is converted with {@code bin/d2j-migrate} and served, unchanged, by d2j-dhcp4 and d2j's D2,
 * and the same client (same namespace, same MAC) gets records of the same shape: the same name, one
 * A in the range, the same DHCID (RFC 4701: both servers hash the MAC with the name) and the PTR
 * back to the name. Each server's release removes them again.
 *
 * <p>BIND listens on port 53 of the server namespace's 127.0.0.1: dhcpd's {@code primary} cannot
 * name a port.
 */
@Timeout(300)
class MigratedDhcpdIT {
  private static final String MAC = "02:00:5e:00:15:01";
  private static final String NAME = "e2e-moved." + ChainConfigs.SUFFIX;
  private static final Duration DNS_WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<Dhclient> clients = new ArrayList<>();
  private DhcpLan lan;
  private BindServer bind;

  /** What BIND holds for the client: the shape compared between the two servers. */
  record Shape(String name, String address, String dhcid, List<String> ptr) {}

  /** The project's own dhcpd.conf: DNS updates the way dhcpd.conf files have them. */
  static String dhcpdConf(TestKey key) {
    return """
        # A small office: one subnet, dynamic DNS with a TSIG key.
        ddns-update-style standard;
        ddns-updates on;
        ddns-domainname "example.org.";
        default-lease-time 600;

        key "%s" {
          algorithm hmac-sha256;
          secret "%s";
        }

        zone example.org. {
          primary 127.0.0.1;
          key "%s";
        }

        zone 2.0.192.in-addr.arpa. {
          primary 127.0.0.1;
          key "%s";
        }

        subnet 192.0.2.0 netmask 255.255.255.0 {
          interface %s;
          range 192.0.2.100 192.0.2.199;
          option routers 192.0.2.1;
        }
        """
        .formatted(key.name(), key.secretBase64(), key.name(), key.name(), DhcpLan.BRIDGE);
  }

  @BeforeEach
  void needsPeers() {
    NetworkNamespace.assumeAvailable();
    BindServer.assumeAvailable();
    assumeTrue(
        Files.isExecutable(Dhclient.BINARY),
        "dhclient not installed (apt-get install isc-dhcp-client)");
    assumeTrue(
        Files.isExecutable(Daemon.DHCPD), "dhcpd not installed (apt-get install isc-dhcp-server)");
  }

  @AfterEach
  void stopAll() {
    clients.forEach(Dhclient::stop);
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // keep stopping the others
      }
    }
    if (lan != null) {
      lan.close();
    }
  }

  @Test
  void sameClient_getsRecordsOfTheSameShape_fromDhcpd_andFromTheConvertedConfiguration()
      throws Exception {
    lan = DhcpLan.create();
    NetworkNamespace server = lan.server();
    TestKey key = TestKey.random("d2j-e2e-key.", "HMAC-SHA256");
    bind = BindServer.startIn(server, 53, key);
    running.add(bind);
    Set<String> forwardBefore = ChainRecords.zoneContent(bind, TestZones.FORWARD);
    Set<String> reverseBefore = ChainRecords.zoneContent(bind, TestZones.REVERSE_V4);
    NetworkNamespace clientNs = lan.addClient(MAC);
    String clientConfig = "send host-name \"e2e-moved\";\nrequest subnet-mask, routers;\n";

    // 1. ISC dhcpd from the dhcpd.conf.
    String conf = dhcpdConf(key);
    Daemon dhcpd =
        Daemon.dhcpd(
            server, Files.createDirectories(dir.resolve("dhcpd")), conf, DhcpLan.BRIDGE, Map.of());
    running.add(dhcpd);
    Dhclient first = client(clientNs, "client-dhcpd", clientConfig);
    String firstAddress = first.obtain();
    await(
        "dhcpd: A, DHCID and PTR of " + NAME,
        () -> ChainRecords.allPresent(bind, NAME, firstAddress),
        dhcpd);
    Shape fromDhcpd = shape(firstAddress);
    first.release();
    await(
        "dhcpd: records removed after DHCPRELEASE",
        () -> ChainRecords.allGone(bind, NAME, firstAddress),
        dhcpd);
    first.stop();
    dhcpd.close();

    // 2. The two-step command: convert, then check with the daemons that will run the files.
    Path conversion = Files.createDirectories(dir.resolve("converted"));
    Files.writeString(conversion.resolve("dhcpd.conf"), conf);
    Path leases = Files.createDirectories(dir.resolve("dhcp4")).resolve("leases4.csv");
    Run migrate =
        run(
            conversion,
            Daemon.bin("d2j-migrate"),
            "-4",
            "-i",
            "dhcpd.conf",
            "-o",
            "kea-dhcp4.json",
            "--d2-out",
            "kea-dhcp-ddns.json",
            "--lease-file",
            leases.toString());
    assertThat(migrate.exit()).as("d2j-migrate:%n%s", migrate.output()).isZero();
    assertThat(migrate.output()).doesNotContain(key.secretBase64());
    String dhcp4Json = Files.readString(conversion.resolve("kea-dhcp4.json"));
    String d2Json = Files.readString(conversion.resolve("kea-dhcp-ddns.json"));
    assertThat(dhcp4Json).doesNotContain(key.secretBase64());
    Run check4 = run(conversion, Daemon.bin("d2j-dhcp4"), "-t", "kea-dhcp4.json");
    assertThat(check4.exit()).as("d2j-dhcp4 -t:%n%s", check4.output()).isZero();
    Run checkD2 = run(conversion, Daemon.bin("d2j-dhcp-ddns"), "-t", "kea-dhcp-ddns.json");
    assertThat(checkD2.exit()).as("d2j-dhcp-ddns -t:%n%s", checkD2.output()).isZero();

    // 3. d2j from the converted files, unchanged.
    Daemon d2 = Daemon.d2jD2(server, Files.createDirectories(dir.resolve("d2")), d2Json);
    running.add(d2);
    Daemon dhcp4 = Daemon.d2jDhcp4(server, leases.getParent(), dhcp4Json);
    running.add(dhcp4);
    Dhclient second = client(clientNs, "client-d2j", clientConfig);
    String secondAddress = second.obtain();
    await(
        "d2j: A, DHCID and PTR of " + NAME,
        () -> ChainRecords.allPresent(bind, NAME, secondAddress),
        dhcp4,
        d2);
    Shape fromD2j = shape(secondAddress);

    assertThat(fromD2j.name()).isEqualTo(fromDhcpd.name());
    assertThat(fromD2j.dhcid()).as("DHCID").isEqualTo(fromDhcpd.dhcid());
    assertThat(fromDhcpd.dhcid())
        .as("RFC 4701 DHCID of the MAC and the name")
        .isEqualToIgnoringCase(ChainRecords.dhcidOfHwAddress(MAC, NAME).toHex());
    assertThat(fromD2j.ptr()).isEqualTo(fromDhcpd.ptr()).containsExactly(NAME);
    assertThat(List.of(fromDhcpd.address(), fromD2j.address()))
        .allMatch(a -> a.matches("192\\.0\\.2\\.1\\d\\d"), "in the range 192.0.2.100-199");

    second.release();
    await(
        "d2j: records removed after DHCPRELEASE",
        () -> ChainRecords.allGone(bind, NAME, secondAddress),
        dhcp4,
        d2);
    assertThat(ChainRecords.zoneContent(bind, TestZones.FORWARD)).isEqualTo(forwardBefore);
    assertThat(ChainRecords.zoneContent(bind, TestZones.REVERSE_V4)).isEqualTo(reverseBefore);
  }

  private Shape shape(String address) {
    List<Record> a = bind.query(NAME, Type.A);
    assertThat(a).extracting(Record::rdataToString).containsExactly(address);
    List<Record> dhcids = bind.query(NAME, Type.DHCID);
    assertThat(dhcids).hasSize(1);
    assertThat(bind.query(NAME, Type.TXT)).as("no interim-style TXT record").isEmpty();
    String dhcid = HexFormat.of().formatHex(((DHCIDRecord) dhcids.get(0)).getData());
    List<String> ptr =
        bind.query(ChainRecords.reverseName(address), Type.PTR).stream()
            .map(Record::rdataToString)
            .toList();
    return new Shape(NAME, address, dhcid, ptr);
  }

  private Dhclient client(NetworkNamespace ns, String name, String config) throws IOException {
    Dhclient c = new Dhclient(ns, dir.resolve(name), config);
    clients.add(c);
    return c;
  }

  record Run(int exit, String output) {}

  /** Runs one of the repository's launchers on the host (conversion and checks open no socket). */
  private static Run run(Path workingDir, String... command)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }

  private static void await(
      String what, java.util.function.BooleanSupplier condition, Daemon... daemons) {
    try {
      Await.until(DNS_WAIT, what, condition);
    } catch (AssertionError e) {
      StringBuilder logs = new StringBuilder(e.getMessage());
      for (Daemon d : daemons) {
        String log = d.log();
        logs.append("\n--- ")
            .append(d)
            .append(" ---\n")
            .append(log.length() > 6000 ? log.substring(log.length() - 6000) : log);
      }
      throw new AssertionError(logs.toString(), e);
    }
  }
}
