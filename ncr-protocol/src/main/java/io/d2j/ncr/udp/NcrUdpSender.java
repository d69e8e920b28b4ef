package io.d2j.ncr.udp;

import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.auth.NcrSigner;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * Sends NCRs to a D2 over UDP from a bounded queue, without blocking the caller.
 *
 * <pre>{@code
 * try (var sender = NcrUdpSender.open(new InetSocketAddress("127.0.0.1", 53001),
 *         NcrJsonCodec.compatible(Clock.systemUTC()), 1024)) {
 *   sender.send(ncr).join();   // datagram 00 xx {"change-type":0,...}
 * }
 * }</pre>
 *
 * <p>D2 never answers (spec §3.1), so "sent" means handed to the kernel. Every request's future
 * completes: normally once written, or exceptionally with {@link NcrSendException} when the queue
 * is full, the socket fails (e.g. ICMP port unreachable reported on a connected socket) or the
 * sender is closed first. Nothing is dropped silently.
 *
 * <p>Ack mode ({@link #openAcked}), for a d2j D2 with acks on: a future completes only when the
 * D2's {@link io.d2j.ncr.ack.NcrAck} for that datagram arrives, meaning the NCR is durable there;
 * the datagram is sent again on the {@link AckPolicy}'s backoff meanwhile, and the future fails
 * with {@link NcrSendException} at the policy's deadline. A Kea D2 never acks: do not use ack mode
 * with one.
 *
 * <p>Threads: {@link #send} may be called from any thread; the socket is written by one daemon
 * writer thread and, in ack mode, by one retransmit timer thread, and read by one ack reader.
 */
public final class NcrUdpSender implements AutoCloseable {
  /** One queued request; the datagram is ours alone, so no defensive copies. */
  private record Pending(
      NameChangeRequest ncr, ByteBuffer datagram, CompletableFuture<Void> done) {}

  private final InetSocketAddress server;
  private final NcrJsonCodec codec;
  private final int maxQueue;
  private final DatagramChannel channel;
  private final BlockingQueue<Pending> queue;
  private final Thread writer;
  private final Object lock = new Object();

  /** Null in the plain mode: "sent" means handed to the kernel. */
  private final AckTracker acks;

  /** Null without a durable outbox (ack mode only). */
  private final Outbox outbox;

  /** The futures of the NCRs the outbox held at open, sent again; empty without one. */
  private final List<CompletableFuture<Void>> recovered = new ArrayList<>();

  /** Guarded by {@link #lock}; once true, nothing more enters {@link #queue}. */
  private boolean closed;

  /** Null unless {@link #signWith}: datagrams go out as framed. */
  private volatile NcrSigner signer;

  private NcrUdpSender(
      InetSocketAddress server,
      NcrJsonCodec codec,
      int maxQueue,
      DatagramChannel channel,
      ThreadFactory threads,
      AckPolicy ackPolicy,
      Outbox outbox) {
    this.server = server;
    this.outbox = outbox;
    this.codec = codec;
    this.maxQueue = maxQueue;
    this.channel = channel;
    this.queue = new ArrayBlockingQueue<>(maxQueue);
    this.acks =
        ackPolicy == null
            ? null
            : new AckTracker(
                channel,
                ackPolicy,
                r -> new Thread(r, "d2j-ncr-acks-" + server),
                (ncr, reason) ->
                    new NcrSendException(
                        "NCR "
                            + ncr.requestId()
                            + " to "
                            + server
                            + " not acknowledged: "
                            + reason),
                outbox,
                this::onWire);
    if (outbox != null) {
      resend(outbox.recovered());
    }
    this.writer = threads.newThread(this::writeLoop);
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Opens a connected UDP socket towards {@code server}, bound to an ephemeral port on the loopback
   * address of the same family when the server is on loopback, else on the wildcard address.
   *
   * @param maxQueue how many requests may wait for the writer; at least 1
   */
  public static NcrUdpSender open(InetSocketAddress server, NcrJsonCodec codec, int maxQueue)
      throws IOException {
    return open(
        server, codec, maxQueue, r -> new Thread(r, "d2j-ncr-sender-" + server), null, null);
  }

  /**
   * {@link #open} in ack mode: each future completes when a d2j D2 acknowledged the NCR, and the
   * NCR is sent again per {@code policy} until then (see the class comment).
   */
  public static NcrUdpSender openAcked(
      InetSocketAddress server, NcrJsonCodec codec, int maxQueue, AckPolicy policy)
      throws IOException {
    Objects.requireNonNull(policy, "policy");
    return open(
        server, codec, maxQueue, r -> new Thread(r, "d2j-ncr-sender-" + server), policy, null);
  }

  /**
   * {@link #openAcked} with a durable outbox file: each NCR is recorded there before it is first
   * sent and forgotten once acked, so NCRs a previous sender never saw acknowledged (it was closed,
   * crashed, or gave up at the deadline) are sent again, byte for byte, right here; their futures
   * are {@link #recovered()}. The file is created when missing.
   */
  public static NcrUdpSender openAcked(
      InetSocketAddress server,
      NcrJsonCodec codec,
      int maxQueue,
      AckPolicy policy,
      java.nio.file.Path outbox)
      throws IOException {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(outbox, "outbox");
    Outbox box = Outbox.open(outbox);
    try {
      return open(
          server, codec, maxQueue, r -> new Thread(r, "d2j-ncr-sender-" + server), policy, box);
    } catch (IOException | RuntimeException e) {
      box.close();
      throw e;
    }
  }

  /**
   * Signs every datagram written from now on, retransmissions included, with {@code signer} (d2j's
   * NCR authentication, {@link NcrSigner}); each transmission gets its own counter, so a
   * retransmission is never taken for a replay, and acks still match (they name the NCR's body).
   * Call it before the first {@link #send}: NCRs an outbox held at open went out unsigned once and
   * are signed from their first retransmission.
   *
   * @return this sender
   */
  public NcrUdpSender signWith(NcrSigner signer) {
    this.signer = Objects.requireNonNull(signer, "signer");
    return this;
  }

  private byte[] onWire(byte[] framed) {
    NcrSigner s = signer;
    return s == null ? framed : s.sign(framed);
  }

  /** The futures of the NCRs the outbox held at open (sent again); empty without an outbox. */
  public List<CompletableFuture<Void>> recovered() {
    return List.copyOf(recovered);
  }

  private void resend(List<byte[]> datagrams) {
    for (byte[] d : datagrams) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      recovered.add(done);
      NameChangeRequest ncr;
      try {
        ncr = NcrFraming.decode(d, 0, d.length, codec);
      } catch (io.d2j.ncr.NcrFormatException e) {
        done.completeExceptionally(
            new NcrSendException("outbox entry is not an NCR: " + e.getMessage(), e));
        continue;
      }
      acks.sending(ncr, d, done);
      try {
        channel.write(ByteBuffer.wrap(onWire(d)));
      } catch (IOException e) {
        acks.writeFailed(d, e);
      }
    }
  }

  /** {@link #open} with a thread factory, so tests can hold the writer back. */
  static NcrUdpSender open(
      InetSocketAddress server, NcrJsonCodec codec, int maxQueue, ThreadFactory threads)
      throws IOException {
    return open(server, codec, maxQueue, threads, null, null);
  }

  private static NcrUdpSender open(
      InetSocketAddress server,
      NcrJsonCodec codec,
      int maxQueue,
      ThreadFactory threads,
      AckPolicy ackPolicy,
      Outbox outbox)
      throws IOException {
    return open(server, null, codec, maxQueue, threads, ackPolicy, outbox);
  }

  /**
   * {@link #open} sending from {@code local} (Kea's {@code sender-ip} / {@code sender-port}; port 0
   * is an ephemeral port), instead of the loopback or wildcard address it picks.
   */
  public static NcrUdpSender open(
      InetSocketAddress server, InetSocketAddress local, NcrJsonCodec codec, int maxQueue)
      throws IOException {
    Objects.requireNonNull(local, "local");
    return open(
        server, local, codec, maxQueue, r -> new Thread(r, "d2j-ncr-sender-" + server), null, null);
  }

  /**
   * {@link #openAcked} sending from {@code local}, as {@link #open(InetSocketAddress,
   * InetSocketAddress, NcrJsonCodec, int)}.
   */
  public static NcrUdpSender openAcked(
      InetSocketAddress server,
      InetSocketAddress local,
      NcrJsonCodec codec,
      int maxQueue,
      AckPolicy policy)
      throws IOException {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(policy, "policy");
    return open(
        server,
        local,
        codec,
        maxQueue,
        r -> new Thread(r, "d2j-ncr-sender-" + server),
        policy,
        null);
  }

  private static NcrUdpSender open(
      InetSocketAddress server,
      InetSocketAddress bind,
      NcrJsonCodec codec,
      int maxQueue,
      ThreadFactory threads,
      AckPolicy ackPolicy,
      Outbox outbox)
      throws IOException {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(codec, "codec");
    if (server.isUnresolved()) {
      throw new IllegalArgumentException("server " + server + " is not an IP address");
    }
    if (maxQueue < 1) {
      throw new IllegalArgumentException("maxQueue " + maxQueue + " must be at least 1");
    }
    InetAddress target = server.getAddress();
    boolean v6 = target instanceof Inet6Address;
    InetAddress local =
        target.isLoopbackAddress()
            ? InetAddress.getByAddress(v6 ? ipv6Loopback() : new byte[] {127, 0, 0, 1})
            : InetAddress.getByAddress(new byte[v6 ? 16 : 4]);
    DatagramChannel channel = DatagramChannel.open();
    InetSocketAddress from = bind != null ? bind : new InetSocketAddress(local, 0);
    try {
      channel.bind(from);
      channel.connect(server);
    } catch (BindException e) {
      channel.close();
      BindException named =
          new BindException(
              "cannot bind the NCR sender to "
                  + from.getAddress().getHostAddress()
                  + ":"
                  + from.getPort()
                  + ": "
                  + e.getMessage());
      named.initCause(e);
      throw named;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new NcrUdpSender(server, codec, maxQueue, channel, threads, ackPolicy, outbox);
  }

  private static byte[] ipv6Loopback() {
    byte[] b = new byte[16];
    b[15] = 1;
    return b;
  }

  /**
   * Queues one NCR. The future completes when the datagram was handed to the kernel (in ack mode:
   * when its ack arrived), or exceptionally with {@link NcrSendException}.
   */
  public CompletableFuture<Void> send(NameChangeRequest ncr) {
    Objects.requireNonNull(ncr, "ncr");
    CompletableFuture<Void> done = new CompletableFuture<>();
    byte[] datagram;
    try {
      datagram = NcrFraming.encode(ncr, codec);
    } catch (IllegalArgumentException e) {
      done.completeExceptionally(failure(ncr, "cannot be framed: " + e.getMessage(), e));
      return done;
    }
    synchronized (lock) {
      if (closed) {
        done.completeExceptionally(failure(ncr, "sender is closed", null));
      } else if (!queue.offer(new Pending(ncr, ByteBuffer.wrap(datagram), done))) {
        done.completeExceptionally(
            failure(ncr, "send queue is full (" + maxQueue + " requests waiting)", null));
      }
    }
    return done;
  }

  /** How many requests wait for the writer thread. */
  public int queued() {
    return queue.size();
  }

  /** In ack mode, how many sent NCRs wait for their ack; 0 in the plain mode. */
  public int unacked() {
    return acks == null ? 0 : acks.unacked();
  }

  /** Fails every waiting request with "sender is closed", stops the writer, closes the socket. */
  @Override
  public void close() {
    List<Pending> abandoned = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      queue.drainTo(abandoned);
    }
    for (Pending p : abandoned) {
      p.done().completeExceptionally(failure(p.ncr(), "sender is closed", null));
    }
    writer.interrupt();
    if (acks != null) {
      acks.close();
    }
    if (outbox != null) {
      try {
        outbox.close();
      } catch (IOException e) {
        // Every line was written (and each send line forced) when it was recorded.
      }
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing is lost: every request has completed or is failing with the channel.
    }
  }

  private void writeLoop() {
    while (true) {
      Pending p;
      try {
        p = queue.take();
      } catch (InterruptedException e) {
        return; // close() interrupts; whatever was queued it has failed already
      }
      if (outbox != null) {
        try {
          outbox.sent(p.datagram().array());
        } catch (IOException e) {
          p.done().completeExceptionally(failure(p.ncr(), "outbox write failed: " + e, e));
          continue;
        }
      }
      if (acks != null) {
        acks.sending(p.ncr(), p.datagram().array(), p.done());
      }
      try {
        channel.write(ByteBuffer.wrap(onWire(p.datagram().array())));
        if (acks == null) {
          p.done().complete(null);
        }
      } catch (IOException e) {
        if (acks == null) {
          p.done().completeExceptionally(failure(p.ncr(), "socket error: " + e, e));
        } else {
          // e.g. ICMP port unreachable from an earlier datagram: the timer sends it again.
          acks.writeFailed(p.datagram().array(), e);
        }
      } catch (RuntimeException e) {
        p.done().completeExceptionally(failure(p.ncr(), "socket error: " + e, e));
      }
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private NcrSendException failure(NameChangeRequest ncr, String reason, Throwable cause) {
    return new NcrSendException(
        "NCR " + ncr.requestId() + " to " + server + " not sent: " + reason, cause);
  }
}
