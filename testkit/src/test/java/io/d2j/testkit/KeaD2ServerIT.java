package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Type;

@Timeout(30)
class KeaD2ServerIT {
  /** A Kea 2.2 NCR: add kea-it.example.org. = 192.0.2.77, forward and reverse. */
  private static final String NCR =
      "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":true,"
          + "\"fqdn\":\"kea-it.example.org.\",\"ip-address\":\"192.0.2.77\","
          + "\"dhcid\":\"0001012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C\","
          + "\"lease-expires-on\":\"20300101000000\",\"lease-length\":1200,"
          + "\"use-conflict-resolution\":true}";

  @BeforeEach
  void needsKeaAndBind() {
    KeaD2Server.assumeAvailable();
    BindServer.assumeAvailable();
  }

  @Test
  void keaD2_appliesAnNcrToBind() throws IOException {
    int ncrPort = KeaD2Server.freeUdpPort();
    try (BindServer bind = BindServer.start(TestKey.random("d2j-key.", "HMAC-SHA256"));
        KeaD2Server kea = KeaD2Server.start(config(ncrPort, bind))) {
      assertThat(kea.isAlive()).isTrue();

      sendNcr(ncrPort, NCR);

      Await.until(
          Duration.ofSeconds(10),
          "A kea-it.example.org. in BIND; kea log:\n" + kea.log(),
          () -> !bind.query("kea-it.example.org.", Type.A).isEmpty());
      Await.until(
          Duration.ofSeconds(10),
          "PTR 77.2.0.192.in-addr.arpa. in BIND",
          () -> !bind.query("77.2.0.192.in-addr.arpa.", Type.PTR).isEmpty());
      assertThat(bind.query("77.2.0.192.in-addr.arpa.", Type.PTR))
          .extracting(r -> r.rdataToString())
          .containsExactly("kea-it.example.org.");
      assertThat(bind.query("kea-it.example.org.", Type.DHCID)).hasSize(1);
    }
  }

  @Test
  void start_withABadConfig_failsWithKeasLog() {
    assertThatThrownBy(() -> KeaD2Server.start("{ \"DhcpDdns\": { \"no-such-key\": 1 } }"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("kea-dhcp-ddns exited with code 1 before DHCP_DDNS_STARTED; log:")
        .hasMessageContaining("no-such-key");
  }

  @Test
  void close_stopsKeaAndDeletesItsDirectory() throws IOException {
    KeaD2Server kea = KeaD2Server.start(config(KeaD2Server.freeUdpPort(), null));

    kea.close();

    assertThat(kea.isAlive()).isFalse();
    assertThat(kea.workDir()).doesNotExist();
  }

  /** A minimal D2 config; with {@code bind}, both test zones point at it with its first key. */
  private static String config(int port, BindServer bind) {
    String keys = bind == null ? "" : bind.key().keaJson();
    String forward = bind == null ? "" : domain(TestZones.FORWARD, bind);
    String reverse = bind == null ? "" : domain(TestZones.REVERSE_V4, bind);
    return """
        { "DhcpDdns": {
            "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": 1000,
            "control-socket": { "socket-type": "unix", "socket-name": "@DIR@/d2.sock" },
            "tsig-keys": [ %s ],
            "forward-ddns": { "ddns-domains": [ %s ] },
            "reverse-ddns": { "ddns-domains": [ %s ] },
            "loggers": [ { "name": "kea-dhcp-ddns", "severity": "INFO",
                           "output_options": [ { "output": "stdout" } ] } ]
        } }
        """
        .formatted(port, keys, forward, reverse);
  }

  private static String domain(String name, BindServer bind) {
    return """
        { "name": "%s", "key-name": "%s",
          "dns-servers": [ { "ip-address": "%s", "port": %d } ] }
        """
        .formatted(name, bind.key().name(), bind.address().getHostAddress(), bind.port());
  }

  /** NCR framing: a 2-byte big-endian length, then the JSON. */
  private static void sendNcr(int port, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer datagram =
        ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body);
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.send(
          new DatagramPacket(
              datagram.array(), datagram.capacity(), InetAddress.getLoopbackAddress(), port));
    }
  }
}
