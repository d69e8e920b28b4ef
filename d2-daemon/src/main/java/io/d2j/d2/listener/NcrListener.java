package io.d2j.d2.listener;

import io.d2j.d2.log.D2Log;
import io.d2j.d2.stats.D2Stats;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFormatException;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.ack.NcrAck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * Receives NCR datagrams on a thread of its own that only reads and copies them into a bounded
 * hand-over buffer (32 MiB), so a burst never waits behind decoding, journaling or DNS work: the
 * kernel buffer (capped by net.core.rmem_max) is drained as fast as datagrams arrive, and the
 * hand-over buffer extends it in user space. A second thread decodes, counts and passes decoded
 * NCRs to {@code sink} (the journal, or the event loop), in arrival order. When the hand-over
 * buffer is full the receive thread waits, and the kernel buffer takes the rest. A bad datagram is
 * counted in {@code ncr-invalid} and logged with the reason and gets no answer. With acks on (d2j's
 * extension, {@link NcrAck}) each accepted NCR is answered, once {@code sink} reports it accepted,
 * by a third thread that only sends acks, so neither receiving nor the journal writer nor the event
 * loop ever waits on a send.
 *
 * <p>A plain JDK channel rather than a Vert.x socket: Vert.x sizes each read buffer to SO_RCVBUF,
 * which would allocate megabytes per datagram once the buffer is sized for bursts.
 */
public final class NcrListener implements AutoCloseable {

  /** 2-octet length + the largest body the framing allows. */
  private static final int MAX_DATAGRAM = 2 + 65535;

  private final DatagramChannel channel;
  private final NcrJsonCodec codec;
  private final Statistics stats;
  private final Intake sink;
  private final Thread thread;
  private final Thread decoder;
  private final Thread acker;
  private volatile boolean closing;
  private volatile boolean acks;
  private volatile SenderFilter senders = SenderFilter.ANYONE;

  /** Confined to the decoder thread: when a rejected sender was last logged, and how many since. */
  private long lastRejectLog;

  private long rejectedSinceLog;

  /** Where decoded NCRs go. */
  @FunctionalInterface
  public interface Intake {
    /**
     * Takes one NCR, on the decoder thread. Calls {@code accepted} (on any thread, at most once)
     * when the NCR is accepted: durable in the journal, or queued; never when it is dropped.
     */
    void accept(NameChangeRequest ncr, Runnable accepted);
  }

  private record Ack(byte[] datagram, SocketAddress to) {}

  private static final Ack STOP_ACKS = new Ack(new byte[0], null);

  /** Acks waiting for the ack thread; bounded by the NCRs accepted, each a few dozen octets. */
  private final java.util.concurrent.BlockingQueue<Ack> ackQueue =
      new java.util.concurrent.LinkedBlockingQueue<>();

  /** Bytes the hand-over buffer may hold: bounds memory whatever the burst. */
  private static final int HANDOVER_BYTES = 32 * 1024 * 1024;

  private record Datagram(byte[] data, SocketAddress from) {}

  private static final Datagram END = new Datagram(new byte[0], null);

  private final java.util.concurrent.BlockingQueue<Datagram> handover =
      new java.util.concurrent.LinkedBlockingQueue<>();
  private final java.util.concurrent.Semaphore room =
      new java.util.concurrent.Semaphore(HANDOVER_BYTES);

  private NcrListener(
      DatagramChannel channel, NcrJsonCodec codec, Statistics stats, Intake sink, boolean acks) {
    this.channel = channel;
    this.acks = acks;
    this.codec = codec;
    this.stats = stats;
    this.sink = sink;
    this.thread = new Thread(this::receiveLoop, "d2j-ncr-listener");
    this.thread.setDaemon(true);
    this.decoder = new Thread(this::decodeLoop, "d2j-ncr-decoder");
    this.decoder.setDaemon(true);
    this.acker = new Thread(this::ackLoop, "d2j-ncr-acker");
    this.acker.setDaemon(true);
  }

  /**
   * Binds {@code address} (SO_REUSEADDR, as Kea) and starts receiving.
   *
   * @param receiveBuffer the SO_RCVBUF to ask for; a warning names net.core.rmem_max when the
   *     kernel grants less
   * @param acks answer each accepted NCR with an {@link NcrAck} to its source address
   */
  public static NcrListener start(
      InetSocketAddress address,
      int receiveBuffer,
      NcrJsonCodec codec,
      Statistics stats,
      Intake sink,
      boolean acks)
      throws IOException {
    return start(address, receiveBuffer, codec, stats, sink, acks, SenderFilter.ANYONE);
  }

  /** As above, taking NCRs only from {@code senders} from the first datagram on. */
  public static NcrListener start(
      InetSocketAddress address,
      int receiveBuffer,
      NcrJsonCodec codec,
      Statistics stats,
      Intake sink,
      boolean acks,
      SenderFilter senders)
      throws IOException {
    DatagramChannel ch =
        DatagramChannel.open(
            address.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6
                : java.net.StandardProtocolFamily.INET);
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
      ch.bind(address);
      int granted = ch.getOption(StandardSocketOptions.SO_RCVBUF);
      // Linux reports twice the usable size it granted; compare against what was asked.
      if (granted < receiveBuffer) {
        D2Log.DHCP_DDNS_RECEIVE_BUFFER_SMALL.log(receiveBuffer, granted);
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    NcrListener listener = new NcrListener(ch, codec, stats, sink, acks);
    listener.senders = java.util.Objects.requireNonNull(senders, "senders");
    listener.acker.start();
    listener.decoder.start();
    listener.thread.start();
    return listener;
  }

  /**
   * Which source addresses may send NCRs, from now on; datagrams from others are dropped before
   * decoding, counted in {@code ncr-rejected-sender} and logged (at most once a second).
   */
  public void allowedSenders(SenderFilter filter) {
    this.senders = java.util.Objects.requireNonNull(filter, "filter");
  }

  /** Turns acks on or off for NCRs decoded from now on (a reconfiguration). */
  public void acks(boolean on) {
    this.acks = on;
  }

  public InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void receiveLoop() {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM + 1);
    try {
      while (!closing) {
        buf.clear();
        SocketAddress from;
        try {
          from = channel.receive(buf);
        } catch (ClosedChannelException e) {
          return;
        } catch (IOException | RuntimeException e) {
          stats.increment(D2Stats.NCR_ERROR);
          D2Log.DHCP_DDNS_NCR_RECV_ERROR.log(e.toString());
          continue;
        }
        byte[] copy = java.util.Arrays.copyOf(buf.array(), buf.position());
        room.acquire(cost(copy));
        handover.add(new Datagram(copy, from));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      handover.add(END);
    }
  }

  /** A datagram's share of the hand-over budget: its bytes plus what holding them costs. */
  private static int cost(byte[] data) {
    return data.length + 64;
  }

  private void decodeLoop() {
    while (true) {
      Datagram d;
      try {
        d = handover.take();
      } catch (InterruptedException e) {
        return;
      }
      if (d == END) {
        return;
      }
      room.release(cost(d.data()));
      SocketAddress from = d.from();
      try {
        onDatagram(d.data(), d.data().length, from);
      } catch (RuntimeException e) {
        // Whatever fails past decoding (handing over, logging), the loop must go on: a dead
        // receive thread on a bound socket would lose every later NCR without a trace.
        stats.increment(D2Stats.NCR_ERROR);
        D2Log.DHCP_DDNS_NCR_RECV_ERROR_HANDLING.log(from, e.toString());
      }
    }
  }

  private void onDatagram(byte[] data, int length, SocketAddress from) {
    if (from instanceof InetSocketAddress source && !senders.allows(source.getAddress())) {
      rejectSender(source);
      return;
    }
    NameChangeRequest ncr;
    try {
      if (length > MAX_DATAGRAM) {
        throw new NcrFormatException(
            "datagram", "longer than " + MAX_DATAGRAM + " octets, cannot be an NCR");
      }
      ncr = NcrFraming.decode(data, 0, length, codec);
    } catch (NcrFormatException | RuntimeException e) {
      // RuntimeException too: whatever a datagram holds, the listener must survive it.
      stats.increment(D2Stats.NCR_INVALID);
      D2Log.DHCP_DDNS_INVALID_NCR.log(from, e.getMessage());
      return;
    }
    stats.increment(D2Stats.NCR_RECEIVED);
    if (!acks || from == null) {
      sink.accept(ncr, () -> {});
      return;
    }
    // The id hashes the bytes as received, so the sender can match it without parsing.
    Ack ack = new Ack(NcrAck.forDatagram(data, 0, length).encode(), from);
    sink.accept(ncr, () -> ackQueue.add(ack));
  }

  private void rejectSender(InetSocketAddress source) {
    stats.increment(D2Stats.NCR_REJECTED_SENDER);
    rejectedSinceLog++;
    long now = System.nanoTime();
    if (lastRejectLog == 0 || now - lastRejectLog >= 1_000_000_000L) {
      D2Log.DHCP_DDNS_NCR_SENDER_REJECTED.log(rejectedSinceLog, source, senders);
      lastRejectLog = now;
      rejectedSinceLog = 0;
    }
  }

  private void ackLoop() {
    while (true) {
      Ack ack;
      try {
        ack = ackQueue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (ack == STOP_ACKS) {
        return;
      }
      try {
        channel.send(ByteBuffer.wrap(ack.datagram()), ack.to());
        stats.increment(D2Stats.NCR_ACKED);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // The sender retransmits an NCR it has no ack for, and the journal makes that harmless.
        D2Log.DHCP_DDNS_NCR_ACK_FAILED.log(ack.to(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      channel.close();
      thread.join(2000);
      decoder.join(2000);
      ackQueue.add(STOP_ACKS);
      acker.join(2000);
    } catch (IOException e) {
      D2Log.DHCP_DDNS_NCR_LISTENER_CLOSE.log(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
