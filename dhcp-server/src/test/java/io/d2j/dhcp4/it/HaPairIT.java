package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.ha.HaState;
import io.d2j.dhcp4.ha.QueryScopes;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two d2j-dhcp4 servers in load-balancing on loopback (one JVM, each with its own peer listener and
 * lease file): both reach load-balancing, each answers only its half of the clients, a lease one
 * grants appears in the other's store, and with one gone the survivor goes partner-down and serves
 * the other's clients. About 20 s, most of it the configured failure detection.
 */
class HaPairIT {

  @TempDir Path dir;

  @Test
  void loadBalancingPair_replicates_andTheSurvivorTakesOver() throws Exception {
    int port1 = freePort();
    int port2 = freePort();
    try (LoopbackRelay relay = new LoopbackRelay()) {
      Dhcp4Daemon server1 = start("server1", port1, port2, relay);
      Dhcp4Daemon server2 = start("server2", port1, port2, relay);
      try {
        Poll.until(
            Duration.ofSeconds(40),
            "both servers in load-balancing",
            () ->
                state(server1) == HaState.LOAD_BALANCING
                    && state(server2) == HaState.LOAD_BALANCING);

        QueryScopes scopes = new QueryScopes(server1.config().highAvailability().orElseThrow());
        List<Octets> ofServer1 = HaPairs.clients(scopes, "server1", 2, 1);
        List<Octets> ofServer2 = HaPairs.clients(scopes, "server2", 2, 1);

        for (Octets mac : ofServer1) {
          DhcpPacket ack = relay.dora(server1.server().port(), mac);
          assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
          Poll.until(
              Duration.ofSeconds(10),
              "server2 holds server1's lease " + ack.yiaddr(),
              () -> server2.server().leases().get(ack.yiaddr()).isPresent());
        }
        for (Octets mac : ofServer2) {
          DhcpPacket ack = relay.dora(server2.server().port(), mac);
          assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
          Poll.until(
              Duration.ofSeconds(10),
              "server1 holds server2's lease " + ack.yiaddr(),
              () -> server1.server().leases().get(ack.yiaddr()).isPresent());
        }
        // A client of server2's scope gets nothing from server1 while both run.
        Octets other = ofServer2.get(0);
        assertThat(relay.discover(server1.server().port(), other)).isEmpty();
        assertThat(server1.statistics().value("ha-queries-not-in-scope")).isPositive();
        assertThat(server1.statistics().value("pkt4-not-for-us"))
            .isEqualTo(server1.statistics().value("ha-queries-not-in-scope"));

        server2.close();
        Poll.until(
            Duration.ofSeconds(30),
            "server1 in partner-down",
            () -> state(server1) == HaState.PARTNER_DOWN);
        // The survivor now serves server2's clients too: a renewal of one of them is ACKed.
        Octets taken = Octets.parseColonHex("02:00:00:00:02:01");
        DhcpPacket ack = relay.dora(server1.server().port(), ofServer2.get(1));
        assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
        assertThat(relay.dora(server1.server().port(), taken).messageType())
            .contains(DhcpMessageType.ACK);
      } finally {
        server1.close();
        server2.close();
      }
    }
  }

  private static HaState state(Dhcp4Daemon d) {
    return HaPairs.state(d);
  }

  private Dhcp4Daemon start(String me, int port1, int port2, LoopbackRelay relay) throws Exception {
    return HaPairs.start(
        HaPairs.loadBalancing(
            dir.resolve(me + "-leases4.csv"),
            me,
            port1,
            port2,
            "\"valid-lifetime\": 4000,",
            HaPairs.FAST,
            ""),
        me + ".json",
        dir,
        relay);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
