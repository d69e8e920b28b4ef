package io.d2j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.e2e.ChainConfigs.Lifetimes;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DHCP server that does not speak NCR (dnsmasq, ISC dhcpd, kea-dhcp4 with its own DDNS off)
 * feeding d2j's D2 through frontends' {@code d2j-lease-event}, with real ISC dhclients in network
 * namespaces and a real BIND: each subclass starts its server with the helper wired into its hook.
 *
 * <p>Layout as {@link DdnsChainContract}: BIND, the D2 (127.0.0.1:{@value ChainConfigs#D2_PORT})
 * and the DHCP server in the server namespace, the helper run by the server there, each dhclient in
 * a namespace of its own. Clients send option 12 (a hook passes no option-81 flags), one of them a
 * client identifier too, so both DHCID forms (RFC 4701 §3.3 types 0 and 1) are checked.
 */
@Timeout(300)
abstract class FrontendContract {
  private static final Duration DNS_WAIT = Duration.ofSeconds(30);
  static final String HOST_MAC = "02:00:5e:00:f1:01";
  static final String CID_MAC = "02:00:5e:00:f1:02";
  static final String CLIENT_ID = "01:02:00:5e:00:f1:02";

  @TempDir Path dir;

  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<Dhclient> clients = new ArrayList<>();
  private DhcpLan lan;
  private BindServer bind;
  private Daemon d2;
  private Daemon server;
  Path state;

  /**
   * The DHCP server under test in {@code ns}, its hook running {@code helper} with {@code env} (the
   * D2's address, the suffix, the state directory), leases of {@code times}.
   */
  abstract Daemon startServer(
      NetworkNamespace ns, Path dir, Path helper, Map<String, String> env, Lifetimes times)
      throws IOException;

  /** The user the server runs its script as (owner of the state directory). */
  abstract String scriptUser();

  /** Lease times for the renewal scenario (T1 short, so clients renew while the test looks). */
  abstract Lifetimes renewing();

  /** Lease times for the expiry scenario (as short as the server allows). */
  abstract Lifetimes expiring();

  /** Skips (with the reason) when the server is missing. */
  abstract void assumeServerAvailable();

  @BeforeEach
  void needsPeers() throws IOException {
    NetworkNamespace.assumeAvailable();
    BindServer.assumeAvailable();
    LeaseEventHelper.assumeBuilt();
    assumeTrue(
        Files.isExecutable(Dhclient.BINARY),
        "dhclient not installed (apt-get install isc-dhcp-client)");
    assumeServerAvailable();
    LeaseEventHelper.openUp(dir);
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
  void leaseGetsAPtrAndDhcid_renewalChangesNothing_releaseRemovesThem() throws Exception {
    Lifetimes times = renewing();
    startChain(times);
    Set<String> forwardBefore = ChainRecords.zoneContent(bind, TestZones.FORWARD);
    Set<String> reverseBefore = ChainRecords.zoneContent(bind, TestZones.REVERSE_V4);
    Dhclient host = hostClient("fe-host");
    Dhclient cid = clientIdClient("fe-cid");
    String hostName = "fe-host.example.org.";
    String cidName = "fe-cid.example.org.";

    String hostAddress = host.obtain();
    long bound = System.nanoTime();
    await(
        "A, DHCID, PTR of " + hostName, () -> ChainRecords.allPresent(bind, hostName, hostAddress));
    report("records present after BOUND", bound);
    String cidAddress = cid.obtain();
    await("A, DHCID, PTR of " + cidName, () -> ChainRecords.allPresent(bind, cidName, cidAddress));
    ChainRecords.assertRecords(
        bind, hostName, hostAddress, ChainRecords.dhcidOfHwAddress(HOST_MAC, hostName));
    // RFC 4701 §3.3: a client with a client identifier is named by it (identifier type 1).
    ChainRecords.assertRecords(
        bind,
        cidName,
        cidAddress,
        Dhcid.fromClientId(HexFormat.ofDelimiter(":").parseHex(CLIENT_ID), Fqdn.of(cidName)));

    // Renewals reach the helper (dhcpd's on commit, Kea's lease4_renew and leases4_committed,
    // dnsmasq's "old" with --script-on-renewal) and change nothing in DNS: no SOA serial moves.
    long forwardSerial = ChainRecords.serial(bind, TestZones.FORWARD);
    long reverseSerial = ChainRecords.serial(bind, TestZones.REVERSE_V4);
    await(
        Duration.ofSeconds(times.renew() + 30),
        "RENEW by both dhclients",
        () -> host.renewals() >= 1 && cid.renewals() >= 1);
    assertThat(ChainRecords.serial(bind, TestZones.FORWARD)).isEqualTo(forwardSerial);
    assertThat(ChainRecords.serial(bind, TestZones.REVERSE_V4)).isEqualTo(reverseSerial);
    // ... because the helper saw the renewal and found the name recorded, not because it never ran.
    assertThat(server.log()).contains("D2J_FRONTEND_NOTHING_TO_DO");

    host.release();
    long released = System.nanoTime();
    await(
        "records of " + hostName + " removed after DHCPRELEASE",
        () -> ChainRecords.allGone(bind, hostName, hostAddress));
    report("records removed after RELEASE", released);
    ChainRecords.assertRecords(
        bind,
        cidName,
        cidAddress,
        Dhcid.fromClientId(HexFormat.ofDelimiter(":").parseHex(CLIENT_ID), Fqdn.of(cidName)));
    cid.release();
    await(
        "records of " + cidName + " removed after DHCPRELEASE",
        () -> ChainRecords.allGone(bind, cidName, cidAddress));
    assertThat(ChainRecords.serial(bind, TestZones.FORWARD)).isGreaterThan(forwardSerial);
    assertThat(ChainRecords.zoneContent(bind, TestZones.FORWARD)).isEqualTo(forwardBefore);
    assertThat(ChainRecords.zoneContent(bind, TestZones.REVERSE_V4)).isEqualTo(reverseBefore);
    assertThat(LeaseEventHelper.spooled(state)).isEmpty();
  }

  @Test
  void d2StoppedDuringALease_spoolDeliversAfterItsRestart_expiryRemoves() throws Exception {
    Lifetimes times = expiring();
    startChain(times);
    d2.close();
    Dhclient early = hostClient("fe-early");
    String earlyName = "fe-early.example.org.";
    String earlyAddress = early.obtain();
    long earlyBound = System.nanoTime();
    await("the NCR of " + earlyName + " spooled while the D2 is down", () -> spooledCount() == 1);
    assertThat(ChainRecords.allGone(bind, earlyName, earlyAddress)).isTrue();

    d2 = startD2();
    // The next lease event sends what waits in the spool first, then its own NCR.
    Dhclient late = clientIdClient("fe-late");
    String lateName = "fe-late.example.org.";
    String lateAddress = late.obtain();
    await(
        "records of both " + earlyName + " (spooled) and " + lateName,
        () ->
            ChainRecords.allPresent(bind, earlyName, earlyAddress)
                && ChainRecords.allPresent(bind, lateName, lateAddress));
    ChainRecords.assertRecords(
        bind, earlyName, earlyAddress, ChainRecords.dhcidOfHwAddress(HOST_MAC, earlyName));
    assertThat(LeaseEventHelper.spooled(state)).isEmpty();

    // Gone without a RELEASE: only the lease's expiry can clean up.
    early.vanish();
    await(
        Duration.ofSeconds(times.valid() + 60),
        "records of " + earlyName + " removed at the lease's expiry",
        () -> ChainRecords.allGone(bind, earlyName, earlyAddress));
    Duration took = report("records removed by expiry after BOUND", earlyBound);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(times.valid() - 2));
    late.release();
    await(
        "records of " + lateName + " removed after DHCPRELEASE",
        () -> ChainRecords.allGone(bind, lateName, lateAddress));
  }

  private int spooledCount() {
    try {
      return LeaseEventHelper.spooled(state).size();
    } catch (IOException e) {
      return -1;
    }
  }

  private void startChain(Lifetimes times) throws IOException {
    lan = DhcpLan.create();
    NetworkNamespace ns = lan.server();
    bind = BindServer.startIn(ns, TestKey.random("d2j-e2e-key.", "HMAC-SHA256"));
    running.add(bind);
    d2 = startD2();
    Path helper = LeaseEventHelper.install(dir);
    Path serverDir = Files.createDirectories(dir.resolve("server"));
    LeaseEventHelper.openUp(serverDir);
    state = LeaseEventHelper.stateDir(dir, scriptUser());
    Map<String, String> env =
        Map.of(
            "D2J_NCR_SERVER",
            "127.0.0.1:" + ChainConfigs.D2_PORT,
            "D2J_QUALIFYING_SUFFIX",
            "example.org",
            "D2J_FRONTEND_STATE_DIR",
            state.toString());
    server = startServer(ns, serverDir, helper, env, times);
    running.add(server);
  }

  private Daemon startD2() throws IOException {
    Path d2Dir = Files.createDirectories(dir.resolve("d2"));
    Daemon d = Daemon.d2jD2(lan.server(), d2Dir, ChainConfigs.d2(bind));
    running.add(d);
    return d;
  }

  private Dhclient hostClient(String hostname) throws IOException {
    return client(
        HOST_MAC,
        hostname,
        """
        send host-name "%s";
        request subnet-mask, routers, host-name;
        """
            .formatted(hostname));
  }

  private Dhclient clientIdClient(String hostname) throws IOException {
    return client(
        CID_MAC,
        hostname,
        """
        send host-name "%s";
        send dhcp-client-identifier %s;
        request subnet-mask, routers, host-name;
        """
            .formatted(hostname, CLIENT_ID));
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

  private void await(String what, BooleanSupplier condition) {
    await(DNS_WAIT, what, condition);
  }

  /** Waits for {@code condition}; on time-out the failure carries the daemons' logs of then. */
  private void await(Duration wait, String what, BooleanSupplier condition) {
    try {
      Await.until(wait, what, condition);
    } catch (AssertionError e) {
      StringBuilder logs = new StringBuilder(e.getMessage());
      for (AutoCloseable r : running) {
        if (r instanceof Daemon daemon) {
          String log = daemon.log();
          logs.append("\n--- ")
              .append(daemon)
              .append(" ---\n")
              .append(log.length() <= 6000 ? log : "…" + log.substring(log.length() - 6000));
        }
      }
      AssertionError withLogs = new AssertionError(logs.toString());
      withLogs.initCause(e.getCause());
      throw withLogs;
    }
  }
}
