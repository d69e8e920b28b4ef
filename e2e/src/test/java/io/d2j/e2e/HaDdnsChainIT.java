package io.d2j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.ha.QueryScopes;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.ncr.Dhcid;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * HA with DDNS on the real chain (issue 13, spec §6.12, §3.4 #3): two {@code bin/d2j-dhcp4} in a
 * load-balancing pair on loopback, each sending its NCRs to its own {@code bin/d2j-dhcp-ddns}, both
 * D2s updating one BIND 9 (forward and reverse zone, TSIG). Clients with names get leases from both
 * servers through one relay that sends every query to both; some release, some leases expire
 * (lifetimes asked with option 51); server2 is killed (SIGKILL), server1 goes partner-down, renews
 * and serves server2's clients, takes a release of one and reclaims the expired leases of others;
 * server2 comes back, syncs, both return to load-balancing; the client released in partner-down
 * comes back to server2 and must get its records again; more leases and expiries follow. After each
 * phase BIND holds exactly one A, one DHCID (RFC 4701 from the MAC) and one PTR per live lease and
 * nothing for the released and expired ones (AXFR of both zones); at the end every name was added
 * once and every gone name removed once, by the D2 of the server that served the client at the
 * time, and no D2 reported a failed update. The hot-standby case does the same with the primary
 * serving everyone, the primary killed and the standby serving in partner-down.
 */
@Timeout(180)
class HaDdnsChainIT {
  private static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks";
  private static final Duration DNS_WAIT = Duration.ofSeconds(20);
  private static final Duration STATE_WAIT = Duration.ofSeconds(40);

  /** Lines of each server's log a failed state wait shows. */
  private static final int LOG_TAIL_LINES = 80;

  /** Long enough to outlive the test: these leases stay live. */
  private static final long LONG = 120;

  /** Leases ending within the test: a reclaim cycle a second removes their names. */
  private static final long SHORT = 4;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern D2_DONE =
      Pattern.compile("(DHCP_DDNS_(?:ADD|REMOVE)_(?:SUCCEEDED|FAILED)).*? fqdn=(\\S+)");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** Each peer port's last {@code ha-heartbeat} answer (or why none), with when it came. */
  private final Map<Integer, String> lastAnswers = new ConcurrentHashMap<>();

  /** One client of the scenario and what it should have in DNS. */
  record Client(String name, Octets mac, Inet4Address address, Inet4Address server) {
    String fqdn() {
      return name + "." + ChainConfigs.SUFFIX;
    }

    String addressText() {
      return address.getHostAddress();
    }

    Dhcid dhcid() {
      return ChainRecords.dhcidOfHwAddress(mac.toColonHex(), fqdn());
    }
  }

  /** Live leases and names gone (released or expired), by name. */
  private final Map<String, Client> live = new TreeMap<>();

  private final Map<String, Client> gone = new TreeMap<>();

  /** Which server's D2 must have sent each add and remove, by "ADD name" / "REMOVE name". */
  private final Map<String, List<Integer>> expectedBy = new TreeMap<>();

  @Test
  void loadBalancingPair_failoverAndRecovery_bindHoldsOneSetOfRecordsPerLiveLease()
      throws Exception {
    BindServer.assumeAvailable();
    try (Chain chain = new Chain("load-balancing")) {
      HaRelay relay = chain.relay;
      BindServer bind = chain.bind;
      List<Integer> both = chain.both;
      List<Octets> of1 = clients(chain.scopes, "server1", 5, 1);
      List<Octets> of2 = clients(chain.scopes, "server2", 7, 2);
      chain.awaitBoth("load-balancing");
      long ready = System.nanoTime();

      // Phase 1, both serving their scopes: six leases, one released, one expired.
      lease(relay, both, "ha-a1", of1.get(0), LONG, 1);
      Client a2 = lease(relay, both, "ha-a2", of1.get(1), LONG, 1);
      Client a3 = lease(relay, both, "ha-a3", of1.get(2), SHORT, 1);
      Client b1 = lease(relay, both, "ha-b1", of2.get(0), LONG, 2);
      Client b2 = lease(relay, both, "ha-b2", of2.get(1), LONG, 2);
      // Ends during failure detection: no server serves its scope until partner-down.
      Client b3 = lease(relay, both, "ha-b3", of2.get(2), 8, 2);
      relay.release(both, a2.mac(), a2.address(), a2.server());
      ended(a2, 1);
      ended(a3, 1);
      Map<String, Long> phase1 = checkZones("phase 1 (load-balancing)", bind);

      // Phase 2: server2 crashes; server1 serves everyone in partner-down.
      chain.server(2).kill();
      long killed = System.nanoTime();
      chain.awaitState(chain.peer1, "partner-down");
      long partnerDown = System.nanoTime();
      assertRenewed(relay, both, b1, "b1's renewal, answered by the survivor");
      ended(b3, 1);
      lease(relay, both, "ha-a4", of1.get(3), LONG, 1);
      Client b4 = lease(relay, both, "ha-b4", of2.get(3), LONG, 1);
      Client b5 = lease(relay, both, "ha-b5", of2.get(4), SHORT, 1);
      ended(b5, 1);
      // Released while server2 is down, which still holds the lease in its file.
      relay.release(both, b2.mac(), b2.address(), b2.server());
      ended(b2, 1);
      Map<String, Long> phase2 = checkZones("phase 2 (server2 killed, partner-down)", bind);

      // Phase 3: server2 restarts on its lease file, syncs, both back to load-balancing.
      chain.restart(2);
      long restarted = System.nanoTime();
      chain.awaitState(chain.peer2, "load-balancing");
      chain.awaitState(chain.peer1, "load-balancing");
      long recovered = System.nanoTime();
      assertRenewed(
          relay, both, b4, "b4's renewal (leased in partner-down), answered after the recovery");
      // b2 comes back to its own server, which held its lease when it failed.
      lease(relay, both, "ha-b2", b2.mac(), LONG, 2);
      lease(relay, both, "ha-b6", of2.get(5), LONG, 2);
      Client a5 = lease(relay, both, "ha-a5", of1.get(4), SHORT, 1);
      Client b7 = lease(relay, both, "ha-b7", of2.get(6), SHORT, 2);
      ended(a5, 1);
      ended(b7, 2);
      Map<String, Long> phase3 = checkZones("phase 3 (recovered, load-balancing)", bind);

      Map<String, Long> end = finish(chain);
      report(
          "HaDdnsChainIT load-balancing",
          "server2 killed, partner-down",
          List.of(phase1, phase2, phase3, end),
          chain.started,
          ready,
          killed,
          partnerDown,
          restarted,
          recovered);
    }
  }

  /**
   * The same chain in hot-standby: the primary serves every client and the standby none; the
   * primary is killed, the standby serves everyone in partner-down (renewals of the primary's
   * leases, new leases, a release, the removals of leases that expire then, one of them during
   * failure detection); the primary returns on its lease file, syncs from the standby and serves
   * again, including the client released while it was down, which must get its records back.
   */
  @Test
  void hotStandbyPair_primaryFailsAndReturns_bindHoldsOneSetOfRecordsPerLiveLease()
      throws Exception {
    BindServer.assumeAvailable();
    try (Chain chain = new Chain("hot-standby")) {
      HaRelay relay = chain.relay;
      BindServer bind = chain.bind;
      List<Integer> both = chain.both;
      List<Octets> macs = clients(chain.scopes, "server1", 9, 3);
      chain.awaitBoth("hot-standby");
      long ready = System.nanoTime();

      // Phase 1, the primary serving everyone.
      Client p1 = lease(relay, both, "ha-p1", macs.get(0), LONG, 1);
      Client p2 = lease(relay, both, "ha-p2", macs.get(1), LONG, 1);
      Client p3 = lease(relay, both, "ha-p3", macs.get(2), SHORT, 1);
      Client p4 = lease(relay, both, "ha-p4", macs.get(3), LONG, 1);
      // Ends during failure detection: nobody serves clients until the standby is in partner-down.
      Client p5 = lease(relay, both, "ha-p5", macs.get(4), 8, 1);
      relay.release(both, p2.mac(), p2.address(), p2.server());
      ended(p2, 1);
      ended(p3, 1);
      Map<String, Long> phase1 = checkZones("phase 1 (hot-standby)", bind);

      // Phase 2: the primary crashes; the standby serves everyone in partner-down.
      chain.server(1).kill();
      long killed = System.nanoTime();
      chain.awaitState(chain.peer2, "partner-down");
      long partnerDown = System.nanoTime();
      assertRenewed(relay, both, p1, "p1's renewal, answered by the standby");
      ended(p5, 2);
      Client s1 = lease(relay, both, "ha-s1", macs.get(5), LONG, 2);
      Client s2 = lease(relay, both, "ha-s2", macs.get(6), SHORT, 2);
      ended(s2, 2);
      // Released while the primary is down, which still holds the lease in its file.
      relay.release(both, p4.mac(), p4.address(), p4.server());
      ended(p4, 2);
      Map<String, Long> phase2 = checkZones("phase 2 (primary killed, partner-down)", bind);

      // Phase 3: the primary restarts on its lease file, syncs, both back to hot-standby.
      chain.restart(1);
      long restarted = System.nanoTime();
      chain.awaitState(chain.peer1, "hot-standby");
      chain.awaitState(chain.peer2, "hot-standby");
      long recovered = System.nanoTime();
      assertRenewed(
          relay, both, s1, "s1's renewal (leased in partner-down), answered by the primary");
      // p4 comes back to the primary, which held its lease when it failed.
      lease(relay, both, "ha-p4", p4.mac(), LONG, 1);
      Client p6 = lease(relay, both, "ha-p6", macs.get(7), SHORT, 1);
      ended(p6, 1);
      lease(relay, both, "ha-p7", macs.get(8), LONG, 1);
      Map<String, Long> phase3 = checkZones("phase 3 (recovered, hot-standby)", bind);

      Map<String, Long> end = finish(chain);
      report(
          "HaDdnsChainIT hot-standby",
          "primary killed, partner-down",
          List.of(phase1, phase2, phase3, end),
          chain.started,
          ready,
          killed,
          partnerDown,
          restarted,
          recovered);
    }
  }

  /**
   * Two more reclaim cycles (a second remove of any name would come then), the zones once more, the
   * D2s' work, no query answered by both servers, both servers alive; returns the last counts.
   */
  private Map<String, Long> finish(Chain chain) throws Exception {
    chain.relay.drain(2500);
    Map<String, Long> end = checkZones("end", chain.bind);
    assertD2Work(chain.d2One.log(), chain.d2Two.log());
    Map<Integer, List<DhcpPacket>> twice = new TreeMap<>();
    chain
        .relay
        .replies()
        .forEach(
            (xid, replies) -> {
              if (replies.size() > 1) {
                twice.put(xid, replies);
              }
            });
    assertThat(twice).as("queries both servers answered").isEmpty();
    assertThat(chain.server(1).isAlive()).isTrue();
    assertThat(chain.server(2).isAlive()).isTrue();
    return end;
  }

  private static void report(
      String test,
      String failure,
      List<Map<String, Long>> phases,
      long started,
      long ready,
      long killed,
      long partnerDown,
      long restarted,
      long recovered) {
    System.out.printf(
        "E2E %s: BIND records (A/DHCID/PTR of ha- names) phase 1 %s, phase 2 %s, phase 3 %s,"
            + " end %s; pair ready %d ms after the start, %s %d ms after the kill, recovered %d"
            + " ms after the restart; %d ms in all%n",
        test,
        phases.get(0),
        phases.get(1),
        phases.get(2),
        phases.get(3),
        millis(started, ready),
        failure,
        millis(killed, partnerDown),
        millis(restarted, recovered),
        millis(started, System.nanoTime()));
  }

  /** A renewal of {@code c}'s lease through the relay: an ACK of the same address. */
  private static void assertRenewed(HaRelay relay, List<Integer> servers, Client c, String what)
      throws Exception {
    assertThat(relay.renew(servers, c.mac(), c.address(), c.name(), LONG))
        .as(what)
        .hasValueSatisfying(
            ack -> {
              assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
              assertThat(ack.yiaddr()).isEqualTo(c.address());
            });
  }

  /**
   * The real chain for one HA mode: a relay that sends every query to both servers, BIND, two
   * {@code bin/d2j-dhcp-ddns} and two {@code bin/d2j-dhcp4} (server1 primary), each server sending
   * its NCRs to its own D2. Closing stops them all.
   */
  private final class Chain implements AutoCloseable {
    final long started = System.nanoTime();
    final int peer1 = Ports.freeTcpAndUdpPort();
    final int peer2 = Ports.freeTcpAndUdpPort();
    final HaRelay relay;
    final BindServer bind;
    final List<Integer> both;
    final QueryScopes scopes;
    Daemon d2One;
    Daemon d2Two;
    private final Daemon[] servers = new Daemon[2];
    private final Path[] dirs = new Path[2];
    private final String[] configs = new String[2];
    private final List<List<String>> options = new ArrayList<>();

    Chain(String mode) throws Exception {
      relay = new HaRelay();
      BindServer b = null;
      try {
        b = BindServer.start(TestKey.random("d2j-e2e-key.", "HMAC-SHA256"));
      } finally {
        if (b == null) {
          relay.close();
        }
      }
      bind = b;
      try {
        int[] dhcp = {Ports.freeUdpPort(), Ports.freeUdpPort()};
        int[] d2Ports = {Ports.freeUdpPort(), Ports.freeUdpPort()};
        both = List.of(dhcp[0], dhcp[1]);
        List<CompletableFuture<Daemon>> d2s = new ArrayList<>();
        List<CompletableFuture<Daemon>> dhcp4s = new ArrayList<>();
        // The four JVMs start side by side: each takes seconds on a loaded host.
        for (int i = 0; i < 2; i++) {
          String me = "server" + (i + 1);
          Path d2Dir = Files.createDirectories(dir.resolve("d2-" + (i + 1)));
          int d2Port = d2Ports[i];
          d2s.add(async(() -> Daemon.d2jD2(null, d2Dir, ChainConfigs.d2(bind, d2Port))));
          dirs[i] = Files.createDirectories(dir.resolve(me));
          configs[i] = dhcp4(dirs[i], me, mode, peer1, peer2, d2Port);
          options.add(options(dhcp[i], relay.port()));
          int n = i;
          dhcp4s.add(async(() -> Daemon.d2jDhcp4(null, dirs[n], configs[n], options.get(n))));
        }
        d2One = d2s.get(0).join();
        d2Two = d2s.get(1).join();
        servers[0] = dhcp4s.get(0).join();
        servers[1] = dhcp4s.get(1).join();
        scopes =
            new QueryScopes(
                Dhcp4ConfigParser.parse(KeaConfigReader.parse(configs[0], "server1.json"), dirs[0])
                    .highAvailability()
                    .orElseThrow());
      } catch (Exception | Error e) {
        close();
        throw e;
      }
    }

    Daemon server(int n) {
      return servers[n - 1];
    }

    /** Starts server {@code n} again on its config and lease file. */
    void restart(int n) throws IOException {
      servers[n - 1].close();
      servers[n - 1] = Daemon.d2jDhcp4(null, dirs[n - 1], configs[n - 1], options.get(n - 1));
    }

    void awaitBoth(String state) {
      awaitState(peer1, state);
      awaitState(peer2, state);
    }

    /**
     * Polls the peer's {@code ha-heartbeat} on its HA listener until it reports {@code state}; on
     * time-out the failure carries what both servers said and logged then.
     */
    void awaitState(int peerPort, String state) {
      try {
        Await.until(
            STATE_WAIT,
            "peer on " + peerPort + " in " + state,
            () -> state(peerPort).equals(state));
      } catch (AssertionError e) {
        AssertionError withLogs = new AssertionError(e.getMessage() + diagnostics());
        withLogs.initCause(e.getCause());
        throw withLogs;
      }
    }

    /**
     * Per server: its last {@code ha-heartbeat} answer while awaited, its {@code status-get} HA
     * part now (its state and what it knows of its partner) and the tail of its log.
     */
    String diagnostics() {
      StringBuilder out = new StringBuilder();
      int[] ports = {peer1, peer2};
      for (int i = 0; i < 2; i++) {
        out.append("\n--- server")
            .append(i + 1)
            .append(' ')
            .append(servers[i])
            .append(", peer port ")
            .append(ports[i])
            .append(" ---\nlast ha-heartbeat answer: ")
            .append(lastAnswers.getOrDefault(ports[i], "(none)"))
            .append("\nstatus-get now: ")
            .append(command(ports[i], "status-get"))
            .append('\n')
            .append(tail(servers[i] == null ? "" : servers[i].log()));
      }
      return out.toString();
    }

    @Override
    public void close() throws IOException {
      for (Daemon d : new Daemon[] {servers[1], servers[0], d2Two, d2One}) {
        if (d != null) {
          d.close();
        }
      }
      try {
        if (bind != null) {
          bind.close();
        }
      } finally {
        relay.close();
      }
    }
  }

  /** DORA through the relay; the client is then live and its add expected from {@code by}. */
  private Client lease(
      HaRelay relay, List<Integer> servers, String name, Octets mac, long lifetime, int by)
      throws Exception {
    DhcpPacket ack = relay.dora(servers, mac, name, lifetime);
    assertThat(ack.options().leaseTime()).as(name + "'s lifetime").hasValue(lifetime);
    Client c = new Client(name, mac, ack.yiaddr(), ack.options().serverIdentifier().orElseThrow());
    live.put(name, c);
    gone.remove(name);
    expectedBy.computeIfAbsent("ADD " + name, k -> new ArrayList<>()).add(by);
    return c;
  }

  /** {@code c}'s lease ended (release or expiry): its names go, removed through {@code by}. */
  private void ended(Client c, int by) {
    live.remove(c.name());
    gone.put(c.name(), c);
    expectedBy.computeIfAbsent("REMOVE " + c.name(), k -> new ArrayList<>()).add(by);
  }

  /** Waits until every live name has its three records and every gone one none. */
  private void awaitDns(String what, BindServer bind) {
    for (Client c : live.values()) {
      Await.until(
          DNS_WAIT,
          what + ": A, DHCID and PTR of " + c.fqdn(),
          () -> ChainRecords.allPresent(bind, c.fqdn(), c.addressText()));
    }
    for (Client c : gone.values()) {
      // A released address may be leased again, to a live client whose PTR it then holds.
      boolean reused = live.values().stream().anyMatch(l -> l.address().equals(c.address()));
      Await.until(
          DNS_WAIT,
          what + ": no A, DHCID" + (reused ? "" : " or PTR") + " of " + c.fqdn(),
          () ->
              reused
                  ? bind.query(c.fqdn(), Type.A).isEmpty()
                      && bind.query(c.fqdn(), Type.DHCID).isEmpty()
                  : ChainRecords.allGone(bind, c.fqdn(), c.addressText()));
    }
  }

  /**
   * After {@link #awaitDns}, both zones by AXFR: exactly one A (the leased address), one DHCID (RFC
   * 4701 from the MAC) and one PTR per live lease, nothing else under an {@code ha-} name. Returns
   * the counts.
   */
  private Map<String, Long> checkZones(String phase, BindServer bind) {
    awaitDns(phase, bind);
    Map<String, List<String>> forward = new TreeMap<>();
    for (Record r : bind.axfr(TestZones.FORWARD)) {
      String owner = r.getName().toString();
      if (owner.startsWith("ha-")) {
        String value =
            r.getType() == Type.DHCID
                ? HexFormat.of().formatHex(((DHCIDRecord) r).getData()).toUpperCase()
                : r.rdataToString();
        forward
            .computeIfAbsent(owner + " " + Type.string(r.getType()), k -> new ArrayList<>())
            .add(value);
      }
    }
    Map<String, List<String>> reverse = new TreeMap<>();
    for (Record r : bind.axfr(TestZones.REVERSE_V4)) {
      if (r.getType() == Type.PTR && r.rdataToString().startsWith("ha-")) {
        reverse
            .computeIfAbsent(r.getName().toString(), k -> new ArrayList<>())
            .add(r.rdataToString());
      }
    }
    Map<String, List<String>> wantForward = new TreeMap<>();
    Map<String, List<String>> wantReverse = new TreeMap<>();
    for (Client c : live.values()) {
      wantForward.put(c.fqdn() + " A", List.of(c.addressText()));
      wantForward.put(c.fqdn() + " DHCID", List.of(c.dhcid().toHex().toUpperCase()));
      wantReverse.put(ChainRecords.reverseName(c.addressText()), List.of(c.fqdn()));
    }
    assertThat(forward).as(phase + ": ha- records in " + TestZones.FORWARD).isEqualTo(wantForward);
    assertThat(reverse)
        .as(phase + ": PTRs to ha- names in " + TestZones.REVERSE_V4)
        .isEqualTo(wantReverse);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("A", forward.keySet().stream().filter(k -> k.endsWith(" A")).count());
    counts.put("DHCID", forward.keySet().stream().filter(k -> k.endsWith(" DHCID")).count());
    counts.put("PTR", (long) reverse.size());
    counts.put("live", (long) live.size());
    counts.put("gone", (long) gone.size());
    return counts;
  }

  /**
   * Every add and remove the two D2s applied, by their log lines: each name added once, each gone
   * name removed once, each by the D2 of the server that served the client then; no failure.
   */
  private void assertD2Work(String log1, String log2) {
    Map<String, List<Integer>> seen = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    List<String> logs = List.of(log1, log2);
    for (int i = 0; i < 2; i++) {
      Matcher m = D2_DONE.matcher(logs.get(i));
      while (m.find()) {
        String fqdn = m.group(2);
        if (!fqdn.startsWith("ha-")) {
          continue;
        }
        String name = fqdn.substring(0, fqdn.indexOf('.'));
        if (m.group(1).endsWith("FAILED")) {
          failures.add("D2 " + (i + 1) + ": " + m.group());
        }
        String kind = m.group(1).contains("_ADD_") ? "ADD " : "REMOVE ";
        seen.computeIfAbsent(kind + name, k -> new ArrayList<>()).add(i + 1);
      }
    }
    assertThat(failures).as("failed updates").isEmpty();
    Map<String, List<Integer>> want = new TreeMap<>();
    expectedBy.forEach((k, v) -> want.put(k, v.stream().sorted().toList()));
    seen.replaceAll((k, v) -> v.stream().sorted().toList());
    assertThat(seen).as("which D2 applied each add and remove (1 = server1's)").isEqualTo(want);
    assertThat(new TreeSet<>(gone.keySet())).doesNotContainAnyElementsOf(live.keySet());
  }

  /** The peer's state by its {@code ha-heartbeat} answer ("" without one). */
  private String state(int peerPort) {
    String body = command(peerPort, "ha-heartbeat");
    lastAnswers.put(peerPort, Instant.now() + " " + body);
    try {
      JsonNode answer = JSON.readTree(body);
      JsonNode first = answer.isArray() ? answer.get(0) : answer;
      return first.path("arguments").path("state").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /** {@code command} to the peer's HA listener: the answer's body, or why there is none. */
  private String command(int peerPort, String command) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + peerPort + "/"))
                  .timeout(Duration.ofSeconds(2))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"command\": \"" + command + "\", \"service\": [\"dhcp4\"]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "(no answer: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  /**
   * The last lines of a daemon's log, for a failure message, without the ha-heartbeat commands it
   * received (this test's polls, many a second, and the partner's): its state changes, sync and
   * heartbeat failures stay in view.
   */
  private static String tail(String log) {
    List<String> lines =
        log.lines().filter(l -> !l.contains("COMMAND_RECEIVED command=ha-heartbeat")).toList();
    int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
    return (from > 0 ? "… (" + from + " lines before)\n" : "")
        + String.join("\n", lines.subList(from, lines.size()));
  }

  /**
   * {@code n} MACs {@code 02:00:00:00:<group>:xx} the load-balancing hash gives to {@code owner}.
   */
  private static List<Octets> clients(QueryScopes scopes, String owner, int n, int group) {
    List<Octets> out = new ArrayList<>();
    for (int i = 1; out.size() < n; i++) {
      Octets mac = Octets.parseColonHex(String.format("02:00:00:00:%02x:%02x", group, i));
      DhcpPacket discover =
          DhcpPacket.request(
              1, mac, DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build());
      if (((QueryScopes.Owned) scopes.classify(discover)).owner().name().equals(owner)) {
        out.add(mac);
      }
    }
    return out;
  }

  /** kea-dhcp4's {@code -p}/{@code -P}: listen on {@code port}, every reply to the relay. */
  private static List<String> options(int port, int relayPort) {
    return List.of("-p", Integer.toString(port), "-P", Integer.toString(relayPort));
  }

  /**
   * One peer of the pair: Kea's HA hook entries as an operator writes them (server2 the secondary
   * in load-balancing, the standby in hot-standby), in load-balancing pools split by {@code
   * HA_<name>}, lifetimes a client may ask for from 3 s, expired leases reclaimed every second,
   * NCRs to its own D2, failure detection within about 4 s.
   */
  private static String dhcp4(Path dir, String me, String mode, int peer1, int peer2, int d2Port) {
    boolean standby = mode.equals("hot-standby");
    String pools =
        standby
            ? "[{\"pool\": \"192.0.2.10 - 192.0.2.199\"}]"
            : """
              [{"pool": "192.0.2.10 - 192.0.2.99", "client-class": "HA_server1"},
               {"pool": "192.0.2.100 - 192.0.2.199", "client-class": "HA_server2"}]""";
    return """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]},
          "valid-lifetime": %d, "min-valid-lifetime": 3, "max-valid-lifetime": %d,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "expired-leases-processing": {"reclaim-timer-wait-time": 1},
          "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d},
          "ddns-qualifying-suffix": "%s",
          "hooks-libraries": [
            {"library": "%s/libdhcp_lease_cmds.so"},
            {"library": "%s/libdhcp_ha.so", "parameters": {
              "high-availability": [{"this-server-name": "%s", "mode": "%s",
                "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000,
                "max-unacked-clients": 0,
                "peers": [
                  {"name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary"},
                  {"name": "server2", "url": "http://127.0.0.1:%d/", "role": "%s"}]}]}}],
          "subnet4": [{"id": 1, "subnet": "192.0.2.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": %s}],
          "loggers": [{"name": "kea-dhcp4", "severity": "INFO",
                       "output_options": [{"output": "stdout"}]}]
        }}
        """
        .formatted(
            LONG,
            LONG,
            dir.resolve("leases4.csv"),
            d2Port,
            ChainConfigs.SUFFIX,
            HOOKS,
            HOOKS,
            me,
            mode,
            peer1,
            peer2,
            standby ? "standby" : "secondary",
            pools);
  }

  interface Start {
    Daemon start() throws IOException;
  }

  private static CompletableFuture<Daemon> async(Start start) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return start.start();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static long millis(long from, long to) {
    return Duration.ofNanos(to - from).toMillis();
  }
}
