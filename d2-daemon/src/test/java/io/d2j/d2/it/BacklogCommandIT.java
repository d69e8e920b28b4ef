package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.d2.runtime.D2Daemon;
import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.testkit.Await;
import io.d2j.testkit.Ports;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code d2j-queue-get} over the real unix control socket of an in-process daemon. */
class BacklogCommandIT {

  @TempDir Path dir;

  private static void send(int port, String fqdn, String ip, String dhcid) throws IOException {
    NameChangeRequest ncr =
        NameChangeRequest.builder()
            .type(ChangeType.ADD)
            .fqdn(fqdn)
            .address(ip)
            .dhcid(dhcid)
            .forward(true)
            .reverse(false)
            .leaseLength(600)
            .build();
    byte[] datagram = NcrFraming.encode(ncr, NcrJsonCodec.compatible(Clock.systemUTC()));
    try (DatagramSocket s = new DatagramSocket()) {
      s.send(
          new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1", port)));
    }
  }

  @Test
  void queueGet_showsQueuedInFlightAndWaitingByDomain_retryNowTriesThemAgain() throws Exception {
    int port = Ports.freeUdpPort();
    // A bound socket nobody reads: every UPDATE times out.
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Path file = dir.resolve("d2.json");
      Files.writeString(
          file,
          """
          { "DhcpDdns": { "port": %d, "dns-server-timeout": 100,
              "user-context": { "d2j": { "retry": { "initial-ms": 600000 },
                                          "journal": { "path": "journal" } } },
              "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" },
              "forward-ddns": { "ddns-domains": [
                { "name": "example.org.", "dns-servers": [
                  { "ip-address": "127.0.0.1", "port": %d } ] } ] } } }
          """
              .formatted(port, silent.getLocalPort()));
      D2Daemon d2 =
          D2Daemon.start(D2Daemon.load(file), Optional.of(file), Clock.systemDefaultZone());
      try {
        ControlClient c = new ControlClient(dir.resolve("d2.sock"));
        JsonNode empty = c.command("d2j-queue-get");
        assertThat(empty.toString())
            .isEqualTo(
                "{\"arguments\":{\"queued\":0,\"in-flight\":0,\"waiting-for-retry\":0,"
                    + "\"journaled\":0,\"oldest-age\":0,\"waiting-by-domain\":{}},\"result\":0,"
                    + "\"text\":\"0 queued, 0 in flight, 0 waiting for retry, 0 in the journal\"}");

        send(port, "a.example.org.", "192.0.2.1", "000101010101");
        send(port, "b.example.org.", "192.0.2.2", "000102020202");
        Await.until(
            Duration.ofSeconds(20),
            "both NCRs waiting for a retry",
            () -> d2.statistics().value(D2Stats.NCR_RETRY_SCHEDULED) == 2);
        // Same client as the first: it stays queued behind the waiting one.
        send(port, "a2.example.org.", "192.0.2.3", "000101010101");
        Await.until(
            Duration.ofSeconds(20),
            "the third NCR queued",
            () -> c.command("d2j-queue-get").get("arguments").get("queued").intValue() == 1);

        JsonNode backlog = c.command("d2j-queue-get");
        assertThat(backlog.get("result").intValue()).isZero();
        JsonNode args = backlog.get("arguments");
        assertThat(args.get("in-flight").intValue()).isZero();
        assertThat(args.get("waiting-for-retry").intValue()).isEqualTo(2);
        // All three are accepted and not done: each is in the journal (two waiting, one queued).
        assertThat(args.get("journaled").longValue()).isEqualTo(3);
        assertThat(args.get("oldest-age").longValue()).isBetween(0L, 20L);
        assertThat(args.get("waiting-by-domain").toString()).isEqualTo("{\"example.org.\":2}");
        assertThat(backlog.get("text").textValue())
            .isEqualTo("1 queued, 0 in flight, 2 waiting for retry, 3 in the journal");

        // The retry timer is 10 minutes away; d2j-retry-now tries both again at once.
        assertThat(c.command("d2j-retry-now").toString())
            .isEqualTo(
                "{\"arguments\":{\"released\":2},\"result\":0,"
                    + "\"text\":\"2 waiting NCRs released for their next try\"}");
        Await.until(
            Duration.ofSeconds(20),
            "both NCRs tried again and waiting again",
            () -> d2.statistics().value(D2Stats.NCR_RETRY_SCHEDULED) == 4);
        assertThat(d2.statistics().value(D2Stats.UPDATE_TIMEOUT)).isEqualTo(12);
      } finally {
        d2.close();
      }
    }
  }
}
