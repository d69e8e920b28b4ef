package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.ha.QueryScopes;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.testkit.ChildProcess;
import io.d2j.testkit.Ports;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A mixed pair: d2j-dhcp4 (in this JVM) and kea-dhcp4 2.2 with {@code libdhcp_ha.so} and {@code
 * libdhcp_lease_cmds.so} behind kea-ctrl-agent, on loopback, in load-balancing and hot-standby, d2j
 * as server1 (primary) and as server2 (secondary or standby). Each scenario:
 *
 * <ol>
 *   <li>both reach the normal state; each side's {@code status-get} describes the other exactly as
 *       the other describes itself, with the same keys and types, and both answer {@code
 *       ha-heartbeat} with the same fields;
 *   <li>leases granted by each server that serves a scope reach the other (every other client sends
 *       a client identifier); a RELEASE reaches it as {@code lease4-del}, a DECLINE as a declined
 *       lease;
 *   <li>{@code ha-maintenance-start} at the primary puts its partner in-maintenance (through {@code
 *       ha-maintenance-notify}, d2j to Kea or Kea to d2j); the primary serves every scope and still
 *       updates the partner; {@code ha-maintenance-cancel} returns both to the normal state;
 *   <li>kea-dhcp4 is killed ({@code kill -9}; in load-balancing kea-ctrl-agent stays and answers
 *       with errors, in hot-standby it is killed too and d2j's requests are refused): d2j goes
 *       partner-down and serves every scope (new clients, and a client Kea had served keeps its
 *       address); Kea restarted syncs from d2j and both return to the normal state, with the leases
 *       of the outage in Kea's store;
 *   <li>d2j is closed without a word to its partner: Kea goes partner-down and serves every scope;
 *       d2j restarted on its lease file syncs from Kea and both return to the normal state, with
 *       the leases of the outage in d2j's store;
 *   <li>(load-balancing with d2j as server2 only) kea-dhcp4 hung by SIGSTOP: d2j goes partner-down
 *       once its heartbeat times out, serves alone; on SIGCONT Kea finds d2j in partner-down, goes
 *       waiting, resyncs and both return to load-balancing;
 *   <li>the two lease stores hold the same leases field for field, every granted one, the declined
 *       ones, no address held by two clients and no client holding two addresses.
 * </ol>
 *
 * Heartbeats every second, partner-down 3 s after the last answer, {@code sync-page-limit} 2 so
 * that every sync takes several pages. Skipped when kea-dhcp4, its hooks or kea-ctrl-agent are
 * missing.
 */
class KeaHaPairIT {

  private static final Path KEA = Path.of("/usr/sbin/kea-dhcp4");
  private static final Path AGENT = Path.of("/usr/sbin/kea-ctrl-agent");
  private static final Path HOOKS = Path.of(HaPairs.HOOKS);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STATE_CHANGE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private String mode;
  private String d2jName;
  private String keaName;
  private int url1;
  private int url2;
  private int keaPort;
  private Path socket;
  private Map<String, String> env;
  private LoopbackRelay relay;
  private ChildProcess agent;
  private ChildProcess kea;
  private Dhcp4Daemon d2j;
  private QueryScopes scopes;

  /** A client: its MAC, and every other one sends a client identifier (01 + MAC). */
  private record Client(Octets mac, Optional<Octets> clientId) {
    @Override
    public String toString() {
      return mac + clientId.map(id -> " (client-id " + id + ")").orElse("");
    }
  }

  /** Every client that got an ACK and holds its lease, with its address. */
  private final Map<Client, String> granted = new LinkedHashMap<>();

  /** Addresses declined. */
  private final Set<String> probation = new TreeSet<>();

  /** The server identifier of each server's last ACK. */
  private final Map<String, Inet4Address> serverIds = new HashMap<>();

  @ParameterizedTest(name = "{0}, d2j is {1}")
  @CsvSource({
    "load-balancing, server1",
    "load-balancing, server2",
    "hot-standby, server1",
    "hot-standby, server2"
  })
  void d2jAndKea_replicate_failOverBothWays_andResync(String mode, String d2jName)
      throws Exception {
    assumeTrue(
        Files.isExecutable(KEA), "kea-dhcp4 not installed (apt-get install kea-dhcp4-server)");
    assumeTrue(
        Files.isExecutable(AGENT), "kea-ctrl-agent not installed (apt-get install kea-ctrl-agent)");
    assumeTrue(
        Files.exists(HOOKS.resolve("libdhcp_ha.so")),
        "Kea's HA hook not installed (apt-get install kea-dhcp4-server)");
    this.mode = mode;
    this.d2jName = d2jName;
    this.keaName = d2jName.equals("server1") ? "server2" : "server1";
    url1 = Ports.freeTcpAndUdpPort();
    url2 = Ports.freeTcpAndUdpPort();
    keaPort = Ports.freeUdpPort();
    socket = dir.resolve("kea4.sock");
    env = Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString());
    try (LoopbackRelay r = new LoopbackRelay()) {
      relay = r;
      Files.writeString(dir.resolve(keaName + ".json"), keaConfig());
      Files.writeString(
          dir.resolve("ca.json"),
          "{\"Control-agent\": {\"http-host\": \"127.0.0.1\", \"http-port\": "
              + urlOf(keaName)
              + ", \"control-sockets\": {\"dhcp4\": {\"socket-type\": \"unix\","
              + " \"socket-name\": \""
              + socket
              + "\"}}}}");
      // d2j first: its first start in a JVM takes seconds, and a kea-dhcp4 that hears nothing for
      // max-response-delay goes from waiting to partner-down (Kea 2.2, spec §6.4).
      startAgent();
      startD2j();
      startKea();
      scopes = new QueryScopes(d2j.config().highAvailability().orElseThrow());

      awaitNormal("at start");
      crossCheckStatus();
      int group = 1;
      for (String owner : activeScopes()) {
        // A lease granted by the scope's server reaches the other.
        for (Client c : clients(owner, 2, group)) {
          String at = grant(owner, c);
          String other = owner.equals(d2jName) ? keaName : d2jName;
          Poll.until(
              Duration.ofSeconds(10),
              other + " holds " + owner + "'s lease " + at,
              () -> leaseOf(urlOf(other), at).equals(c.mac().toString()));
        }
      }
      // A RELEASE at the scope's server reaches the other as lease4-del, a DECLINE as a
      // lease4-update of a declined lease.
      for (String owner : activeScopes()) {
        List<Client> two = clients(owner, 2, 9);
        String other = owner.equals(d2jName) ? keaName : d2jName;
        String released = grant(owner, two.get(0));
        Poll.until(
            Duration.ofSeconds(10),
            other + " holds " + released,
            () -> !leaseOf(urlOf(other), released).isEmpty());
        send(owner, two.get(0), DhcpMessageType.RELEASE, released);
        granted.remove(two.get(0));
        for (String server : List.of(owner, other)) {
          Poll.until(
              Duration.ofSeconds(10),
              server + " no longer holds released " + released,
              () -> lease(urlOf(server), released).isEmpty());
        }
        String declined = grant(owner, two.get(1));
        send(owner, two.get(1), DhcpMessageType.DECLINE, declined);
        granted.remove(two.get(1));
        probation.add(declined);
        for (String server : List.of(owner, other)) {
          Poll.until(
              Duration.ofSeconds(10),
              server + " holds " + declined + " declined",
              () -> lease(urlOf(server), declined).path("state").asInt() == 1);
        }
      }

      // Maintenance asked of the primary: it tells its partner (ha-maintenance-notify), which
      // goes in-maintenance and stops serving; the primary serves every scope and still sends its
      // lease updates; cancelled, both return to the normal state.
      assertThat(command(url1, "ha-maintenance-start").path("result").asInt()).isZero();
      awaitState("server2", "in-maintenance", "after ha-maintenance-start at server1");
      awaitState("server1", "partner-in-maintenance", "after ha-maintenance-start at server1");
      // In load-balancing a client of server2's scope; in hot-standby every client is server1's.
      for (Client c : clients(activeScopes().get(activeScopes().size() - 1), 1, 8)) {
        String at = grant("server1", c);
        Poll.until(
            Duration.ofSeconds(10),
            "server2 in maintenance holds " + at,
            () -> leaseOf(url2, at).equals(c.mac().toString()));
      }
      assertThat(command(url1, "ha-maintenance-cancel").path("result").asInt()).isZero();
      awaitNormal("after ha-maintenance-cancel at server1");

      // kea-dhcp4 killed (in hot-standby kea-ctrl-agent too: d2j's heartbeats are refused rather
      // than answered with an error): d2j alone serves every scope, then Kea comes back and
      // resyncs.
      kill(kea);
      boolean agentToo = mode.equals("hot-standby");
      if (agentToo) {
        kill(agent);
      }
      awaitState(d2jName, "partner-down", "after kea-dhcp4 was killed");
      List<Client> duringKeaOutage = serveAlone(d2jName, ++group);
      if (agentToo) {
        startAgent();
      }
      startKea();
      awaitNormal("after kea-dhcp4 restarted");
      for (Client c : duringKeaOutage) {
        assertThat(leaseOf(urlOf(keaName), granted.get(c)))
            .as("restarted kea-dhcp4's lease for " + c + " granted by d2j alone")
            .isEqualTo(c.mac().toString());
      }

      // d2j closed without a goodbye: Kea alone, then d2j comes back and resyncs.
      d2j.close();
      awaitState(keaName, "partner-down", "after d2j was closed");
      List<Client> duringD2jOutage = serveAlone(keaName, ++group);
      startD2j();
      awaitNormal("after d2j restarted");
      for (Client c : duringD2jOutage) {
        assertThat(leaseOf(urlOf(d2jName), granted.get(c)))
            .as("restarted d2j's lease for " + c + " granted by kea-dhcp4 alone")
            .isEqualTo(c.mac().toString());
      }

      if (mode.equals("load-balancing") && d2jName.equals("server2")) {
        // kea-dhcp4 hung (SIGSTOP): kea-ctrl-agent's forwards time out, d2j goes partner-down and
        // serves alone; resumed (SIGCONT), Kea finds its partner in partner-down, goes waiting,
        // resyncs from d2j and both return to load-balancing.
        signal(kea, "STOP");
        awaitState(d2jName, "partner-down", "while kea-dhcp4 is stopped");
        List<Client> duringHang = serveAlone(d2jName, 4);
        signal(kea, "CONT");
        awaitNormal("after kea-dhcp4 resumed");
        for (Client c : duringHang) {
          assertThat(leaseOf(urlOf(keaName), granted.get(c)))
              .as("resumed kea-dhcp4's lease for " + c + " granted by d2j alone")
              .isEqualTo(c.mac().toString());
        }
      }

      // Both stores: the same leases, field for field, every granted one, no address twice, no
      // client twice.
      Map<String, String> expected = new TreeMap<>();
      granted.forEach((c, ip) -> expected.put(ip, c.mac().toString()));
      Map<String, String> expectedIds = new TreeMap<>();
      granted.forEach(
          (c, ip) -> expectedIds.put(ip, c.clientId().map(Octets::toString).orElse("")));
      Map<String, JsonNode> ours = leases(urlOf(d2jName));
      Map<String, JsonNode> keas = leases(urlOf(keaName));
      assertThat(hardwareAddresses(ours)).isEqualTo(expected);
      assertThat(hardwareAddresses(keas)).isEqualTo(expected);
      assertThat(declined(ours)).isEqualTo(probation);
      assertThat(new TreeSet<>(expected.values())).hasSize(expected.size());
      assertThat(clientIds(ours)).isEqualTo(expectedIds);
      assertThat(ours.keySet()).hasSize(expected.size() + probation.size());
      assertThat(ours).isEqualTo(keas);
    } finally {
      if (d2j != null) {
        d2j.close();
      }
      if (kea != null) {
        kea.stop();
      }
      if (agent != null) {
        agent.stop();
      }
    }
  }

  /**
   * The survivor answers a new client of every scope, and a client the partner served before keeps
   * its address; returns the new clients.
   */
  private List<Client> serveAlone(String survivor, int group) throws Exception {
    // In hot-standby every client is the primary's: four of them; in load-balancing two per scope.
    List<Client> fresh = new ArrayList<>();
    for (String owner : activeScopes()) {
      fresh.addAll(clients(owner, 4 / activeScopes().size(), group));
    }
    for (Client c : fresh) {
      grant(survivor, c);
    }
    for (Map.Entry<Client, String> e : new ArrayList<>(granted.entrySet())) {
      if (!fresh.contains(e.getKey())) {
        assertThat(dora(survivor, e.getKey()))
            .as(survivor + " alone renews " + e.getKey())
            .isEqualTo(e.getValue());
      }
    }
    return fresh;
  }

  /**
   * {@code n} clients {@code 02:00:00:00:<group>:xx} of {@code owner}'s scope (by the RFC 3074 hash
   * of the client identifier when there is one, else of the MAC), every other one with a client
   * identifier.
   */
  private List<Client> clients(String owner, int n, int group) {
    List<Client> out = new ArrayList<>();
    for (int i = 1; out.size() < n; i++) {
      Octets mac = Octets.parseColonHex(String.format("02:00:00:00:%02x:%02x", group, i));
      Optional<Octets> id =
          out.size() % 2 == 0
              ? Optional.empty()
              : Optional.of(Octets.parseColonHex("01:" + mac.toString()));
      DhcpOptions.Builder options = DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER);
      id.ifPresent(v -> options.put(OptionCodes.CLIENT_IDENTIFIER, v));
      DhcpPacket discover = DhcpPacket.request(1, mac, options.build());
      if (((QueryScopes.Owned) scopes.classify(discover)).owner().name().equals(owner)) {
        out.add(new Client(mac, id));
      }
    }
    return out;
  }

  /** DORA of {@code client} at {@code server}: the address ACKed, recorded. */
  private String grant(String server, Client client) throws Exception {
    String at = dora(server, client);
    assertThat(granted.values())
        .as("address " + at + " given to a second client")
        .doesNotContain(at);
    granted.put(client, at);
    return at;
  }

  private String dora(String server, Client client) throws Exception {
    DhcpPacket ack = relay.dora(dhcpPort(server), client.mac(), client.clientId());
    assertThat(ack.messageType()).as(server + " answers " + client).contains(DhcpMessageType.ACK);
    serverIds.put(server, ack.options().serverIdentifier().orElseThrow());
    return ack.yiaddr().getHostAddress();
  }

  /** A RELEASE (from {@code address}) or DECLINE (of {@code address}) to {@code server}. */
  private void send(String server, Client client, DhcpMessageType type, String address)
      throws Exception {
    Inet4Address at = (Inet4Address) InetAddress.getByName(address);
    DhcpOptions.Builder options =
        DhcpOptions.builder()
            .messageType(type)
            .address(OptionCodes.SERVER_IDENTIFIER, serverIds.get(server));
    if (type == DhcpMessageType.DECLINE) {
      options.address(OptionCodes.REQUESTED_ADDRESS, at);
    }
    client.clientId().ifPresent(id -> options.put(OptionCodes.CLIENT_IDENTIFIER, id));
    relay.sendOneWay(
        dhcpPort(server),
        client.mac(),
        type == DhcpMessageType.RELEASE ? at : (Inet4Address) InetAddress.getByAddress(new byte[4]),
        options.build());
  }

  private void startAgent() throws Exception {
    agent =
        ChildProcess.start(
            List.of(AGENT.toString(), "-c", dir.resolve("ca.json").toString()),
            dir,
            env,
            dir.resolve("ca.log"));
  }

  private void startKea() throws Exception {
    kea =
        ChildProcess.start(
            List.of(
                KEA.toString(),
                "-c",
                dir.resolve(keaName + ".json").toString(),
                "-p",
                Integer.toString(keaPort),
                "-P",
                Integer.toString(relay.port())),
            dir,
            env,
            dir.resolve("kea.log"));
  }

  private static void signal(ChildProcess process, String signal) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  /** SIGKILL, as {@code kill -9}: Kea says nothing to anyone. */
  private static void kill(ChildProcess process) throws Exception {
    ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
    handle.destroyForcibly();
    handle.onExit().get();
    process.stop();
  }

  private void startD2j() throws Exception {
    Dhcp4Config config =
        Dhcp4ConfigParser.parse(KeaConfigReader.parse(config(d2jName, ""), d2jName + ".json"), dir);
    d2j =
        Dhcp4Daemon.start(
            Optional.empty(),
            config,
            new Dhcp4Server.Ports(0, OptionalInt.of(relay.port())),
            Clock.systemUTC());
  }

  private String keaConfig() {
    return config(keaName, ", \"dhcp-socket-type\": \"udp\"")
        .replace(
            "\"hooks-libraries\"",
            "\"control-socket\": {\"socket-type\": \"unix\", \"socket-name\": \""
                + socket
                + "\"}, \"hooks-libraries\"");
  }

  private String config(String me, String socketType) {
    return HaPairs.pair(
        mode,
        dir.resolve(me + "-leases4.csv"),
        me,
        url1,
        url2,
        "\"valid-lifetime\": 4000,",
        HaPairs.FAST + " \"sync-page-limit\": 2,",
        socketType);
  }

  /**
   * The scopes served in the normal state: both in load-balancing, the primary's in hot-standby.
   */
  private List<String> activeScopes() {
    return mode.equals("load-balancing") ? List.of("server1", "server2") : List.of("server1");
  }

  private int urlOf(String server) {
    return server.equals("server1") ? url1 : url2;
  }

  private int dhcpPort(String server) throws Exception {
    return server.equals(d2jName) ? d2j.server().port() : keaPort;
  }

  private void awaitNormal(String when) {
    Poll.until(
        Duration.ofSeconds(60),
        "both servers in " + mode + " " + when,
        () -> mode.equals(state(url1)) && mode.equals(state(url2)));
    // Each side's last heartbeat has seen the other in the normal state.
    Poll.until(
        Duration.ofSeconds(10),
        "each server's last heartbeat saw the other in " + mode + " " + when,
        () -> lastState(url1).equals(mode) && lastState(url2).equals(mode));
  }

  private void awaitState(String server, String state, String when) {
    Poll.until(
        STATE_CHANGE,
        server + " in " + state + " " + when,
        () -> state.equals(state(urlOf(server))));
  }

  /** Each side's view of the other is what the other says of itself; the same JSON shapes. */
  private void crossCheckStatus() {
    JsonNode ours = ha(urlOf(d2jName));
    JsonNode keas = ha(urlOf(keaName));
    assertThat(ours.get("ha-mode").asText()).isEqualTo(mode);
    assertThat(ours.get("ha-mode")).isEqualTo(keas.get("ha-mode"));
    for (JsonNode[] pair : new JsonNode[][] {{ours, keas}, {keas, ours}}) {
      JsonNode remote = pair[0].get("ha-servers").get("remote");
      JsonNode otherLocal = pair[1].get("ha-servers").get("local");
      assertThat(remote.get("last-state")).isEqualTo(otherLocal.get("state"));
      assertThat(remote.get("last-scopes")).isEqualTo(otherLocal.get("scopes"));
      assertThat(remote.get("role")).isEqualTo(otherLocal.get("role"));
      assertThat(remote.get("in-touch").asBoolean()).isTrue();
      assertThat(remote.get("communication-interrupted").asBoolean()).isFalse();
      assertThat(remote.get("age").asLong()).isBetween(0L, 5L);
    }
    Map<String, String> served = new HashMap<>();
    served.put("server1", "[\"server1\"]");
    served.put("server2", mode.equals("load-balancing") ? "[\"server2\"]" : "[]");
    assertThat(ours.get("ha-servers").get("local").get("scopes").toString())
        .isEqualTo(served.get(d2jName));
    assertThat(keas.get("ha-servers").get("local").get("scopes").toString())
        .isEqualTo(served.get(keaName));
    assertThat(shape(ours)).isEqualTo(shape(keas));

    // ha-heartbeat: the same fields and types, clocks within a few seconds.
    JsonNode beat1 = command(url1, "ha-heartbeat");
    JsonNode beat2 = command(url2, "ha-heartbeat");
    assertThat(shape(beat1)).isEqualTo(shape(beat2));
    assertThat(beat1.get("text")).isEqualTo(beat2.get("text"));
    Instant t1 = dateTime(beat1);
    Instant t2 = dateTime(beat2);
    assertThat(Duration.between(t1, t2).abs()).isLessThan(Duration.ofSeconds(5));
    assertThat(beat1.get("arguments").get("unsent-update-count").asLong()).isZero();
    assertThat(beat2.get("arguments").get("unsent-update-count").asLong()).isZero();
  }

  private static Instant dateTime(JsonNode beat) {
    return Instant.from(
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(
            beat.get("arguments").get("date-time").asText()));
  }

  /** The first answer to {@code command} at the peer URL on {@code port}, as a partner asks. */
  private JsonNode command(int port, String command) {
    return command(port, command, "");
  }

  private JsonNode command(int port, String command, String arguments) {
    return HaPairs.command(http, port, command, arguments);
  }

  private String state(int port) {
    return command(port, "ha-heartbeat").path("arguments").path("state").asText();
  }

  private String lastState(int port) {
    return ha(port).path("ha-servers").path("remote").path("last-state").asText();
  }

  private JsonNode ha(int port) {
    return command(port, "status-get").get("arguments").get("high-availability").get(0);
  }

  /** The hardware address of the lease on {@code address} at {@code port}, or "". */
  private String leaseOf(int port, String address) {
    return lease(port, address).path("hw-address").asText("");
  }

  /** The lease on {@code address} at {@code port}, or an empty node. */
  private JsonNode lease(int port, String address) {
    JsonNode answer = command(port, "lease4-get", "{\"ip-address\": \"" + address + "\"}");
    return answer.path("arguments");
  }

  /** Every lease at {@code port} by address, as {@code lease4-get-all} gives it. */
  private Map<String, JsonNode> leases(int port) {
    JsonNode answer = command(port, "lease4-get-all");
    Map<String, JsonNode> out = new TreeMap<>();
    answer
        .path("arguments")
        .path("leases")
        .forEach(
            l -> {
              JsonNode previous = out.put(l.get("ip-address").asText(), l);
              assertThat(previous).as("address listed twice at " + port).isNull();
            });
    return out;
  }

  /** Client identifiers of the leases in the default state (0). */
  private static Map<String, String> clientIds(Map<String, JsonNode> leases) {
    Map<String, String> out = new TreeMap<>();
    leases.forEach(
        (ip, l) -> {
          if (l.path("state").asInt() == 0) {
            out.put(ip, l.path("client-id").asText(""));
          }
        });
    return out;
  }

  /** Hardware addresses of the leases in the default state (0). */
  private static Map<String, String> hardwareAddresses(Map<String, JsonNode> leases) {
    Map<String, String> out = new TreeMap<>();
    leases.forEach(
        (ip, l) -> {
          if (l.path("state").asInt() == 0) {
            out.put(ip, l.get("hw-address").asText());
          }
        });
    return out;
  }

  private static Set<String> declined(Map<String, JsonNode> leases) {
    Set<String> out = new TreeSet<>();
    leases.forEach(
        (ip, l) -> {
          if (l.path("state").asInt() == 1) {
            out.add(ip);
          }
        });
    return out;
  }

  /** The JSON's keys and value types, recursively, without the values (lists of scalars alike). */
  private static String shape(JsonNode node) {
    if (node.isObject()) {
      TreeSet<String> out = new TreeSet<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.add(f.getKey() + ":" + shape(f.getValue()));
      }
      return out.toString();
    }
    if (node.isArray()) {
      // A list of scalars (scopes) is a list whatever it holds: a standby's scopes are empty.
      return node.isEmpty() || !node.get(0).isObject() ? "ARRAY" : "[" + shape(node.get(0)) + "]";
    }
    return node.getNodeType().name();
  }
}
