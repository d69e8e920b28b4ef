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
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.testkit.ChildProcess;
import io.d2j.testkit.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixed pair: d2j-dhcp4 as server1 (primary, in this JVM) and kea-dhcp4 2.2 with {@code
 * libdhcp_ha.so} and {@code libdhcp_lease_cmds.so} as server2 (secondary, behind kea-ctrl-agent),
 * in load-balancing on loopback. Both reach load-balancing; each side's {@code status-get}
 * describes the other exactly as the other describes itself (state, scopes), with the same keys and
 * types on both sides, and both answer {@code ha-heartbeat} with the same fields; a lease each
 * grants reaches the other. About 10 s. Skipped when kea-dhcp4, its hooks or kea-ctrl-agent are
 * missing.
 */
class KeaHaPairIT {

  private static final Path KEA = Path.of("/usr/sbin/kea-dhcp4");
  private static final Path AGENT = Path.of("/usr/sbin/kea-ctrl-agent");
  private static final Path HOOKS = Path.of(HaPairs.HOOKS);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void d2jAndKea_loadBalancing_seeEachOtherAsEachSeesItself() throws Exception {
    assumeTrue(
        Files.isExecutable(KEA), "kea-dhcp4 not installed (apt-get install kea-dhcp4-server)");
    assumeTrue(
        Files.isExecutable(AGENT), "kea-ctrl-agent not installed (apt-get install kea-ctrl-agent)");
    assumeTrue(
        Files.exists(HOOKS.resolve("libdhcp_ha.so")),
        "Kea's HA hook not installed (apt-get install kea-dhcp4-server)");
    int url1 = Ports.freeTcpAndUdpPort();
    int url2 = Ports.freeTcpAndUdpPort();
    int keaPort = Ports.freeUdpPort();
    Path socket = dir.resolve("kea4.sock");
    Map<String, String> env =
        Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString());
    try (LoopbackRelay relay = new LoopbackRelay()) {
      Path keaConfig =
          Files.writeString(
              dir.resolve("server2.json"),
              config("server2", url1, url2, ", \"dhcp-socket-type\": \"udp\"")
                  .replace(
                      "\"hooks-libraries\"",
                      "\"control-socket\": {\"socket-type\": \"unix\", \"socket-name\": \""
                          + socket
                          + "\"}, \"hooks-libraries\""));
      Path agentConfig =
          Files.writeString(
              dir.resolve("ca.json"),
              "{\"Control-agent\": {\"http-host\": \"127.0.0.1\", \"http-port\": "
                  + url2
                  + ", \"control-sockets\": {\"dhcp4\": {\"socket-type\": \"unix\","
                  + " \"socket-name\": \""
                  + socket
                  + "\"}}}}");
      ChildProcess agent =
          ChildProcess.start(
              List.of(AGENT.toString(), "-c", agentConfig.toString()),
              dir,
              env,
              dir.resolve("ca.log"));
      ChildProcess kea =
          ChildProcess.start(
              List.of(
                  KEA.toString(),
                  "-c",
                  keaConfig.toString(),
                  "-p",
                  Integer.toString(keaPort),
                  "-P",
                  Integer.toString(relay.port())),
              dir,
              env,
              dir.resolve("kea.log"));
      Dhcp4Daemon d2j = null;
      try {
        Dhcp4Config config =
            Dhcp4ConfigParser.parse(
                KeaConfigReader.parse(config("server1", url1, url2, ""), "server1.json"), dir);
        d2j =
            Dhcp4Daemon.start(
                Optional.empty(),
                config,
                new Dhcp4Server.Ports(0, OptionalInt.of(relay.port())),
                Clock.systemUTC());
        Poll.until(
            Duration.ofSeconds(40),
            "both servers in load-balancing",
            () -> "load-balancing".equals(state(url1)) && "load-balancing".equals(state(url2)));

        // Each side's view of the other is what the other says of itself, once a heartbeat each
        // way has seen the other in load-balancing.
        Poll.until(
            Duration.ofSeconds(10),
            "each server's last heartbeat saw the other in load-balancing",
            () ->
                lastState(url1).equals("load-balancing")
                    && lastState(url2).equals("load-balancing"));
        JsonNode ours = ha(url1);
        JsonNode keas = ha(url2);
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
        assertThat(ours.get("ha-servers").get("local").get("scopes").toString())
            .isEqualTo("[\"server1\"]");
        assertThat(keas.get("ha-servers").get("local").get("scopes").toString())
            .isEqualTo("[\"server2\"]");
        assertThat(shape(ours)).isEqualTo(shape(keas));

        // ha-heartbeat: the same fields and types, clocks within a few seconds.
        JsonNode beat1 = command(url1, "ha-heartbeat");
        JsonNode beat2 = command(url2, "ha-heartbeat");
        assertThat(shape(beat1)).isEqualTo(shape(beat2));
        assertThat(beat1.get("text")).isEqualTo(beat2.get("text"));
        Instant t1 =
            Instant.from(
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(
                    beat1.get("arguments").get("date-time").asText()));
        Instant t2 =
            Instant.from(
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(
                    beat2.get("arguments").get("date-time").asText()));
        assertThat(Duration.between(t1, t2).abs()).isLessThan(Duration.ofSeconds(5));
        assertThat(beat1.get("arguments").get("unsent-update-count").asLong()).isZero();
        assertThat(beat2.get("arguments").get("unsent-update-count").asLong()).isZero();

        // A lease each grants reaches the other.
        QueryScopes scopes = new QueryScopes(config.highAvailability().orElseThrow());
        Octets ofD2j = HaPairs.clients(scopes, "server1", 1, 5).get(0);
        Octets ofKea = HaPairs.clients(scopes, "server2", 1, 5).get(0);
        DhcpPacket ack1 = relay.dora(d2j.server().port(), ofD2j);
        DhcpPacket ack2 = relay.dora(keaPort, ofKea);
        assertThat(ack1.messageType()).contains(DhcpMessageType.ACK);
        assertThat(ack2.messageType()).contains(DhcpMessageType.ACK);
        String at1 = ack1.yiaddr().getHostAddress();
        String at2 = ack2.yiaddr().getHostAddress();
        Poll.until(
            Duration.ofSeconds(10),
            "kea-dhcp4 holds d2j's lease " + at1,
            () -> leaseOf(url2, at1).equals(ofD2j.toString()));
        Poll.until(
            Duration.ofSeconds(10),
            "d2j holds kea-dhcp4's lease " + at2,
            () -> leaseOf(url1, at2).equals(ofKea.toString()));
      } finally {
        if (d2j != null) {
          d2j.close();
        }
        kea.stop();
        agent.stop();
      }
    }
  }

  private String config(String me, int url1, int url2, String socketType) {
    return HaPairs.loadBalancing(
        dir.resolve(me + "-leases4.csv"),
        me,
        url1,
        url2,
        "\"valid-lifetime\": 4000,",
        HaPairs.FAST,
        socketType);
  }

  /** The first answer to {@code command} at the peer URL on {@code port}, as a partner asks. */
  private JsonNode command(int port, String command) {
    return command(port, command, "");
  }

  private JsonNode command(int port, String command, String arguments) {
    try {
      String body =
          "{\"command\": \""
              + command
              + "\", \"service\": [\"dhcp4\"]"
              + (arguments.isEmpty() ? "" : ", \"arguments\": " + arguments)
              + "}";
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body()).get(0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
    JsonNode answer = command(port, "lease4-get", "{\"ip-address\": \"" + address + "\"}");
    return answer.path("arguments").path("hw-address").asText("");
  }

  /** The JSON's keys and value types, recursively, without the values. */
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
      List<String> out = new ArrayList<>();
      node.forEach(e -> out.add(shape(e)));
      return "[" + (out.isEmpty() ? "" : out.get(0)) + "]";
    }
    return node.getNodeType().name();
  }
}
