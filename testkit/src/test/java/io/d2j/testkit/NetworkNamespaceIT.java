package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Type;

@Timeout(60)
class NetworkNamespaceIT {

  @BeforeEach
  void needsNamespacesAndBind() {
    NetworkNamespace.assumeAvailable();
    BindServer.assumeAvailable();
  }

  @Test
  void bindInANamespace_answersThroughTheBridge_andNotOnTheHostLoopback() throws IOException {
    try (NetworkNamespace ns = NetworkNamespace.create("d2j-tk");
        BindServer bind = BindServer.startIn(ns, TestKey.random("d2j-key.", "HMAC-SHA256"))) {
      assertThat(bind.namespace()).contains(ns);
      assertThat(bind.query("static.example.org.", Type.A))
          .extracting(r -> r.rdataToString())
          .containsExactly("192.0.2.200");
      assertThat(bind.axfr("2.0.192.in-addr.arpa."))
          .extracting(r -> r.getName() + " " + Type.string(r.getType()))
          .contains("1.2.0.192.in-addr.arpa. PTR");
      // The same port on the host's 127.0.0.1 is somebody else's (here: nobody's).
      assertThatThrownBy(
              () -> {
                try (Socket s = new Socket()) {
                  s.connect(new InetSocketAddress("127.0.0.1", bind.port()), 1000);
                }
              })
          .isInstanceOf(IOException.class);
      assertThat(ns.exec("cat", "/proc/net/tcp")).contains(":" + hex4(bind.port()) + " ");
    }
  }

  @Test
  void close_deletesTheNamespace() throws IOException {
    NetworkNamespace ns = NetworkNamespace.create("d2j-tk");
    String name = ns.name();
    assertThat(ns.exec("ip", "-o", "link", "show", "lo")).contains("UP");
    ns.close();
    Await.until(
        Duration.ofSeconds(5),
        "namespace " + name + " gone",
        () -> !java.nio.file.Files.exists(java.nio.file.Path.of("/run/netns", name)));
  }

  @Test
  void ipFailure_namesTheCommandAndItsOutput() throws IOException {
    try (NetworkNamespace ns = NetworkNamespace.create("d2j-tk")) {
      assertThatThrownBy(() -> ns.ip("link", "set", "nosuchdev", "up"))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "ip -n "
                  + ns.name()
                  + " link set nosuchdev up: exit 1: Cannot find device \"nosuchdev\"");
    }
  }

  private static String hex4(int port) {
    return String.format("%04X", port);
  }
}
