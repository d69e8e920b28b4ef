package io.d2j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends prepared NCR datagrams from one unconnected UDP socket (ICMP errors from a D2 that is not
 * listening yet are ignored, as a DHCP server's would be), at a fixed rate or back to back. What
 * the D2 sends back (d2j's acks) is never read.
 */
public final class PacedSender implements AutoCloseable {

  private final DatagramChannel channel;
  private final InetSocketAddress target;

  /** Where the datagrams go. */
  public InetSocketAddress target() {
    return target;
  }

  public PacedSender(InetSocketAddress target) throws IOException {
    this.target = target;
    this.channel = DatagramChannel.open();
    channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4 << 20);
  }

  /** Sends one datagram now; returns {@link System#nanoTime()} just before it. */
  public long send(byte[] datagram) throws IOException {
    long at = System.nanoTime();
    channel.send(ByteBuffer.wrap(datagram), target);
    return at;
  }

  /**
   * Sends every datagram, datagram {@code k} due at start + k / rate ({@code rate <= 0}: back to
   * back), and returns each one's send time. A sender that falls behind catches up without
   * sleeping, so the achieved rate is (count - 1) / (last - first).
   */
  public long[] send(byte[][] datagrams, double rate) throws IOException {
    long[] sentAt = new long[datagrams.length];
    long start = System.nanoTime();
    double interval = rate > 0 ? 1e9 / rate : 0;
    for (int k = 0; k < datagrams.length; k++) {
      long due = start + (long) (k * interval);
      long wait = due - System.nanoTime();
      if (wait > 50_000) {
        LockSupport.parkNanos(wait);
      }
      sentAt[k] = send(datagrams[k]);
    }
    return sentAt;
  }

  /** Datagrams per second achieved by one {@link #send(byte[][], double)}. */
  public static double achievedRate(long[] sentAt) {
    if (sentAt.length < 2) {
      return Double.POSITIVE_INFINITY;
    }
    long span = sentAt[sentAt.length - 1] - sentAt[0];
    return span <= 0 ? Double.POSITIVE_INFINITY : (sentAt.length - 1) * 1e9 / span;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
