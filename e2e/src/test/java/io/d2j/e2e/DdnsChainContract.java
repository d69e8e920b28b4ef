package io.d2j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.e2e.ChainConfigs.Lifetimes;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.NetworkNamespace;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every pairing of DHCPv4 server and D2 must show, with real ISC dhclients in network
 * namespaces and a real BIND: each subclass names who sits in the two seats (d2j or Kea 2.2), and
 * the same Kea-format configurations run either. Kea in both seats is the reference that shows the
 * assertions describe Kea's behaviour.
 *
 * <p>Layout (all in namespaces this test creates, see {@link DhcpLan}): the server namespace holds
 * BIND, the D2 and the DHCP server on its own 127.0.0.1 and a bridge 192.0.2.1/24; each client
 * namespace holds one dhclient on a veth joined to the bridge. The test reads BIND by TCP through
 * testkit's {@code NetnsTcpBridge}.
 */
@Timeout(180)
abstract class DdnsChainContract {
  private static final Duration DNS_WAIT = Duration.ofSeconds(30);
  static final String FQDN_CLIENT_MAC = "02:00:5e:00:81:01";
  static final String HOSTNAME_CLIENT_MAC = "02:00:5e:00:12:01";
  static final String DHCPCD_MAC = "02:00:5e:00:cd:01";
  static final String UDHCPC_FQDN_MAC = "02:00:5e:00:bb:81";
  static final String UDHCPC_HOST_MAC = "02:00:5e:00:bb:12";

  @TempDir Path dir;

  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<Dhclient> clients = new ArrayList<>();
  private DhcpLan lan;
  private BindServer bind;
  private Path dhcpDir;

  /** The DHCPv4 server under test, started from {@code dhcp4Json} in the server namespace. */
  abstract Daemon startDhcp4(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException;

  /** The D2 under test, started from {@code dhcpDdnsJson} in the server namespace. */
  abstract Daemon startD2(NetworkNamespace ns, Path dir, String dhcpDdnsJson) throws IOException;

  /** Skips (with the reason) when a binary of this pairing is missing. */
  abstract void assumeSeatsAvailable();

  /**
   * Whether this pairing runs the dhcpcd / udhcpc test: the pure pairings do (d2j in both seats,
   * and Kea in both as the reference); the mixed ones add nothing for these clients but CI time.
   */
  boolean runsOtherClients() {
    return false;
  }

  @BeforeEach
  void needsPeers() {
    NetworkNamespace.assumeAvailable();
    BindServer.assumeAvailable();
    assumeTrue(
        Files.isExecutable(Dhclient.BINARY),
        "dhclient not installed (apt-get install isc-dhcp-client)");
    assumeSeatsAvailable();
  }

  @AfterEach
  void stopAll() {
    for (Dhclient c : clients) {
      c.stop();
    }
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // Keep stopping the others.
      }
    }
    if (lan != null) {
      lan.close();
    }
  }

  @Test
  void fqdnAndHostNameClients_getAPtrAndDhcid_renewKeepsThem_releaseRemovesThem() throws Exception {
    // T1 = 2 s: both clients renew while the test looks.
    startChain(new Lifetimes(60, 2, 45));
    Set<String> forwardBefore = ChainRecords.zoneContent(bind, TestZones.FORWARD);
    Set<String> reverseBefore = ChainRecords.zoneContent(bind, TestZones.REVERSE_V4);
    // Option 81, S=1 ("server, please update A"), a partial name the server qualifies (RFC 4702).
    // E=0 (ASCII): dhclient's wire encoding (E=1) always ends with the root label, a full name.
    Dhclient fqdn =
        client(
            FQDN_CLIENT_MAC,
            "fqdn",
            """
            send fqdn.fqdn "e2e-fqdn";
            send fqdn.encoded off;
            send fqdn.server-update on;
            request subnet-mask, routers;
            """);
    // Option 12 only: a host name, no option 81 (RFC 2132 §3.14).
    Dhclient host =
        client(
            HOSTNAME_CLIENT_MAC,
            "host",
            """
            send host-name "e2e-host";
            request subnet-mask, routers, host-name;
            """);

    String fqdnName = "e2e-fqdn." + ChainConfigs.SUFFIX;
    String hostName = "e2e-host." + ChainConfigs.SUFFIX;
    // One client after the other, so each latency is its own: the first includes the daemons'
    // first-request warm-up, the second does not.
    String fqdnAddress = fqdn.obtain();
    long bound = System.nanoTime();
    await(
        "A, DHCID and PTR of " + fqdnName,
        () -> ChainRecords.allPresent(bind, fqdnName, fqdnAddress));
    report("option-81 client's records present after its BOUND (first request)", bound);
    String hostAddress = host.obtain();
    bound = System.nanoTime();
    await(
        "A, DHCID and PTR of " + hostName,
        () -> ChainRecords.allPresent(bind, hostName, hostAddress));
    report("option-12 client's records present after its BOUND", bound);
    // What the clients were told (dhclient's lease files): option 81 answered with S=1, N=0 and the
    // qualified name, RCODEs echoed (spec §2.1); option 12 answered with the qualified name
    // without a trailing dot (spec §2.5).
    assertThat(fqdn.leases())
        .contains(
            "option fqdn.fqdn \"e2e-fqdn.example.org.\";",
            "option fqdn.server-update true;",
            "option fqdn.no-client-update false;",
            "option fqdn.rcode1 0;");
    assertThat(host.leases()).contains("option host-name \"e2e-host.example.org\";");
    ChainRecords.assertRecords(
        bind, fqdnName, fqdnAddress, ChainRecords.dhcidOfHwAddress(FQDN_CLIENT_MAC, fqdnName));
    ChainRecords.assertRecords(
        bind, hostName, hostAddress, ChainRecords.dhcidOfHwAddress(HOSTNAME_CLIENT_MAC, hostName));

    // A renewal with the same name sends no NCR (ddns-update-on-renew is false): no UPDATE, so
    // neither zone's SOA serial moves (RFC 2136 §3.7 bumps it on every applied update).
    long forwardSerial = ChainRecords.serial(bind, TestZones.FORWARD);
    long reverseSerial = ChainRecords.serial(bind, TestZones.REVERSE_V4);
    await("RENEW by both dhclients", () -> fqdn.renewals() >= 1 && host.renewals() >= 1);
    assertThat(ChainRecords.serial(bind, TestZones.FORWARD)).isEqualTo(forwardSerial);
    assertThat(ChainRecords.serial(bind, TestZones.REVERSE_V4)).isEqualTo(reverseSerial);
    ChainRecords.assertRecords(
        bind, fqdnName, fqdnAddress, ChainRecords.dhcidOfHwAddress(FQDN_CLIENT_MAC, fqdnName));

    fqdn.release();
    long released = System.nanoTime();
    await(
        "A, DHCID and PTR of " + fqdnName + " removed after DHCPRELEASE",
        () -> ChainRecords.allGone(bind, fqdnName, fqdnAddress));
    report("option-81 client's records removed after its RELEASE", released);
    ChainRecords.assertRecords(
        bind, hostName, hostAddress, ChainRecords.dhcidOfHwAddress(HOSTNAME_CLIENT_MAC, hostName));
    host.release();
    released = System.nanoTime();
    await(
        "A, DHCID and PTR of " + hostName + " removed after DHCPRELEASE",
        () -> ChainRecords.allGone(bind, hostName, hostAddress));
    report("option-12 client's records removed after its RELEASE", released);
    // The serial probe does see updates (else the renewal check above proves nothing).
    assertThat(ChainRecords.serial(bind, TestZones.FORWARD)).isGreaterThan(forwardSerial);
    // Nothing else changed: the zones are as test-zones/ serves them.
    assertThat(ChainRecords.zoneContent(bind, TestZones.FORWARD)).isEqualTo(forwardBefore);
    assertThat(ChainRecords.zoneContent(bind, TestZones.REVERSE_V4)).isEqualTo(reverseBefore);
  }

  /**
   * dhcpcd (option 81 from {@code hostname} with {@code fqdn both}) and BusyBox udhcpc twice
   * (option 81 with {@code -F}, option 12 with {@code -x hostname:}): each gets its lease and its
   * A, DHCID and PTR, renews without a DNS update, and releases, which removes its records.
   */
  @Test
  void dhcpcdAndUdhcpcClients_getTheirRecords_renewKeepsThem_releaseRemovesThem() throws Exception {
    assumeTrue(
        runsOtherClients(),
        "dhcpcd and udhcpc run in the d2j+d2j and Kea+Kea pairings only (CI time)");
    assumeTrue(Files.isExecutable(Dhcpcd.BINARY), "dhcpcd not installed (apt-get install dhcpcd5)");
    assumeTrue(Files.isExecutable(Udhcpc.BINARY), "udhcpc not installed (apt-get install udhcpc)");
    // udhcpc renews at half the lease whatever T1 says, dhcpcd at T1. With a 12 s lease udhcpc
    // renewed only 14 s after its ACK: Kea and d2j alike had reclaimed the lease by then.
    startChain(new Lifetimes(30, 3, 20));
    Set<String> forwardBefore = ChainRecords.zoneContent(bind, TestZones.FORWARD);
    Set<String> reverseBefore = ChainRecords.zoneContent(bind, TestZones.REVERSE_V4);
    Dhcpcd dhcpcd =
        new Dhcpcd(lan.addClient(DHCPCD_MAC), dir.resolve("client-dhcpcd"), "e2e-dhcpcd");
    Udhcpc fqdn =
        new Udhcpc(
            lan.addClient(UDHCPC_FQDN_MAC),
            dir.resolve("client-udhcpc-fqdn"),
            List.of("-F", "e2e-udhcpc-fqdn"));
    Udhcpc host =
        new Udhcpc(
            lan.addClient(UDHCPC_HOST_MAC),
            dir.resolve("client-udhcpc-host"),
            List.of("-x", "hostname:e2e-udhcpc-host"));
    running.add(dhcpcd);
    running.add(fqdn);
    running.add(host);
    String dhcpcdName = "e2e-dhcpcd." + ChainConfigs.SUFFIX;
    String fqdnName = "e2e-udhcpc-fqdn." + ChainConfigs.SUFFIX;
    String hostName = "e2e-udhcpc-host." + ChainConfigs.SUFFIX;

    String dhcpcdAddress = dhcpcd.obtain();
    String fqdnAddress = fqdn.obtain();
    String hostAddress = host.obtain();
    long bound = System.nanoTime();
    await(
        "A, DHCID and PTR of the dhcpcd and udhcpc clients",
        () ->
            ChainRecords.allPresent(bind, dhcpcdName, dhcpcdAddress)
                && ChainRecords.allPresent(bind, fqdnName, fqdnAddress)
                && ChainRecords.allPresent(bind, hostName, hostAddress));
    report("dhcpcd's and udhcpc's records present after their BOUND", bound);
    assertRecordsOfLease(dhcpcdName, dhcpcdAddress);
    assertRecordsOfLease(fqdnName, fqdnAddress);
    assertRecordsOfLease(hostName, hostAddress);

    // Renewals with the same names send no NCR: neither zone's SOA serial moves.
    long forwardSerial = ChainRecords.serial(bind, TestZones.FORWARD);
    long reverseSerial = ChainRecords.serial(bind, TestZones.REVERSE_V4);
    await(
        "RENEW by dhcpcd and both udhcpc",
        () -> dhcpcd.renewals() >= 1 && fqdn.renewals() >= 1 && host.renewals() >= 1);
    assertThat(ChainRecords.serial(bind, TestZones.FORWARD)).isEqualTo(forwardSerial);
    assertThat(ChainRecords.serial(bind, TestZones.REVERSE_V4)).isEqualTo(reverseSerial);
    assertRecordsOfLease(dhcpcdName, dhcpcdAddress);
    assertRecordsOfLease(fqdnName, fqdnAddress);
    assertRecordsOfLease(hostName, hostAddress);

    // Each DHCPRELEASE removes that client's records and no one else's.
    dhcpcd.release();
    await(
        "records of " + dhcpcdName + " removed after dhcpcd's DHCPRELEASE",
        () -> ChainRecords.allGone(bind, dhcpcdName, dhcpcdAddress));
    assertRecordsOfLease(fqdnName, fqdnAddress);
    fqdn.release();
    await(
        "records of " + fqdnName + " removed after udhcpc's DHCPRELEASE",
        () -> ChainRecords.allGone(bind, fqdnName, fqdnAddress));
    assertRecordsOfLease(hostName, hostAddress);
    host.release();
    await(
        "records of " + hostName + " removed after udhcpc's DHCPRELEASE",
        () -> ChainRecords.allGone(bind, hostName, hostAddress));
    assertThat(ChainRecords.zoneContent(bind, TestZones.FORWARD)).isEqualTo(forwardBefore);
    assertThat(ChainRecords.zoneContent(bind, TestZones.REVERSE_V4)).isEqualTo(reverseBefore);
  }

  /** A, PTR and the DHCID of the lease the server wrote for {@code address} (RFC 4701 §3.3). */
  private void assertRecordsOfLease(String fqdn, String address) throws IOException {
    ChainRecords.Lease lease =
        ChainRecords.leases(dhcpDir.resolve("leases4.csv")).stream()
            .filter(l -> l.address().equals(address))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no lease for " + address + " in the lease file"));
    assertThat(lease.fqdn()).isEqualTo(fqdn);
    ChainRecords.assertRecords(bind, fqdn, address, ChainRecords.dhcidOf(lease));
  }

  @Test
  void vanishedClient_leaseExpires_reclamationRemovesItsRecords() throws Exception {
    Lifetimes times = new Lifetimes(8, 4, 6);
    startChain(times);
    Dhclient fqdn =
        client(
            FQDN_CLIENT_MAC,
            "fqdn",
            """
            send fqdn.fqdn "e2e-gone";
            send fqdn.encoded off;
            send fqdn.server-update on;
            request subnet-mask, routers;
            """);
    String address = fqdn.obtain();
    long bound = System.nanoTime();
    // Gone without a RELEASE (powered off): only the lease's expiry can clean up.
    fqdn.vanish();
    String name = "e2e-gone." + ChainConfigs.SUFFIX;
    await("A, DHCID and PTR of " + name, () -> ChainRecords.allPresent(bind, name, address));
    ChainRecords.assertRecords(
        bind, name, address, ChainRecords.dhcidOfHwAddress(FQDN_CLIENT_MAC, name));

    await(
        "A, DHCID and PTR of " + name + " removed by reclamation",
        () -> ChainRecords.allGone(bind, name, address));
    Duration took = report("records removed after BOUND (valid-lifetime 8 s)", bound);
    // Not before the lease ended: removal comes from reclamation, not from anything earlier. Lease
    // times are whole seconds (cltt truncated: the lease can end up to 1 s before BOUND + valid)
    // and BOUND is seen a little after the ACK, hence 2 s of slack.
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(times.valid() - 2));
  }

  private void startChain(Lifetimes times) throws IOException {
    lan = DhcpLan.create();
    NetworkNamespace server = lan.server();
    bind = BindServer.startIn(server, TestKey.random("d2j-e2e-key.", "HMAC-SHA256"));
    running.add(bind);
    Path d2Dir = Files.createDirectories(dir.resolve("d2"));
    running.add(startD2(server, d2Dir, ChainConfigs.d2(bind)));
    dhcpDir = Files.createDirectories(dir.resolve("dhcp4"));
    running.add(startDhcp4(server, dhcpDir, ChainConfigs.dhcp4(dhcpDir, times)));
  }

  private Dhclient client(String mac, String name, String config) throws IOException {
    Dhclient c = new Dhclient(lan.addClient(mac), dir.resolve("client-" + name), config);
    clients.add(c);
    return c;
  }

  private Duration report(String what, long sinceNanos) {
    Duration took = Duration.ofNanos(System.nanoTime() - sinceNanos);
    System.out.printf("E2E %s: %s %d ms%n", getClass().getSimpleName(), what, took.toMillis());
    return took;
  }

  /** Waits for {@code condition}; on time-out the failure carries the daemons' logs of then. */
  private void await(String what, BooleanSupplier condition) {
    try {
      Await.until(DNS_WAIT, what, condition);
    } catch (AssertionError e) {
      AssertionError withLogs = new AssertionError(e.getMessage() + logs());
      withLogs.initCause(e.getCause());
      throw withLogs;
    }
  }

  /** The daemons' logs, for a failure message. */
  private String logs() {
    StringBuilder out = new StringBuilder();
    for (AutoCloseable r : running) {
      if (r instanceof Daemon d) {
        out.append("\n--- ").append(d).append(" ---\n").append(tail(d.log()));
      }
    }
    return out.toString();
  }

  private static String tail(String log) {
    return log.length() <= 6000 ? log : "…" + log.substring(log.length() - 6000);
  }
}
