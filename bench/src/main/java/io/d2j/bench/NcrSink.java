package io.d2j.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A D2 that only counts: the DHCP servers' NCRs go to this UDP socket on 127.0.0.1 and are drained
 * and counted, so a DDNS-on DHCPv4 run measures the DHCP server (deciding names, building and
 * sending NCRs) and not a D2 or a DNS server behind it.
 */
final class NcrSink implements AutoCloseable {
  private final DatagramSocket socket;
  private final AtomicLong received = new AtomicLong();
  private final Thread thread;

  private NcrSink(DatagramSocket socket) {
    this.socket = socket;
    this.thread = new Thread(this::drain, "bench-ncr-sink");
    thread.setDaemon(true);
  }

  static NcrSink open() throws SocketException {
    DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setReceiveBufferSize(4 * 1024 * 1024);
    NcrSink sink = new NcrSink(socket);
    sink.thread.start();
    return sink;
  }

  int port() {
    return socket.getLocalPort();
  }

  /** NCR datagrams received so far. */
  long received() {
    return received.get();
  }

  private void drain() {
    byte[] buf = new byte[65536];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    while (!socket.isClosed()) {
      try {
        socket.receive(packet);
        received.incrementAndGet();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
