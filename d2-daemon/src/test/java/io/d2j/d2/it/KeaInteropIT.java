package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.udp.NcrUdpSender;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.KeaD2Server;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Either half works with Kea's other half: our sender feeds Kea's D2, Kea's wire format feeds ours.
 */
class KeaInteropIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void needsBind() {
    BindServer.assumeAvailable();
  }

  @Test
  void signedNcrFromOurSender_isAppliedByKeaDhcpDdns22() throws Exception {
    KeaD2Server.assumeAvailable();
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    int port = Ports.freeUdpPort();
    try (BindServer bind = BindServer.start(key);
        KeaD2Server kea = KeaD2Server.start(D2Harness.keaConfig(port, bind, key, 1000));
        NcrUdpSender sender =
            NcrUdpSender.open(
                new InetSocketAddress("127.0.0.1", port),
                NcrJsonCodec.compatible(Clock.systemUTC()),
                16)) {
      Fqdn fqdn = Fqdn.of("from-d2j.example.org.");
      NameChangeRequest ncr =
          new NameChangeRequest(
              ChangeType.ADD,
              true,
              true,
              fqdn,
              InetAddress.getByName("192.0.2.44"),
              Dhcid.fromHwAddress(1, HexFormat.of().parseHex("0a0b0c0d0e0f"), fqdn),
              null,
              900,
              ConflictResolutionMode.CHECK_WITH_DHCID);
      // Signed with d2j's NCR authentication (issue 16 item 2): Kea's D2 reads the framed NCR
      // and ignores the signature after it.
      sender.signWith(
          new io.d2j.ncr.auth.NcrSigner(
              new io.d2j.ncr.auth.NcrAuthKey("ncr-key", new byte[32]), Clock.systemUTC()));
      sender.send(ncr).get(5, TimeUnit.SECONDS);
      Await.until(
          WAIT,
          "Kea D2 to apply our signed NCR (log:\n" + kea.log() + ")",
          () -> !bind.query("44.2.0.192.in-addr.arpa.", Type.PTR).isEmpty());
      assertThat(bind.query("from-d2j.example.org.", Type.A))
          .extracting(Record::rdataToString)
          .containsExactly("192.0.2.44");
      assertThat(bind.query("from-d2j.example.org.", Type.DHCID))
          .extracting(Record::rdataToString)
          .containsExactly(java.util.Base64.getEncoder().encodeToString(ncr.dhcid().bytes()));
      assertThat(kea.isAlive()).isTrue();
    }
  }

  @Test
  void datagramExactlyAsKea22DhcpServerSendsIt_isAppliedByOurD2() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 = D2Harness.start(bind, key)) {
      // Kea 2.2's compact member order; fqdn without trailing dot and in mixed case (spec §3.4).
      String body =
          "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":true,"
              + "\"fqdn\":\"Kea22.Example.org\",\"ip-address\":\"192.0.2.45\","
              + "\"dhcid\":\"000101020304\",\"lease-expires-on\":\"20300101000000\","
              + "\"lease-length\":1200,\"use-conflict-resolution\":true}";
      byte[] b = body.getBytes(StandardCharsets.US_ASCII);
      byte[] datagram = new byte[b.length + 2];
      datagram[0] = (byte) (b.length >>> 8);
      datagram[1] = (byte) b.length;
      System.arraycopy(b, 0, datagram, 2, b.length);
      d2.sendRaw(datagram);
      Await.until(WAIT, "PTR", () -> !bind.query("45.2.0.192.in-addr.arpa.", Type.PTR).isEmpty());
      d2.awaitIdle();
      assertThat(bind.query("kea22.example.org.", Type.A))
          .extracting(Record::rdataToString)
          .containsExactly("192.0.2.45");
      // Kea keeps the sender's letter case in the PTR's RDATA; so do we.
      assertThat(bind.query("45.2.0.192.in-addr.arpa.", Type.PTR))
          .extracting(Record::rdataToString)
          .containsExactly("Kea22.Example.org.");
      assertThat(d2.stat(D2Stats.NCR_RECEIVED)).isEqualTo(1);
      assertThat(d2.stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    }
  }
}
