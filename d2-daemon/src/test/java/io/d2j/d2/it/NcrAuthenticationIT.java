package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.auth.NcrAuthKey;
import io.d2j.ncr.auth.NcrSigner;
import io.d2j.ncr.udp.NcrUdpSender;
import io.d2j.testkit.Await;
import io.d2j.testkit.Ports;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2 on a running D2: with {@code ncr-authentication} on, only NCRs signed with the
 * key (fresh, not replayed) or unsigned from {@code unsigned-senders} (Kea's DHCP servers) are
 * taken; {@code sender-rate-limit} drops a source's datagrams beyond its budget. 127.0.0.2 is a
 * second sender on this host (all of 127.0.0.0/8 is loopback).
 */
class NcrAuthenticationIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  private static final NcrAuthKey KEY =
      new NcrAuthKey("ncr-key", Base64.getDecoder().decode(SECRET));
  private static final NcrJsonCodec CODEC = NcrJsonCodec.compatible(Clock.systemUTC());

  private static String config(int port, String d2j) {
    return """
        { "DhcpDdns": { "ip-address": "127.0.0.1", "port": %d,
            "tsig-keys": [ { "name": "ncr-key.", "algorithm": "HMAC-SHA256", "secret": "%s" } ],
            "forward-ddns": { "ddns-domains": [] }, "reverse-ddns": { "ddns-domains": [] },
            "user-context": { "d2j": { "journal": { "enabled": false }, %s } } } }
        """
        .formatted(port, SECRET, d2j);
  }

  private static NameChangeRequest ncr(String host) {
    return NameChangeRequest.builder()
        .type(io.d2j.ncr.ChangeType.ADD)
        .fqdn(host + ".example.org.")
        .address("192.0.2.10")
        .dhcid("000101020304")
        .forward(true)
        .reverse(false)
        .leaseLength(300)
        .build();
  }

  private static void sendFrom(String source, byte[] datagram, D2Harness d2) throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(source, 0))) {
      s.send(
          new DatagramPacket(
              datagram,
              datagram.length,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), d2.port)));
    }
  }

  @Test
  void signedNcrsAreTaken_unsignedOnlyFromUnsignedSenders_forgedAndReplayedOnesDropped()
      throws Exception {
    String json =
        config(
            Ports.freeUdpPort(),
            "\"acks\": false, \"ncr-authentication\": { \"keys\": [ \"ncr-key.\" ],"
                + " \"unsigned-senders\": [ \"127.0.0.2\" ] }");
    try (D2Harness d2 = D2Harness.start(json)) {
      // A d2j sender with the key (acked delivery with signatures: NcrUdpSenderAckIT, where
      // retransmissions can be counted; here one send, one datagram).
      try (NcrUdpSender sender =
          NcrUdpSender.open(new InetSocketAddress("127.0.0.1", d2.port), CODEC, 16)
              .signWith(new NcrSigner(KEY, Clock.systemUTC()))) {
        sender.send(ncr("signed")).get(10, TimeUnit.SECONDS);
      }
      Await.until(WAIT, "ncr-received = 1", () -> d2.stat(D2Stats.NCR_RECEIVED) == 1);

      // Unsigned from 127.0.0.1, which must sign: dropped.
      byte[] plain = NcrFraming.encode(ncr("plain"), CODEC);
      sendFrom("127.0.0.1", plain, d2);
      Await.until(WAIT, "ncr-rejected-auth = 1", () -> d2.stat(D2Stats.NCR_REJECTED_AUTH) == 1);

      // Unsigned from a listed Kea server: taken.
      sendFrom("127.0.0.2", plain, d2);
      Await.until(WAIT, "ncr-received = 2", () -> d2.stat(D2Stats.NCR_RECEIVED) == 2);

      // Signed with a wrong secret under the right name: dropped.
      byte[] wrong = Base64.getDecoder().decode(SECRET);
      wrong[0] ^= 1;
      byte[] forged =
          new NcrSigner(new NcrAuthKey("ncr-key", wrong), Clock.systemUTC()).sign(plain);
      sendFrom("127.0.0.1", forged, d2);
      Await.until(WAIT, "ncr-rejected-auth = 2", () -> d2.stat(D2Stats.NCR_REJECTED_AUTH) == 2);

      // A captured signed datagram sent twice: the copy is a replay.
      byte[] signed =
          new NcrSigner(KEY, Clock.systemUTC()).sign(NcrFraming.encode(ncr("once"), CODEC));
      sendFrom("127.0.0.1", signed, d2);
      sendFrom("127.0.0.1", signed, d2);
      Await.until(WAIT, "ncr-replayed = 1", () -> d2.stat(D2Stats.NCR_REPLAYED) == 1);
      assertThat(d2.stat(D2Stats.NCR_RECEIVED)).isEqualTo(3);
      assertThat(d2.stat(D2Stats.NCR_REJECTED_AUTH)).isEqualTo(2);
      assertThat(d2.stat(D2Stats.NCR_INVALID)).isZero();
    }
  }

  @Test
  void withoutAuthentication_aSignedDatagramIsTakenAsItsNcr() throws Exception {
    String json = config(Ports.freeUdpPort(), "\"acks\": false");
    try (D2Harness d2 = D2Harness.start(json)) {
      byte[] signed =
          new NcrSigner(KEY, Clock.systemUTC()).sign(NcrFraming.encode(ncr("s"), CODEC));
      sendFrom("127.0.0.1", signed, d2);
      Await.until(WAIT, "ncr-received = 1", () -> d2.stat(D2Stats.NCR_RECEIVED) == 1);
      assertThat(d2.stat(D2Stats.NCR_INVALID)).isZero();
    }
  }

  @Test
  void aSourceOverItsRateLimit_isDroppedAndCounted_anotherSourceIsNot() throws Exception {
    String json =
        config(
            Ports.freeUdpPort(),
            "\"acks\": false, \"sender-rate-limit\": { \"per-second\": 1, \"burst\": 3 }");
    try (D2Harness d2 = D2Harness.start(json)) {
      byte[] plain = NcrFraming.encode(ncr("r"), CODEC);
      long start = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        sendFrom("127.0.0.1", plain, d2);
      }
      sendFrom("127.0.0.2", plain, d2);
      Await.until(
          WAIT,
          "all 11 accounted for",
          () -> d2.stat(D2Stats.NCR_RECEIVED) + d2.stat(D2Stats.NCR_RATE_LIMITED) == 11);
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      // 127.0.0.1: its burst of 3, plus one a second for however long this took; 127.0.0.2: 1.
      assertThat(d2.stat(D2Stats.NCR_RECEIVED)).isBetween(4L, 4L + seconds + 1);
      assertThat(d2.stat(D2Stats.NCR_RATE_LIMITED)).isPositive();
    }
  }
}
