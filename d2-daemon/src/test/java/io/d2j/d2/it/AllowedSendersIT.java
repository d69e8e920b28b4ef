package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.testkit.Await;
import io.d2j.testkit.Ports;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2, {@code user-context.d2j.allowed-senders}: a datagram from a source outside the
 * list is dropped before decoding and counted in {@code ncr-rejected-sender}; one from inside is
 * served. The whole of 127.0.0.0/8 is loopback, so 127.0.0.2 is a second sender on this host.
 */
class AllowedSendersIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static String config(int port, String d2j) {
    return """
        { "DhcpDdns": { "ip-address": "127.0.0.1", "port": %d,
            "forward-ddns": { "ddns-domains": [] }, "reverse-ddns": { "ddns-domains": [] }%s } }
        """
        .formatted(port, d2j.isEmpty() ? "" : ", \"user-context\": { \"d2j\": { " + d2j + " } }");
  }

  private static void sendFrom(String source, D2Harness d2) throws Exception {
    NameChangeRequest ncr =
        NameChangeRequest.builder()
            .type(io.d2j.ncr.ChangeType.ADD)
            .fqdn("h1.example.org.")
            .address("192.0.2.10")
            .dhcid("000101020304")
            .forward(true)
            .reverse(false)
            .leaseLength(300)
            .build();
    byte[] datagram = NcrFraming.encode(ncr, NcrJsonCodec.compatible(Clock.systemUTC()));
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(source, 0))) {
      s.send(
          new DatagramPacket(
              datagram,
              datagram.length,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), d2.port)));
    }
  }

  @Test
  void aSenderOutsideTheList_isDroppedAndCounted_aListedOneIsServed() throws Exception {
    String json =
        config(
            Ports.freeUdpPort(),
            "\"journal\": { \"enabled\": false }, \"allowed-senders\": [ \"127.0.0.1\" ]");
    try (D2Harness d2 = D2Harness.start(json)) {
      sendFrom("127.0.0.2", d2);
      Await.until(WAIT, "ncr-rejected-sender = 1", () -> d2.stat(D2Stats.NCR_REJECTED_SENDER) == 1);

      sendFrom("127.0.0.1", d2);
      Await.until(WAIT, "ncr-received = 1", () -> d2.stat(D2Stats.NCR_RECEIVED) == 1);
      assertThat(d2.stat(D2Stats.NCR_REJECTED_SENDER)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_INVALID)).isZero();
    }
  }

  @Test
  void byDefault_everyLoopbackSenderIsServed() throws Exception {
    String json = config(Ports.freeUdpPort(), "\"journal\": { \"enabled\": false }");
    try (D2Harness d2 = D2Harness.start(json)) {
      sendFrom("127.0.0.2", d2);
      sendFrom("127.0.0.1", d2);
      Await.until(WAIT, "ncr-received = 2", () -> d2.stat(D2Stats.NCR_RECEIVED) == 2);
      assertThat(d2.stat(D2Stats.NCR_REJECTED_SENDER)).isZero();
    }
  }
}
