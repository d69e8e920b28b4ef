package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.d2.journal.Journal;
import io.d2j.d2.journal.Syncer;
import io.d2j.d2.runtime.D2Daemon;
import io.d2j.d2.stats.D2Stats;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.ack.NcrAck;
import io.d2j.ncr.udp.AckPolicy;
import io.d2j.ncr.udp.NcrUdpSender;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** d2j's ack extension on the D2 side: what is answered, when, and to whom. */
class AckIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @BeforeEach
  void needsBind() {
    BindServer.assumeAvailable();
  }

  private static NameChangeRequest ncr(String host, String ip) throws Exception {
    Fqdn fqdn = Fqdn.of(host + ".example.org.");
    return new NameChangeRequest(
        ChangeType.ADD,
        true,
        false,
        fqdn,
        InetAddress.getByName(ip),
        Dhcid.fromClientId(host.getBytes(StandardCharsets.US_ASCII), fqdn),
        null,
        1200,
        ConflictResolutionMode.CHECK_WITH_DHCID);
  }

  private static String config(BindServer bind, String d2j) {
    return D2Harness.keaConfig(Ports.freeUdpPort(), bind, bind.key(), 2000)
        .replace("\"DhcpDdns\": {", "\"DhcpDdns\": { \"user-context\": {\"d2j\": " + d2j + "},");
  }

  private static DatagramChannel client() throws Exception {
    DatagramChannel ch = DatagramChannel.open();
    ch.bind(new InetSocketAddress("127.0.0.1", 0));
    return ch;
  }

  /** The next datagram on {@code ch}, read without blocking until the deadline. */
  private static byte[] receive(DatagramChannel ch) throws Exception {
    ch.configureBlocking(false);
    ByteBuffer buf = ByteBuffer.allocate(65537);
    Await.until(WAIT, "an ack", () -> receiveNow(ch, buf));
    return Arrays.copyOf(buf.array(), buf.position());
  }

  private static boolean receiveNow(DatagramChannel ch, ByteBuffer buf) {
    try {
      return ch.receive(buf) != null;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void journalOn_validNcrAckedAfterItIsDurable_invalidOneNot() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    Path journalDir = dir.resolve("journal");
    try (BindServer bind = BindServer.start(key);
        DatagramChannel client = client()) {
      String json = config(bind, "{\"journal\": {\"path\": \"" + journalDir + "\"}}");
      D2Config config = D2ConfigParser.parse(KeaConfigReader.parse(json, "d2.json"), dir);
      Journal journal =
          Journal.open(
              journalDir,
              NcrJsonCodec.compatible(Clock.systemUTC()),
              Syncer.FORCE,
              Journal.SEGMENT_BYTES);
      D2Daemon d2 = D2Daemon.embedded(config, Optional.of(journal), Clock.systemUTC());
      Statistics stats = d2.statistics();
      try {
        byte[] valid =
            NcrFraming.encode(
                ncr("acked", "192.0.2.71"), NcrJsonCodec.compatible(Clock.systemUTC()));
        client.send(ByteBuffer.wrap(NcrFraming.frame("{\"change-type\":7}")), d2.ncrAddress());
        client.send(ByteBuffer.wrap(valid), d2.ncrAddress());

        byte[] ack = receive(client);
        // The invalid datagram came first; the first ack names the valid one.
        assertThat(NcrAck.decode(ack)).isEqualTo(NcrAck.forDatagram(valid));
        assertThat(stats.value(D2Stats.NCR_INVALID)).isEqualTo(1);
        Await.until(WAIT, "ncr-acked 1", () -> stats.value(D2Stats.NCR_ACKED) == 1);
        Await.until(WAIT, "A record", () -> !bind.query("acked.example.org.", Type.A).isEmpty());
      } finally {
        d2.close();
      }
    }
  }

  @Test
  void journalOff_queuedNcrAcked() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 = D2Harness.start(config(bind, "{\"journal\": {\"enabled\": false}}"));
        DatagramChannel client = client()) {
      byte[] valid =
          NcrFraming.encode(ncr("mem", "192.0.2.72"), NcrJsonCodec.compatible(Clock.systemUTC()));
      client.send(ByteBuffer.wrap(valid), new InetSocketAddress("127.0.0.1", d2.port));
      assertThat(NcrAck.decode(receive(client))).isEqualTo(NcrAck.forDatagram(valid));
      Await.until(WAIT, "A record", () -> !bind.query("mem.example.org.", Type.A).isEmpty());
    }
  }

  @Test
  void acksOff_nothingIsSentBack() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (BindServer bind = BindServer.start(key);
        D2Harness d2 =
            D2Harness.start(config(bind, "{\"acks\": false, \"journal\": {\"enabled\": false}}"));
        DatagramChannel client = client()) {
      byte[] valid =
          NcrFraming.encode(ncr("quiet", "192.0.2.73"), NcrJsonCodec.compatible(Clock.systemUTC()));
      client.send(ByteBuffer.wrap(valid), new InetSocketAddress("127.0.0.1", d2.port));
      Await.until(WAIT, "A record", () -> !bind.query("quiet.example.org.", Type.A).isEmpty());
      d2.awaitIdle();
      client.configureBlocking(false);
      // With acks on, the ack is queued before the NCR is even planned; by now it would be here.
      assertThat(client.receive(ByteBuffer.allocate(100))).isNull();
      assertThat(d2.stat(D2Stats.NCR_ACKED)).isZero();
    }
  }

  /**
   * d2j's acking sender to d2j's D2 (journal on) to BIND: every future completes, every record is
   * there.
   */
  @Test
  void ackingSender_everyFutureCompletes_everyRecordPresent() throws Exception {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    Path journalDir = dir.resolve("journal");
    try (BindServer bind = BindServer.start(key)) {
      String json = config(bind, "{\"journal\": {\"path\": \"" + journalDir + "\"}}");
      D2Config config = D2ConfigParser.parse(KeaConfigReader.parse(json, "d2.json"), dir);
      Journal journal =
          Journal.open(
              journalDir,
              NcrJsonCodec.compatible(Clock.systemUTC()),
              Syncer.FORCE,
              Journal.SEGMENT_BYTES);
      D2Daemon d2 = D2Daemon.embedded(config, Optional.of(journal), Clock.systemUTC());
      Statistics stats = d2.statistics();
      try {
        int n = 200;
        List<CompletableFuture<Void>> acked = new ArrayList<>();
        try (NcrUdpSender sender =
            NcrUdpSender.openAcked(
                d2.ncrAddress(),
                NcrJsonCodec.compatible(Clock.systemUTC()),
                n,
                AckPolicy.DEFAULT)) {
          for (int i = 0; i < n; i++) {
            acked.add(sender.send(ncr("acked" + i, "192.0.2." + (i % 250 + 1))));
          }
          CompletableFuture.allOf(acked.toArray(new CompletableFuture<?>[0]))
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);
          assertThat(sender.unacked()).isZero();
        }
        assertThat(acked).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(stats.value(D2Stats.NCR_ACKED)).isGreaterThanOrEqualTo(n);
        for (int i = 0; i < n; i++) {
          String fqdn = "acked" + i + ".example.org.";
          Await.until(WAIT, "A " + fqdn, () -> !bind.query(fqdn, Type.A).isEmpty());
        }
      } finally {
        d2.close();
      }
    }
  }
}
