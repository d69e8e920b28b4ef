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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
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
 * time, and no D2 reported a failed update.
 */
@Timeout(180)
class HaDdnsChainIT {
  private static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks";
  private static final Duration DNS_WAIT = Duration.ofSeconds(20);
  private static final Duration STATE_WAIT = Duration.ofSeconds(40);

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
    long started = System.nanoTime();
    int peer1 = Ports.freeTcpAndUdpPort();
    int peer2 = Ports.freeTcpAndUdpPort();
    int dhcp1 = Ports.freeUdpPort();
    int dhcp2 = Ports.freeUdpPort();
    int d2Port1 = Ports.freeUdpPort();
    int d2Port2 = Ports.freeUdpPort();
    Path dir1 = Files.createDirectories(dir.resolve("server1"));
    Path dir2 = Files.createDirectories(dir.resolve("server2"));
    Path d2Dir1 = Files.createDirectories(dir.resolve("d2-1"));
    Path d2Dir2 = Files.createDirectories(dir.resolve("d2-2"));
    try (HaRelay relay = new HaRelay();
        BindServer bind = BindServer.start(TestKey.random("d2j-e2e-key.", "HMAC-SHA256"))) {
      String config1 = dhcp4(dir1, "server1", peer1, peer2, d2Port1);
      String config2 = dhcp4(dir2, "server2", peer1, peer2, d2Port2);
      List<String> options1 = options(dhcp1, relay.port());
      List<String> options2 = options(dhcp2, relay.port());
      // The four JVMs start side by side: each takes seconds on a loaded host.
      CompletableFuture<Daemon> d2a =
          async(() -> Daemon.d2jD2(null, d2Dir1, ChainConfigs.d2(bind, d2Port1)));
      CompletableFuture<Daemon> d2b =
          async(() -> Daemon.d2jD2(null, d2Dir2, ChainConfigs.d2(bind, d2Port2)));
      CompletableFuture<Daemon> s1 = async(() -> Daemon.d2jDhcp4(null, dir1, config1, options1));
      CompletableFuture<Daemon> s2 = async(() -> Daemon.d2jDhcp4(null, dir2, config2, options2));
      try (Daemon d2One = d2a.join();
          Daemon d2Two = d2b.join();
          Daemon server1 = s1.join()) {
        Daemon server2 = s2.join();
        try {
          QueryScopes scopes =
              new QueryScopes(
                  Dhcp4ConfigParser.parse(KeaConfigReader.parse(config1, "server1.json"), dir1)
                      .highAvailability()
                      .orElseThrow());
          List<Octets> of1 = clients(scopes, "server1", 5, 1);
          List<Octets> of2 = clients(scopes, "server2", 7, 2);
          List<Integer> both = List.of(dhcp1, dhcp2);
          awaitState(peer1, "load-balancing");
          awaitState(peer2, "load-balancing");
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
          server2.kill();
          long killed = System.nanoTime();
          List<Integer> survivor = List.of(dhcp1, dhcp2);
          awaitState(peer1, "partner-down");
          long partnerDown = System.nanoTime();
          assertThat(relay.renew(survivor, b1.mac(), b1.address(), b1.name(), LONG))
              .as("b1's renewal, answered by the survivor")
              .hasValueSatisfying(
                  ack -> {
                    assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
                    assertThat(ack.yiaddr()).isEqualTo(b1.address());
                  });
          ended(b3, 1);
          lease(relay, survivor, "ha-a4", of1.get(3), LONG, 1);
          Client b4 = lease(relay, survivor, "ha-b4", of2.get(3), LONG, 1);
          Client b5 = lease(relay, survivor, "ha-b5", of2.get(4), SHORT, 1);
          ended(b5, 1);
          // Released while server2 is down, which still holds the lease in its file.
          relay.release(survivor, b2.mac(), b2.address(), b2.server());
          ended(b2, 1);
          Map<String, Long> phase2 = checkZones("phase 2 (server2 killed, partner-down)", bind);

          // Phase 3: server2 restarts on its lease file, syncs, both back to load-balancing.
          server2 = Daemon.d2jDhcp4(null, dir2, config2, options2);
          long restarted = System.nanoTime();
          awaitState(peer2, "load-balancing");
          awaitState(peer1, "load-balancing");
          long recovered = System.nanoTime();
          assertThat(relay.renew(both, b4.mac(), b4.address(), b4.name(), LONG))
              .as("b4's renewal (leased in partner-down), answered after the recovery")
              .hasValueSatisfying(
                  ack -> {
                    assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
                    assertThat(ack.yiaddr()).isEqualTo(b4.address());
                  });
          // b2 comes back to its own server, which held its lease when it failed.
          lease(relay, both, "ha-b2", b2.mac(), LONG, 2);
          lease(relay, both, "ha-b6", of2.get(5), LONG, 2);
          Client a5 = lease(relay, both, "ha-a5", of1.get(4), SHORT, 1);
          Client b7 = lease(relay, both, "ha-b7", of2.get(6), SHORT, 2);
          ended(a5, 1);
          ended(b7, 2);
          Map<String, Long> phase3 = checkZones("phase 3 (recovered, load-balancing)", bind);

          // Two more reclaim cycles on both servers: a second remove of any name would come now.
          relay.drain(2500);
          Map<String, Long> end = checkZones("end", bind);

          assertD2Work(d2One.log(), d2Two.log());
          Map<Integer, List<DhcpPacket>> twice = new TreeMap<>();
          relay
              .replies()
              .forEach(
                  (xid, replies) -> {
                    if (replies.size() > 1) {
                      twice.put(xid, replies);
                    }
                  });
          assertThat(twice).as("queries both servers answered").isEmpty();
          System.out.printf(
              "E2E HaDdnsChainIT: BIND records (A/DHCID/PTR of ha- names) phase 1 %s, phase 2 %s,"
                  + " phase 3 %s, end %s; pair ready %d ms after the start, partner-down %d ms"
                  + " after the kill, load-balancing again %d ms after the restart; %d ms in"
                  + " all%n",
              phase1,
              phase2,
              phase3,
              end,
              millis(started, ready),
              millis(killed, partnerDown),
              millis(restarted, recovered),
              millis(started, System.nanoTime()));
          assertThat(server1.isAlive()).isTrue();
          assertThat(server2.isAlive()).isTrue();
        } finally {
          server2.close();
        }
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

  /** Polls the peer's {@code ha-heartbeat} on its HA listener until it reports {@code state}. */
  private void awaitState(int peerPort, String state) {
    Await.until(
        STATE_WAIT, "peer on " + peerPort + " in " + state, () -> state(peerPort).equals(state));
  }

  private String state(int peerPort) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + peerPort + "/"))
                  .timeout(Duration.ofSeconds(2))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"command\": \"ha-heartbeat\", \"service\": [\"dhcp4\"]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode answer = JSON.readTree(r.body());
      JsonNode first = answer.isArray() ? answer.get(0) : answer;
      return first.path("arguments").path("state").asText("");
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
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
   * One peer of the pair: Kea's HA hook entries as an operator writes them, pools split by {@code
   * HA_<name>}, lifetimes a client may ask for from 3 s, expired leases reclaimed every second,
   * NCRs to its own D2, failure detection within about 4 s.
   */
  private static String dhcp4(Path dir, String me, int peer1, int peer2, int d2Port) {
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
              "high-availability": [{"this-server-name": "%s", "mode": "load-balancing",
                "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000,
                "max-unacked-clients": 0,
                "peers": [
                  {"name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary"},
                  {"name": "server2", "url": "http://127.0.0.1:%d/", "role": "secondary"}]}]}}],
          "subnet4": [{"id": 1, "subnet": "192.0.2.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "192.0.2.10 - 192.0.2.99", "client-class": "HA_server1"},
                                 {"pool": "192.0.2.100 - 192.0.2.199",
                                  "client-class": "HA_server2"}]}],
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
            peer1,
            peer2);
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
