package io.d2j.d2.it;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.d2.control.Backlog;
import io.d2j.d2.runtime.D2Daemon;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * An in-process d2j D2 pointed at a real BIND, for integration tests (public for the scenario tests
 * in {@code io.d2j.d2.scenario}).
 */
public final class D2Harness implements AutoCloseable {

  public final D2Daemon daemon;
  public final Statistics stats;
  public final int port;

  private D2Harness(D2Config config) throws IOException {
    this.port = config.port();
    this.daemon = D2Daemon.embedded(config, Optional.empty(), Clock.systemUTC());
    this.stats = daemon.statistics();
  }

  /** A Kea-format DhcpDdns config for the three test zones on {@code bind}, signed with its key. */
  public static String keaConfig(int port, BindServer bind, TestKey key, int timeoutMs) {
    String server =
        "{ \"ip-address\": \""
            + bind.address().getHostAddress()
            + "\", \"port\": "
            + bind.port()
            + " }";
    return """
        {
          // d2j integration test: forward and both reverse zones on one BIND
          "DhcpDdns": {
            "ip-address": "127.0.0.1",
            "port": %d,
            "dns-server-timeout": %d,
            "tsig-keys": [ %s ],
            "forward-ddns": { "ddns-domains": [
              { "name": "example.org.", "key-name": "%s", "dns-servers": [ %s ] } ] },
            "reverse-ddns": { "ddns-domains": [
              { "name": "2.0.192.in-addr.arpa.", "key-name": "%s", "dns-servers": [ %s ] },
              { "name": "8.b.d.0.1.0.0.2.ip6.arpa.", "key-name": "%s", "dns-servers": [ %s ] } ] }
          }
        }
        """
        .formatted(
            port,
            timeoutMs,
            key.keaJson(),
            key.name(),
            server,
            key.name(),
            server,
            key.name(),
            server);
  }

  public static D2Harness start(BindServer bind, TestKey key) throws IOException {
    return start(keaConfig(Ports.freeUdpPort(), bind, key, 1000));
  }

  public static D2Harness start(String keaJson) throws IOException {
    D2Config config =
        D2ConfigParser.parse(KeaConfigReader.parse(keaJson, "d2-it.json"), Path.of("."));
    return new D2Harness(config);
  }

  public void send(NameChangeRequest ncr) throws IOException {
    sendRaw(NcrFraming.encode(ncr, NcrJsonCodec.compatible(Clock.systemUTC())));
  }

  public void sendRaw(byte[] datagram) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.send(
          new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1", port)));
    }
  }

  /** Waits until nothing is queued or running (30 s at most). */
  public void awaitIdle() {
    awaitIdle(Duration.ofSeconds(30));
  }

  public void awaitIdle(Duration timeout) {
    Await.until(
        timeout,
        "D2 idle: nothing queued or running",
        () -> {
          Backlog b = backlog();
          return b.queued() == 0 && b.inFlight() == 0;
        });
  }

  /** The backlog as d2j-queue-get shows it. */
  public Backlog backlog() {
    return daemon.backlogNow();
  }

  public long stat(String name) {
    return stats.value(name);
  }

  @Override
  public void close() {
    daemon.close();
  }
}
