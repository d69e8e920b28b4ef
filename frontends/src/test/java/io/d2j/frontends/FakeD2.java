package io.d2j.frontends;

import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.ack.NcrAck;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A D2 stand-in on 127.0.0.1 for the faults a real one cannot show on demand: it records every
 * datagram and acknowledges them as d2j's D2 does ({@link NcrAck}), except the first {@code
 * dropFirst}, or none at all.
 */
final class FakeD2 implements AutoCloseable {
  private final DatagramSocket socket;
  private final Thread thread;
  private final List<byte[]> received = new ArrayList<>();
  private final AtomicInteger toDrop;
  private final boolean ack;

  private FakeD2(DatagramSocket socket, int dropFirst, boolean ack) {
    // Load the ack code now: a first ack slowed by class loading only means more retransmissions.
    NcrAck.forDatagram(new byte[] {0, 2, '{', '}'});
    this.socket = socket;
    this.toDrop = new AtomicInteger(dropFirst);
    this.ack = ack;
    this.thread = new Thread(this::loop, "fake-d2");
    thread.setDaemon(true);
    thread.start();
  }

  /** Acks every datagram but the first {@code dropFirst}, on {@code port} (0: any free one). */
  static FakeD2 start(int port, int dropFirst) throws IOException {
    return new FakeD2(
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)),
        dropFirst,
        true);
  }

  /** Receives and never answers. */
  static FakeD2 silent() throws IOException {
    return new FakeD2(
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 0, false);
  }

  /** A free loopback port nothing listens on (bound, then closed). */
  static int closedPort() throws SocketException {
    try (DatagramSocket s =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    }
  }

  String server() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void loop() {
    byte[] buf = new byte[65600];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      byte[] d = Arrays.copyOf(p.getData(), p.getLength());
      synchronized (received) {
        received.add(d);
      }
      if (!ack || toDrop.getAndDecrement() > 0) {
        continue;
      }
      byte[] answer = NcrAck.forDatagram(d).encode();
      try {
        socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Every datagram so far, in arrival order (retransmissions included). */
  List<byte[]> datagrams() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /**
   * The NCRs so far, decoded, a retransmission (the same octets again, right after) counted once:
   * the helper sends again whenever an ack is late.
   */
  List<NameChangeRequest> ncrs() throws Exception {
    List<NameChangeRequest> out = new ArrayList<>();
    byte[] previous = null;
    for (byte[] d : datagrams()) {
      if (Arrays.equals(d, previous)) {
        continue;
      }
      previous = d;
      out.add(NcrFraming.decode(d, 0, d.length, NcrJsonCodec.compatible(Clock.systemUTC())));
    }
    return out;
  }

  @Override
  public void close() {
    socket.close();
  }
}
