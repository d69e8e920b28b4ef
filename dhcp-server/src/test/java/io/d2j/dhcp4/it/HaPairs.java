package io.d2j.dhcp4.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.ha.HaState;
import io.d2j.dhcp4.ha.QueryScopes;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import io.d2j.dhcp4.runtime.Dhcp4Server;
import io.d2j.keaconfig.KeaConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the HA pair ITs share: one peer's configuration in a load-balancing pair on loopback
 * (server1 primary, server2 secondary, pools split by {@code HA_<name>}, Kea's hook paths as an
 * operator writes them) or a hot-standby one, starting it as a daemon behind a {@link
 * LoopbackRelay}, the clients the RFC 3074 hash gives to one server, and a server's HA state.
 */
final class HaPairs {

  static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HaPairs() {}

  /**
   * The {@code Dhcp4} configuration of {@code me} in a load-balancing pair.
   *
   * @param dhcp4 more {@code Dhcp4} keys, each followed by a comma (e.g. {@code "valid-lifetime":
   *     4000,})
   * @param ha more keys of the relationship, each followed by a comma
   * @param socketType {@code ""}, or {@code , "dhcp-socket-type": "udp"} for kea-dhcp4
   */
  static String loadBalancing(
      Path leases, String me, int port1, int port2, String dhcp4, String ha, String socketType) {
    return pair("load-balancing", leases, me, port1, port2, dhcp4, ha, socketType);
  }

  /**
   * The {@code Dhcp4} configuration of {@code me} in a pair of {@code mode}: in load-balancing
   * server1 is the primary and server2 the secondary, each with a pool of its own ({@code
   * HA_<name>}); in hot-standby server2 is the standby and both pools are anyone's.
   */
  static String pair(
      String mode,
      Path leases,
      String me,
      int port1,
      int port2,
      String dhcp4,
      String ha,
      String socketType) {
    boolean loadBalancing = mode.equals("load-balancing");
    return """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["lo"]%s},
          %s
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "hooks-libraries": [
            {"library": "%s/libdhcp_lease_cmds.so"},
            {"library": "%s/libdhcp_ha.so", "parameters": {
              "high-availability": [{"this-server-name": "%s", "mode": "%s",
                %s
                "peers": [
                  {"name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary"},
                  {"name": "server2", "url": "http://127.0.0.1:%d/", "role": "%s"}]}]}}],
          "subnet4": [{"id": 1, "subnet": "10.0.0.0/24",
                       "relay": {"ip-addresses": ["127.0.0.1"]},
                       "pools": [{"pool": "10.0.0.10 - 10.0.0.99"%s},
                                 {"pool": "10.0.0.100 - 10.0.0.199"%s}]}]
        }}
        """
        .formatted(
            socketType,
            dhcp4,
            leases,
            HOOKS,
            HOOKS,
            me,
            mode,
            ha,
            port1,
            port2,
            loadBalancing ? "secondary" : "standby",
            loadBalancing ? ", \"client-class\": \"HA_server1\"" : "",
            loadBalancing ? ", \"client-class\": \"HA_server2\"" : "");
  }

  /** Fast failure detection: heartbeats every second, partner-down 3 s after the last answer. */
  static final String FAST =
      "\"heartbeat-delay\": 1000, \"max-response-delay\": 3000, \"max-ack-delay\": 1000,"
          + " \"max-unacked-clients\": 0,";

  /** Starts {@code text} as d2j-dhcp4 whose replies go to {@code relay}. */
  static Dhcp4Daemon start(String text, String name, Path dir, LoopbackRelay relay)
      throws Exception {
    Dhcp4Config config = Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, name), dir);
    return Dhcp4Daemon.start(
        Optional.empty(),
        config,
        new Dhcp4Server.Ports(0, OptionalInt.of(relay.port())),
        Clock.systemUTC());
  }

  /**
   * {@code n} MACs {@code 02:00:00:00:<group>:xx} the load-balancing hash gives to {@code owner}.
   */
  static List<Octets> clients(QueryScopes scopes, String owner, int n, int group) {
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

  /**
   * The first answer to {@code command} (with {@code arguments}, a JSON object, or "") at the peer
   * URL on {@code port}, as a partner asks: Kea's envelope over HTTP, a JSON list back.
   *
   * @throws UncheckedIOException when the peer does not answer
   */
  static JsonNode command(HttpClient http, int port, String command, String arguments) {
    String body =
        "{\"command\": \""
            + command
            + "\", \"service\": [\"dhcp4\"]"
            + (arguments.isEmpty() ? "" : ", \"arguments\": " + arguments)
            + "}";
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body()).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HaState state(Dhcp4Daemon d) {
    return d.server().haShell().orElseThrow().state();
  }
}
