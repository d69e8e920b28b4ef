package io.d2j.dhcp4.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batched calls of {@link PktinfoSocket}: recvmmsg and sendmmsg on loopback. */
class PktinfoSocketBatchTest {

  private static final Inet4Address LOOPBACK = loopback();

  @Test
  void receive_takesWhatIsQueued_upToTheLimit_withEachDatagramsPktinfo() throws Exception {
    assumeTrue(NativeTransport.available());
    try (PktinfoSocket socket = PktinfoSocket.open(0, 1 << 20);
        DatagramChannel client = DatagramChannel.open()) {
      client.bind(new InetSocketAddress(LOOPBACK, 0));
      int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
      List<PktinfoSocket.Received> got = new ArrayList<>();
      assertThat(socket.receive(got, 8)).isZero(); // nothing queued: no wait
      for (int i = 0; i < 5; i++) {
        byte[] payload = ("query " + i + "x".repeat(i * 300)).getBytes(StandardCharsets.US_ASCII);
        client.send(ByteBuffer.wrap(payload), new InetSocketAddress(LOOPBACK, socket.port()));
      }
      waitForQueued(socket, got, 3);
      assertThat(got).hasSize(3); // the limit
      assertThat(socket.receive(got, 8)).isEqualTo(2); // fewer than asked: the socket is empty
      assertThat(socket.receive(got, 8)).isZero();

      for (int i = 0; i < 5; i++) {
        PktinfoSocket.Received r = got.get(i);
        assertThat(new String(r.payload(), StandardCharsets.US_ASCII))
            .isEqualTo("query " + i + "x".repeat(i * 300));
        assertThat(r.source()).isEqualTo(LOOPBACK);
        assertThat(r.port()).isEqualTo(clientPort);
        assertThat(r.destination()).isEqualTo(LOOPBACK);
        assertThat(r.ifindex()).isPositive();
      }
    }
  }

  @Test
  void sendAll_sendsEveryDatagramInOrder_withAndWithoutPktinfo() throws Exception {
    assumeTrue(NativeTransport.available());
    try (PktinfoSocket socket = PktinfoSocket.open(0, 1 << 20);
        DatagramChannel client = DatagramChannel.open()) {
      client.bind(new InetSocketAddress(LOOPBACK, 0));
      int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
      List<PktinfoSocket.Datagram> batch = new ArrayList<>();
      int n = PktinfoSocket.SLOTS + 3; // two sendmmsg calls
      for (int i = 0; i < n; i++) {
        byte[] payload =
            ("reply " + i + "y".repeat(i % 7 * 100)).getBytes(StandardCharsets.US_ASCII);
        batch.add(
            new PktinfoSocket.Datagram(
                payload, LOOPBACK, clientPort, i % 2 == 0 ? 1 : 0, i % 3 == 0 ? LOOPBACK : null));
      }
      NativeIoException[] failed = socket.sendAll(batch);
      assertThat(failed).containsOnlyNulls();

      ByteBuffer buffer = ByteBuffer.allocate(2048);
      for (int i = 0; i < n; i++) {
        buffer.clear();
        InetSocketAddress from = (InetSocketAddress) client.receive(buffer);
        buffer.flip();
        assertThat(StandardCharsets.US_ASCII.decode(buffer).toString())
            .isEqualTo("reply " + i + "y".repeat(i % 7 * 100));
        assertThat(from.getPort()).isEqualTo(socket.port());
      }
    }
  }

  @Test
  void sendAll_onAClosedSocket_failsEachDatagram() throws Exception {
    assumeTrue(NativeTransport.available());
    PktinfoSocket socket = PktinfoSocket.open(0, 1 << 20);
    socket.close();
    NativeIoException[] failed =
        socket.sendAll(
            List.of(
                new PktinfoSocket.Datagram(new byte[10], LOOPBACK, 9, 0, null),
                new PktinfoSocket.Datagram(new byte[10], LOOPBACK, 9, 0, null)));
    assertThat(failed).hasSize(2).doesNotContainNull();
  }

  private static void waitForQueued(
      PktinfoSocket socket, List<PktinfoSocket.Received> into, int want) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (into.size() < want && System.nanoTime() < deadline) {
      socket.receive(into, want - into.size());
      if (into.size() < want) {
        Thread.sleep(5);
      }
    }
  }

  private static Inet4Address loopback() {
    try {
      return (Inet4Address) InetAddress.getByName("127.0.0.1");
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
