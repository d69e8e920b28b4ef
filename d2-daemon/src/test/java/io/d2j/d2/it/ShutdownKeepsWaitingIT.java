package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.runtime.D2Daemon;
import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * An NCR whose domain is unreachable when the daemon shuts down (drain_first) stays in the journal
 * and is applied after the next start, instead of being failed for good on the way out. (That the
 * NCR keeps its age across the restart is {@code JournalIntakeTest}'s, on virtual time.)
 */
class ShutdownKeepsWaitingIT {

  @TempDir Path dir;

  private static String config(int port, TestKey key, InetSocketAddress dns, Path socket) {
    return """
        { "DhcpDdns": { "port": %d, "dns-server-timeout": 100, "tsig-keys": [ %s ],
            "user-context": { "d2j": { "retry": { "initial-ms": 100, "max-ms": 200 } } },
            "control-socket": { "socket-type": "unix", "socket-name": "%s" },
            "forward-ddns": { "ddns-domains": [
              { "name": "example.org.", "key-name": "%s",
                "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] } } }
        """
        .formatted(port, key.keaJson(), socket, key.name(), dns.getPort());
  }

  private D2Daemon start(String json, Path state) throws Exception {
    Path file = dir.resolve("d2.json");
    Files.writeString(file, json);
    return D2Daemon.start(D2Daemon.load(file), Optional.of(file), state, Clock.systemUTC());
  }

  @Test
  void unreachableAtDrainFirstShutdown_isKeptAndAppliedAfterRestart() throws Exception {
    BindServer.assumeAvailable();
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    Path state = Files.createDirectories(dir.resolve("state"));
    Path socket = dir.resolve("d2.sock");
    int port = Ports.freeUdpPort();
    NameChangeRequest ncr =
        NameChangeRequest.builder()
            .type(ChangeType.ADD)
            .fqdn("kept.example.org.")
            .address("192.0.2.91")
            .dhcid("000101020304")
            .forward(true)
            .reverse(false)
            .leaseLength(600)
            .build();
    try (BindServer bind = BindServer.start(key);
        DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      D2Daemon first =
          start(
              config(port, key, (InetSocketAddress) silent.getLocalSocketAddress(), socket), state);
      try {
        send(ncr, port);
        Await.until(
            Duration.ofSeconds(20),
            "the NCR waiting for its unreachable domain",
            () -> first.statistics().value(D2Stats.NCR_RETRY_SCHEDULED) >= 1);
        new ControlClient(socket).command("shutdown", "{\"type\": \"drain_first\"}");
        assertThat(first.exitCode().get(20, TimeUnit.SECONDS)).isZero();
        assertThat(first.statistics().value(D2Stats.NCR_FAILED)).isZero();
      } finally {
        first.close();
      }
      assertThat(bind.query("kept.example.org.", Type.A)).isEmpty();

      D2Daemon second = start(config(port, key, bind.socketAddress(), socket), state);
      try {
        Await.until(
            Duration.ofSeconds(20),
            "the kept NCR applied after the restart",
            () -> !bind.query("kept.example.org.", Type.A).isEmpty());
      } finally {
        second.close();
      }
    }
  }

  private static void send(NameChangeRequest ncr, int port) throws java.io.IOException {
    byte[] d = NcrFraming.encode(ncr, NcrJsonCodec.compatible(Clock.systemUTC()));
    try (DatagramSocket s = new DatagramSocket()) {
      s.send(new DatagramPacket(d, d.length, new InetSocketAddress("127.0.0.1", port)));
    }
  }
}
