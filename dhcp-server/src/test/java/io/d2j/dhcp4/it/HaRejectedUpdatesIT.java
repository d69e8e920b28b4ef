package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.ha.HaState;
import io.d2j.dhcp4.ha.PeerMessages;
import io.d2j.dhcp4.ha.QueryScopes;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max-rejected-lease-updates} on the wire: a d2j-dhcp4 primary in load-balancing whose
 * partner answers every {@code lease4-update} with result 4 (a conflict, as Kea 2.3.1 and later
 * answer when the lease does not fit). Neither Kea 2.2 (it has no result 4) nor d2j (its lease
 * commands cannot race) produces a conflict on demand, so the partner here is a scripted HTTP
 * endpoint speaking the peer protocol of spec §6.7. The reply of each rejected update is dropped,
 * the partner stays available, and the second distinct client rejected (the limit is 2) terminates
 * HA; terminated, the server answers its own clients without lease updates. About 10 s.
 */
class HaRejectedUpdatesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A partner in load-balancing that rejects every lease update; records the commands it got. */
  static final class RejectingPartner implements AutoCloseable {
    final List<String> commands = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    RejectingPartner() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String command = request.path("command").asText();
            commands.add(command);
            ObjectNode answer = JSON.createObjectNode();
            switch (command) {
              case "ha-heartbeat" -> {
                answer.put("result", 0).put("text", PeerMessages.HEARTBEAT_TEXT);
                answer.set(
                    "arguments",
                    PeerMessages.heartbeatArguments(
                        HaState.LOAD_BALANCING, Instant.now(), Set.of("server2"), 0));
              }
              case "lease4-get-page" -> {
                answer.put("result", 3).put("text", "0 IPv4 lease(s) found.");
                answer.putObject("arguments").put("count", 0).putArray("leases");
              }
              case "lease4-update" ->
                  answer
                      .put("result", 4)
                      .put(
                          "text",
                          "ResourceBusy: IP address:"
                              + request.path("arguments").path("ip-address").asText()
                              + " could not be updated.");
              default -> answer.put("result", 0).put("text", command + " done");
            }
            ArrayNode list = JSON.createArrayNode().add(answer);
            byte[] body = JSON.writeValueAsBytes(list);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    long count(String command) {
      return commands.stream().filter(command::equals).count();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void rejectedUpdates_dropTheirReplies_andTheLimitTerminates() throws Exception {
    try (LoopbackRelay relay = new LoopbackRelay();
        RejectingPartner partner = new RejectingPartner()) {
      Dhcp4Daemon server1 = start(partner.port(), relay);
      try {
        Poll.until(
            Duration.ofSeconds(20),
            "server1 in load-balancing",
            () -> state(server1) == HaState.LOAD_BALANCING);
        int port = server1.server().port();
        List<Octets> clients =
            HaPairs.clients(
                new QueryScopes(server1.config().highAvailability().orElseThrow()),
                "server1",
                3,
                4);

        assertThat(request(relay, port, clients.get(0)))
            .as("the partner rejected the lease: no ACK")
            .isEmpty();
        Poll.until(
            Duration.ofSeconds(5),
            "the rejection counted",
            () -> server1.statistics().value("ha-lease-updates-rejected") == 1);
        assertThat(state(server1))
            .as("one client rejected, the limit is 2: a partner that answers is not down")
            .isEqualTo(HaState.LOAD_BALANCING);
        assertThat(request(relay, port, clients.get(1))).isEmpty();
        Poll.until(
            Duration.ofSeconds(5),
            "server1 terminated",
            () -> state(server1) == HaState.TERMINATED);
        long updates = partner.count("lease4-update");
        assertThat(updates).isEqualTo(2);
        assertThat(server1.statistics().value("ha-lease-updates-failed")).isZero();

        // Terminated: the own scope is served, no lease update goes out.
        assertThat(request(relay, port, clients.get(2)))
            .hasValueSatisfying(ack -> assertThat(ack.messageType()).contains(DhcpMessageType.ACK));
        assertThat(partner.count("lease4-update")).isEqualTo(updates);
      } finally {
        server1.close();
      }
    }
  }

  /** DISCOVER, then REQUEST for the offered address: the reply to the REQUEST, if any. */
  private static Optional<DhcpPacket> request(LoopbackRelay relay, int port, Octets mac)
      throws Exception {
    DhcpPacket offer =
        relay.discover(port, mac).orElseThrow(() -> new AssertionError("no OFFER for " + mac));
    return relay.exchange(
        port,
        mac,
        DhcpOptions.builder()
            .messageType(DhcpMessageType.REQUEST)
            .address(OptionCodes.REQUESTED_ADDRESS, offer.yiaddr())
            .address(
                OptionCodes.SERVER_IDENTIFIER, offer.options().serverIdentifier().orElseThrow())
            .build());
  }

  private static HaState state(Dhcp4Daemon d) {
    return HaPairs.state(d);
  }

  private Dhcp4Daemon start(int partnerPort, LoopbackRelay relay) throws Exception {
    int own;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      own = s.getLocalPort();
    }
    return HaPairs.start(
        HaPairs.loadBalancing(
            dir.resolve("leases4.csv"),
            "server1",
            own,
            partnerPort,
            "\"valid-lifetime\": 4000,",
            "\"heartbeat-delay\": 1000, \"max-response-delay\": 3000,"
                + " \"max-rejected-lease-updates\": 2,",
            ""),
        "server1.json",
        dir,
        relay);
  }
}
