package io.d2j.ncr.udp;

import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFormatException;
import io.d2j.ncr.ack.NcrAck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The ack half of {@link NcrUdpSender}: keeps each sent NCR until its {@link NcrAck} arrives,
 * retransmits it on a timer per the {@link AckPolicy}, and fails it at the deadline. One reader
 * thread reads acks from the connected socket; one timer thread retransmits (a connected
 * DatagramChannel takes one writer at a time, so it and the sender's writer never interleave a
 * datagram).
 */
final class AckTracker implements AutoCloseable {

  /** One NCR awaiting its ack; {@code wait} and {@code sends} are guarded by the tracker's lock. */
  private static final class Tracked {
    final NcrAck id;
    final NameChangeRequest ncr;
    final byte[] datagram;
    final CompletableFuture<Void> done;
    final long deadlineNanos;
    Duration wait;
    int sends;
    volatile String lastError;

    Tracked(
        NcrAck id,
        NameChangeRequest ncr,
        byte[] datagram,
        CompletableFuture<Void> done,
        long deadlineNanos) {
      this.id = id;
      this.ncr = ncr;
      this.datagram = datagram;
      this.done = done;
      this.deadlineNanos = deadlineNanos;
    }
  }

  private final DatagramChannel channel;
  private final AckPolicy policy;
  private final BiFunction<NameChangeRequest, String, Exception> failure;
  private final ScheduledExecutorService timer;
  private final Thread reader;
  private final Object lock = new Object();

  /** Null without an outbox. */
  private final Outbox outbox;

  /** What goes on the wire for a datagram (the sender's signature added, when it signs). */
  private final java.util.function.UnaryOperator<byte[]> onWire;

  /** Guarded by {@link #lock}: the NCRs sent and not yet acked, failed or abandoned, by id. */
  private final Map<NcrAck, List<Tracked>> unacked = new HashMap<>();

  /**
   * @param failure builds the exception for an NCR that was not acknowledged, given the reason
   */
  AckTracker(
      DatagramChannel channel,
      AckPolicy policy,
      ThreadFactory threads,
      BiFunction<NameChangeRequest, String, Exception> failure,
      Outbox outbox,
      java.util.function.UnaryOperator<byte[]> onWire) {
    this.channel = channel;
    this.onWire = onWire;
    this.outbox = outbox;
    this.policy = policy;
    this.failure = failure;
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, daemon(threads, Function.identity()));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.reader = daemon(threads, Function.identity()).newThread(this::readLoop);
    reader.start();
  }

  private static ThreadFactory daemon(ThreadFactory threads, Function<Thread, Thread> f) {
    return r -> {
      Thread t = f.apply(threads.newThread(r));
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Registers a datagram about to be sent for the first time; before the write, so no ack is
   * missed.
   */
  void sending(NameChangeRequest ncr, byte[] datagram, CompletableFuture<Void> done) {
    Tracked t =
        new Tracked(
            NcrAck.forDatagram(datagram),
            ncr,
            datagram,
            done,
            System.nanoTime() + policy.deadline().toNanos());
    synchronized (lock) {
      t.wait = policy.initial();
      t.sends = 1;
      unacked.computeIfAbsent(t.id, k -> new ArrayList<>()).add(t);
    }
    schedule(t, policy.initial());
  }

  /** A failed first write: retried like a lost datagram (the D2 may be restarting). */
  void writeFailed(byte[] datagram, IOException e) {
    NcrAck id = NcrAck.forDatagram(datagram);
    synchronized (lock) {
      for (Tracked t : unacked.getOrDefault(id, List.of())) {
        t.lastError = e.toString();
      }
    }
  }

  int unacked() {
    synchronized (lock) {
      return unacked.values().stream().mapToInt(List::size).sum();
    }
  }

  private void schedule(Tracked t, Duration wait) {
    long left = t.deadlineNanos - System.nanoTime();
    long delay = Math.max(0, Math.min(wait.toNanos(), left));
    try {
      timer.schedule(() -> due(t), delay, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Closing: close() fails every tracked NCR.
    }
  }

  private void due(Tracked t) {
    Duration wait;
    int sends;
    synchronized (lock) {
      List<Tracked> same = unacked.get(t.id);
      if (same == null || !same.contains(t)) {
        return; // acked meanwhile
      }
      if (System.nanoTime() - t.deadlineNanos >= 0) {
        same.remove(t);
        if (same.isEmpty()) {
          unacked.remove(t.id);
        }
        sends = t.sends;
        wait = null;
      } else {
        t.sends++;
        t.wait = policy.next(t.wait);
        wait = t.wait;
        sends = t.sends;
      }
    }
    if (wait == null) {
      String reason =
          "no ack within "
              + policy.deadline()
              + " after "
              + sends
              + (sends == 1 ? " send" : " sends")
              + (t.lastError == null ? "" : " (last error: " + t.lastError + ")");
      t.done.completeExceptionally(failure.apply(t.ncr, reason));
      return;
    }
    try {
      channel.write(ByteBuffer.wrap(onWire.apply(t.datagram)));
    } catch (IOException | RuntimeException e) {
      t.lastError = e.toString();
    }
    schedule(t, wait);
  }

  private void readLoop() {
    ByteBuffer buf = ByteBuffer.allocate(2 + 65535 + 1);
    while (channel.isOpen()) {
      buf.clear();
      try {
        channel.read(buf);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // ICMP port unreachable on the connected socket: the D2 is not there yet; keep resending.
        continue;
      }
      NcrAck ack;
      try {
        ack = NcrAck.decode(buf.array(), 0, buf.position());
      } catch (NcrFormatException e) {
        continue; // not an ack of ours: a stray datagram proves nothing
      }
      List<Tracked> settled;
      synchronized (lock) {
        settled = unacked.remove(ack);
      }
      if (settled != null) {
        if (outbox != null) {
          try {
            outbox.acked(ack);
          } catch (IOException e) {
            // A lost ack line only means one extra send of an acked NCR at the next open.
          }
        }
        settled.forEach(t -> t.done.complete(null));
      }
    }
  }

  /** Fails every NCR still waiting for its ack with {@code reason}; stops both threads. */
  @Override
  public void close() {
    // The reader ends when the sender closes the channel (interrupting it would close it too).
    timer.shutdownNow();
    List<Tracked> abandoned = new ArrayList<>();
    synchronized (lock) {
      unacked.values().forEach(abandoned::addAll);
      unacked.clear();
    }
    for (Tracked t : abandoned) {
      t.done.completeExceptionally(failure.apply(t.ncr, "sender is closed"));
    }
  }
}
