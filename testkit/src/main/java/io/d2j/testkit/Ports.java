package io.d2j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free ports on 127.0.0.1. A port found free can be taken by someone else before the server binds
 * it; fixtures that use these retry with another port when the server reports "address in use".
 */
public final class Ports {
  private static final int ATTEMPTS = 50;

  private Ports() {}

  /** A port free for both TCP and UDP (DNS servers listen on both, RFC 7766 section 5). */
  public static int freeTcpAndUdpPort() {
    for (int i = 0; i < ATTEMPTS; i++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
          return udp.getLocalPort();
        } catch (BindException e) {
          // UDP side taken: try another TCP port.
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind a TCP socket on 127.0.0.1", e);
      }
    }
    throw new IllegalStateException(
        "no port free for both TCP and UDP on 127.0.0.1 after " + ATTEMPTS + " attempts");
  }

  /** A UDP port free on 127.0.0.1. */
  public static int freeUdpPort() {
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return udp.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a UDP socket on 127.0.0.1", e);
    }
  }
}
