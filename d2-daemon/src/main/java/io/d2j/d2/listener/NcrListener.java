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
import java.net.InetAddress;
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

  /** The warm-up socket's receive buffer: Linux's usual rmem_default, granted without privilege. */
  private static final int WARM_UP_BUFFER = 212_992;

  /** Room for a d2j signature trailer after the largest NCR (its key name at most 255 octets). */
  private static final int SIGNATURE_ROOM = 62 + 255;

  private final DatagramChannel channel;
  private final NcrJsonCodec codec;
  private final Statistics stats;
  private final Intake sink;
  private final Thread thread;
  private final Thread decoder;
  private final Thread acker;
  private volatile boolean closing;

  /** Datagrams read from the socket so far. */
  private final java.util.concurrent.atomic.AtomicLong received =
      new java.util.concurrent.atomic.AtomicLong();

  private volatile boolean acks;
  private volatile SenderFilter senders = SenderFilter.ANYONE;
  private volatile NcrAuthPolicy auth = NcrAuthPolicy.OFF;
  private volatile SenderRateLimit rateLimit = SenderRateLimit.OFF;

  /** Confined to the decoder thread: how often each kind of drop was last logged. */
  private final DropLog rejectLog = new DropLog();

  private final DropLog authLog = new DropLog();
  private final DropLog rateLog = new DropLog();

  /** At most one line a second per kind of drop, with the count since the last line. */
  private static final class DropLog {
    private long last;
    private long since;

    /** Counts one drop; true when a line is due now (then the count restarts). */
    boolean due() {
      since++;
      long now = System.nanoTime();
      if (last == 0 || now - last >= 1_000_000_000L) {
        last = now;
        return true;
      }
      return false;
    }

    long takeCount() {
      long n = since;
      since = 0;
      return n;
    }
  }

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
    return start(
        address,
        receiveBuffer,
        codec,
        stats,
        sink,
        acks,
        SenderFilter.ANYONE,
        NcrAuthPolicy.OFF,
        SenderRateLimit.OFF);
  }

  /**
   * As above, taking NCRs only from {@code senders}, with {@code auth} and {@code rateLimit} (see
   * {@link #allowedSenders}, {@link #authentication}, {@link #rateLimit}) applied from the first
   * datagram on. {@link #warmUp} then compiles the receive path while the socket already serves.
   */
  public static NcrListener start(
      InetSocketAddress address,
      int receiveBuffer,
      NcrJsonCodec codec,
      Statistics stats,
      Intake sink,
      boolean acks,
      SenderFilter senders,
      NcrAuthPolicy auth,
      SenderRateLimit rateLimit)
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
    listener.auth = java.util.Objects.requireNonNull(auth, "auth");
    listener.rateLimit = java.util.Objects.requireNonNull(rateLimit, "rateLimit");
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

  /**
   * Which datagrams must be signed, from now on (issue 16 item 2): refused ones are dropped before
   * decoding, counted in {@code ncr-rejected-auth} (replays in {@code ncr-replayed}) and logged at
   * most once a second.
   */
  public void authentication(NcrAuthPolicy policy) {
    this.auth = java.util.Objects.requireNonNull(policy, "policy");
  }

  /**
   * The per-source rate limit, from now on; datagrams over it are dropped before decoding, counted
   * in {@code ncr-rate-limited} and logged at most once a second.
   */
  public void rateLimit(SenderRateLimit limit) {
    this.rateLimit = java.util.Objects.requireNonNull(limit, "limit");
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
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM + SIGNATURE_ROOM + 1);
    try {
      while (!closing && receiveOne(buf)) {
        // One datagram per call: a method of its own, so that the JIT compiles it by invocation
        // count during the warm-up and a new listener's loop runs compiled code from the start.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      handover.add(END);
    }
  }

  /** Receives one datagram into the hand-over buffer; false once the channel is closed. */
  private boolean receiveOne(ByteBuffer buf) throws InterruptedException {
    buf.clear();
    SocketAddress from;
    try {
      from = channel.receive(buf);
    } catch (ClosedChannelException e) {
      return false;
    } catch (IOException | RuntimeException e) {
      stats.increment(D2Stats.NCR_ERROR);
      D2Log.DHCP_DDNS_NCR_RECV_ERROR.log(e.toString());
      return true;
    }
    received.incrementAndGet();
    byte[] copy = java.util.Arrays.copyOf(buf.array(), buf.position());
    room.acquire(cost(copy));
    handover.add(new Datagram(copy, from));
    return true;
  }

  /** Datagrams read from the socket since it was bound (the warm-up watches it). */
  public long datagramsReceived() {
    return received.get();
  }

  /**
   * Runs copies of {@code sample} (a framed NCR) through the whole receive path (socket receive,
   * hand-over, decode, the sender checks) on a throwaway loopback socket and listener, so that the
   * JIT compiles that path (issue 16 item 3). Nothing reaches a sink or a statistic of the daemon.
   *
   * <p>Runs while {@code serving} is already bound and serving, and gives way to it: the JIT
   * compiles methods, not sockets, so whatever {@code serving} receives warms the same code, and
   * while it receives (a burst, or the first NCRs of a daemon hit the moment it starts) the warm-up
   * pauses and leaves the CPU to it until the socket has been quiet for 20 ms; what the socket
   * received counts towards {@code datagrams}. The warm-up never has more than 64 datagrams in
   * flight (a small receive buffer holds them, so none is lost) and waits for room without
   * spinning. It ends after {@code datagrams}, after 10 s, or when the thread is interrupted (the
   * daemon stops).
   *
   * @return how many of the warm-up's own datagrams were decoded
   */
  public static int warmUp(NcrJsonCodec codec, byte[] sample, int datagrams, NcrListener serving)
      throws IOException {
    if (datagrams <= 0) {
      return 0;
    }
    java.util.concurrent.atomic.AtomicInteger decoded =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(WARM_UP_WINDOW);
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    NcrListener scratch =
        start(
            loopback,
            WARM_UP_BUFFER,
            codec,
            new Statistics(java.time.Clock.systemUTC()),
            (ncr, accepted) -> {
              decoded.incrementAndGet();
              inFlight.release();
            },
            false);
    try (DatagramChannel out = DatagramChannel.open()) {
      out.connect(scratch.localAddress());
      ByteBuffer b = ByteBuffer.wrap(sample);
      long deadline = System.nanoTime() + 10_000_000_000L;
      long servingAtStart = serving == null ? 0 : serving.datagramsReceived();
      long servingSeen = servingAtStart;
      long servingLast = System.nanoTime() - GIVE_WAY_NANOS;
      int sent = 0;
      while (sent + (servingSeen - servingAtStart) < datagrams
          && System.nanoTime() - deadline < 0
          && !Thread.currentThread().isInterrupted()) {
        long now = serving == null ? servingSeen : serving.datagramsReceived();
        if (now != servingSeen) {
          servingSeen = now;
          servingLast = System.nanoTime();
        }
        if (System.nanoTime() - servingLast < GIVE_WAY_NANOS) {
          java.util.concurrent.locks.LockSupport.parkNanos(PAUSE_NANOS);
          continue;
        }
        // A permit lost to a dropped datagram must not stall the warm-up: go on after a while.
        inFlight.tryAcquire(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        b.rewind();
        out.write(b);
        sent++;
      }
      // The last ones in flight: their decoding is part of the warm-up.
      inFlight.tryAcquire(Math.min(sent, WARM_UP_WINDOW), 1, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      scratch.close();
    }
    return decoded.get();
  }

  /** A typical NCR for {@link #primeDecoding}, framed when used. */
  private static final String PRIME_SAMPLE =
      "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":true,"
          + "\"fqdn\":\"prime.example.org.\",\"ip-address\":\"192.0.2.1\","
          + "\"dhcid\":\"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\","
          + "\"lease-expires-on\":\"20991231235959\",\"lease-length\":3600,"
          + "\"use-conflict-resolution\":true}";

  /**
   * Decodes one sample NCR datagram as the decoder thread decodes each received one, and makes its
   * ack, dropping both: that path's classes are initialised, and its constants and call sites
   * resolved, before the first NCR arrives (issue 14: a fresh D2's decoder spent about 40 ms on its
   * first NCR, between the bind and the journal). Any thread; no statistic, sink or log is touched.
   *
   * @throws NcrFormatException never for the built-in sample
   */
  public static void primeDecoding(NcrJsonCodec codec) throws NcrFormatException {
    byte[] sample = NcrFraming.frame(PRIME_SAMPLE);
    NcrFraming.decode(sample, 0, sample.length, codec);
    NcrAck.forDatagram(sample, 0, sample.length).encode();
  }

  /** Warm-up datagrams in flight at most: far below what {@link #WARM_UP_BUFFER} holds. */
  private static final int WARM_UP_WINDOW = 64;

  /** The warm-up pauses until the serving socket has received nothing for this long. */
  private static final long GIVE_WAY_NANOS = 20_000_000L;

  /** How often a paused warm-up looks again. */
  private static final long PAUSE_NANOS = 2_000_000L;

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
    InetSocketAddress source = from instanceof InetSocketAddress a ? a : null;
    InetAddress address = source == null ? null : source.getAddress();
    if (source != null && !senders.allows(address)) {
      rejectSender(source);
      return;
    }
    NcrAuthPolicy.Decision decision = auth.decide(data, length, address);
    if (decision.verdict() != NcrAuthPolicy.Verdict.TAKE) {
      boolean replay = decision.verdict() == NcrAuthPolicy.Verdict.REPLAY;
      stats.increment(replay ? D2Stats.NCR_REPLAYED : D2Stats.NCR_REJECTED_AUTH);
      if (authLog.due()) {
        (replay ? D2Log.DHCP_DDNS_NCR_REPLAYED : D2Log.DHCP_DDNS_NCR_AUTH_FAILED)
            .log(authLog.takeCount(), from, decision.reason());
      }
      return;
    }
    if (!rateLimit.admit(address)) {
      stats.increment(D2Stats.NCR_RATE_LIMITED);
      if (rateLog.due()) {
        D2Log.DHCP_DDNS_NCR_RATE_LIMITED.log(rateLog.takeCount(), from, rateLimit);
      }
      return;
    }
    int framed = decision.framedLength();
    NameChangeRequest ncr;
    try {
      if (length > MAX_DATAGRAM + SIGNATURE_ROOM) {
        throw new NcrFormatException(
            "datagram", "longer than " + MAX_DATAGRAM + " octets, cannot be an NCR");
      }
      ncr = NcrFraming.decode(data, 0, framed, codec);
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
    // The id hashes the NCR's bytes as received (not a signature), so the sender can match it
    // without parsing, whichever transmission it was.
    Ack ack = new Ack(NcrAck.forDatagram(data, 0, framed).encode(), from);
    sink.accept(ncr, () -> ackQueue.add(ack));
  }

  private void rejectSender(InetSocketAddress source) {
    stats.increment(D2Stats.NCR_REJECTED_SENDER);
    if (rejectLog.due()) {
      D2Log.DHCP_DDNS_NCR_SENDER_REJECTED.log(rejectLog.takeCount(), source, senders);
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
