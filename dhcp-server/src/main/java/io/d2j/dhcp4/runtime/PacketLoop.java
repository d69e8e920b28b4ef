package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.alloc.Ingress;
import io.d2j.dhcp4.config.MultiThreading;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.dhcp4.net.Inbound;
import io.d2j.dhcp4.net.ListenPlan;
import io.d2j.dhcp4.net.Outbound;
import io.d2j.dhcp4.net.Transport;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keacontrol.stats.Statistics;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The server's packet threads: receive a batch from the {@link Transport}, run the chain on each
 * query ({@link QueryBatch}), sync once, then send the replies by the interface each query came in
 * on. Not Vert.x, as d2-daemon's NCR listener: the chain is synchronous and a reply waits until its
 * lease row is on disk. Nothing a datagram contains can stop the loop: undecodable packets are
 * counted and logged with the defect, and a handler that throws loses only its query.
 *
 * <p>Without {@code multi-threading} one thread owns the whole exchange. With it, the receiving
 * thread only admits queries into a {@link PacketQueue} and {@code thread-pool-size} packet threads
 * each take a batch from it, decode it and run the chain's leading lock-free handlers, then under
 * the lease store's monitor add what queued meanwhile, run the chain's locked part and write the
 * batch's rows ({@link QueryBatch#prepare}: allocation stays race-free, two DISCOVERs are never
 * offered one address), hand it to the commit thread ({@link CommitPipeline}) and, the monitor
 * released, complete its replies with the trailing lock-free handlers. The commit thread waits for
 * each batch's sync in the order they ran, then fires its events and encodes and sends its replies
 * (a batch is durable or taken back whole, with every later one not yet durable). No packet thread
 * waits for a sync: while one runs, they prepare the batches the next sync covers.
 */
final class PacketLoop implements AutoCloseable {

  /** Queries handled per batch at most: one lease-file sync covers them all (group commit). */
  static final int MAX_BATCH = 64;

  /**
   * With multi-threading, queries whose batches wait for the commit thread (their sync, their
   * replies) past which packet threads stop taking more: the packet queue then fills and drops its
   * oldest, as Kea's does. Sized for a disk's tail latency rather than its median: at 20,000
   * queries a second it covers a 50 ms sync (fsync on the benchmark host: 3.5 ms median, 16 at p99,
   * 28 at p99.9); a quarter of it, the first size, let a 13 ms sync stop the packet threads and
   * overflow the packet queue's 3 ms (docs/benchmarks.md).
   */
  static final int COMMIT_BACKLOG = 16 * MAX_BATCH;

  private static final Inet4Address BROADCAST = ReplyRouting.BROADCAST;

  /** {@code pkt4-offer-sent} and the like, by message type. */
  private static final Map<DhcpMessageType, String> SENT = new EnumMap<>(DhcpMessageType.class);

  static {
    for (DhcpMessageType t : DhcpMessageType.values()) {
      SENT.put(t, "pkt4-" + t.name().toLowerCase(Locale.ROOT) + "-sent");
    }
  }

  /** Where a query came in when the transport cannot tell (the JDK fallback). */
  record Fallback(Inet4Address serverId, List<Inet4Address> addresses) {}

  private final Transport transport;
  private final QueryBatch<Inbound> batch;
  private final Optional<Inet4Address> configuredServerId;
  private final Optional<Fallback> fallback;
  private final OptionalInt clientPort;
  private final Clock clock;
  private final Statistics stats;

  /** False while the service is stopped (on-fail stop-retry-exit waiting for the database). */
  private final BooleanSupplier serving;

  private final Thread thread;

  /** The queue and the packet threads with multi-threading; else null and empty. */
  private final PacketQueue<QueryBatch.Query<Inbound>> queue;

  private final List<Thread> workers = new ArrayList<>();

  /** The commit thread with multi-threading; else null. */
  private final CommitPipeline<Inbound> commits;

  private volatile boolean closing;

  private PacketLoop(
      Transport transport,
      QueryBatch<Inbound> batch,
      Optional<Inet4Address> configuredServerId,
      Optional<Fallback> fallback,
      OptionalInt clientPort,
      Clock clock,
      Statistics stats,
      BooleanSupplier serving,
      MultiThreading mt) {
    this.serving = serving;
    this.transport = transport;
    this.batch = batch;
    // Asked again under the lease lock: a query queued while the service was on may be taken by a
    // packet thread after it went off.
    batch.serving(serving);
    this.configuredServerId = configuredServerId;
    this.fallback = fallback;
    this.clientPort = clientPort;
    this.clock = clock;
    this.stats = stats;
    this.thread = new Thread(this::run, mt.enabled() ? "d2j-dhcp4-receive" : "d2j-dhcp4-packets");
    this.queue = mt.enabled() ? new PacketQueue<>(mt.packetQueueSize()) : null;
    for (int i = 0; mt.enabled() && i < mt.threads(); i++) {
      workers.add(new Thread(this::work, "d2j-dhcp4-packets-" + i));
    }
    this.commits =
        mt.enabled()
            ? CommitPipeline.batched(batch, COMMIT_BACKLOG, this::sendAll, "d2j-dhcp4-commit")
            : null;
  }

  /**
   * Starts the packet thread.
   *
   * @param configuredServerId option 54 from the global option-data, which wins everywhere
   * @param fallback the server identifier and addresses of a transport that does not know the
   *     ingress interface
   * @param mt {@code multi-threading}: off, one thread; on, a receiving thread and a pool
   */
  static PacketLoop start(
      Transport transport,
      QueryBatch<Inbound> batch,
      Optional<Inet4Address> configuredServerId,
      Optional<Fallback> fallback,
      OptionalInt clientPort,
      Clock clock,
      Statistics stats,
      BooleanSupplier serving,
      MultiThreading mt) {
    PacketLoop loop =
        new PacketLoop(
            transport, batch, configuredServerId, fallback, clientPort, clock, stats, serving, mt);
    if (loop.commits != null) {
      loop.commits.start();
    }
    loop.workers.forEach(Thread::start);
    loop.thread.start();
    return loop;
  }

  /** Kea's packet-queue-statistics (average queue lengths), empty without multi-threading. */
  double[] queueAverages() {
    return queue == null ? new double[0] : queue.averages();
  }

  int port() {
    return transport.port();
  }

  /**
   * Receives a batch (waiting for the first query, then whatever else is already queued, up to
   * {@link #MAX_BATCH}), runs the chain on each with the lease store's syncs deferred, makes the
   * batch's lease changes durable with one sync, and only then fires the lease events and sends the
   * replies ({@link QueryBatch}). Under load this turns one fsync per lease into one per batch; an
   * idle server still answers each query at once.
   */
  private void run() {
    List<Inbound> received = new ArrayList<>();
    while (!closing) {
      received.clear();
      if (!transport.receive(received, MAX_BATCH)) {
        return;
      }
      List<QueryBatch.Query<Inbound>> queries = new ArrayList<>(received.size());
      for (Inbound in : received) {
        if (!serving.getAsBoolean()) {
          stats.increment("pkt4-received");
          stats.increment("pkt4-receive-drop");
          Dhcp4Log.DHCP4_PACKET_DROP_0008.log(in);
          continue;
        }
        PacketContext context = context(in);
        if (context == null) {
          stats.increment("pkt4-receive-drop");
          continue;
        }
        queries.add(new QueryBatch.Query<>(in.payload(), in, in, context));
      }
      if (queue == null) {
        try {
          sendAll(batch.process(queries));
        } catch (RuntimeException e) {
          // As on a packet thread of the pool: a bug costs this batch, never the receive thread.
          Dhcp4Log.DHCP4_PACKET_PROCESS_EXCEPTION_BATCH.log(queries.size(), e.toString(), e);
        }
        continue;
      }
      // One hand-off per received batch: one packet thread wakes and takes it whole. With the
      // queue full this waits (briefly) for an idle packet thread to take what waits first.
      try {
        queue.pushAll(
            queries,
            dropped -> {
              stats.increment("pkt4-received");
              stats.increment("pkt4-receive-drop");
              Dhcp4Log.DHCP4_PACKET_QUEUE_FULL.log(dropped.from());
            });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * A packet thread of the pool: a batch from the queue and its chain, handed to the commit thread
   * for its sync and replies. While the commit thread is {@link #COMMIT_BACKLOG} behind it takes
   * nothing, so that queries wait in the packet queue, where the oldest are dropped.
   */
  private void work() {
    List<QueryBatch.Query<Inbound>> taken = new ArrayList<>(MAX_BATCH);
    Consumer<List<QueryBatch.Query<Inbound>>> more = into -> queue.drain(into, MAX_BATCH);
    Consumer<QueryBatch.Prepared<Inbound>> handOff = commits::add;
    while (true) {
      taken.clear();
      try {
        commits.awaitRoom();
        if (!queue.take(taken, MAX_BATCH)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      try {
        // Under the lease lock, what queued while this thread waited for it joins the batch, and
        // the batch joins the commit thread's queue in the order the batches ran.
        batch.prepare(taken, more, handOff);
      } catch (RuntimeException e) {
        // prepare() contains its own failures; this is a bug, and the thread lives on.
        Dhcp4Log.DHCP4_PACKET_PROCESS_EXCEPTION_BATCH.log(taken.size(), e.toString(), e);
      }
    }
  }

  /**
   * The receiving thread's last interface and what {@link #context} derives from it alone (its
   * addresses; its ingress for a query to a broadcast and to another address): an interface's
   * {@link ListenPlan.Served} is replaced, never changed, so the same one gives the same values.
   */
  private ListenPlan.Served lastVia;

  private List<Inet4Address> lastAddresses;
  private Ingress lastBroadcast;
  private Ingress lastUnicast;

  /** The context of a query: server identifier and ingress for its interface. */
  private PacketContext context(Inbound in) {
    if (in.via().isPresent()) {
      ListenPlan.Served via = in.via().get();
      if (via != lastVia) {
        lastAddresses = via.addresses();
        Optional<String> name = Optional.of(via.nic().name());
        lastBroadcast = new Ingress(name, lastAddresses, true);
        lastUnicast = new Ingress(name, lastAddresses, false);
        lastVia = via;
      }
      Ingress ingress = BROADCAST.equals(in.destination()) ? lastBroadcast : lastUnicast;
      return new PacketContext(
          clock.instant(),
          configuredServerId.isPresent()
              ? configuredServerId.get()
              : ListenPlan.Served.serverId(lastAddresses, in.destination()),
          ingress,
          in.source(),
          in.destination() == null ? DhcpPacket.ANY : in.destination());
    }
    if (fallback.isEmpty()) {
      return null;
    }
    return new PacketContext(
        clock.instant(),
        configuredServerId.orElse(fallback.get().serverId()),
        Ingress.addresses(fallback.get().addresses()),
        in.source(),
        in.destination() == null ? DhcpPacket.ANY : in.destination());
  }

  /**
   * A durable batch's replies: those already released (every one without HA) leave together ({@link
   * Transport#sendAll}, one system call for a batch), the others as {@link #send} says.
   */
  private void sendAll(List<QueryBatch.Answer<Inbound>> answers) {
    List<Outbound> outs = new ArrayList<>(answers.size());
    List<QueryBatch.Answer<Inbound>> sent = new ArrayList<>(answers.size());
    for (QueryBatch.Answer<Inbound> answer : answers) {
      if (answer.release().isDone() && Boolean.TRUE.equals(answer.release().getNow(false))) {
        Outbound out = encode(answer);
        if (out != null) {
          outs.add(out);
          sent.add(answer);
        }
      } else {
        send(answer);
      }
    }
    if (outs.isEmpty()) {
      return;
    }
    int[] i = {0};
    transport.sendAll(
        outs,
        (out, failure) -> {
          QueryBatch.Answer<Inbound> answer = sent.get(i[0]++);
          if (failure == null) {
            counted(answer, out);
          } else {
            Dhcp4Log.DHCP4_PACKET_SEND_FAIL.log(out, failure.getMessage());
          }
        });
  }

  /**
   * Sends the reply once its release completes with true: at once without HA; with HA when the
   * partner acknowledged the query's lease updates (spec §6.11), on the thread that learned it.
   */
  private void send(QueryBatch.Answer<Inbound> answer) {
    if (answer.release().isDone() && Boolean.TRUE.equals(answer.release().getNow(false))) {
      transmit(answer);
      return;
    }
    answer
        .release()
        .whenComplete(
            (ok, e) -> {
              if (e == null && Boolean.TRUE.equals(ok)) {
                transmit(answer);
              } else {
                stats.increment("pkt4-receive-drop");
                Dhcp4Log.DHCP4_PACKET_NO_REPLY.log(
                    Integer.toHexString(answer.query().xid()),
                    answer.origin(),
                    "the HA partner did not acknowledge the lease update",
                    "ha");
              }
            });
  }

  private void transmit(QueryBatch.Answer<Inbound> answer) {
    Outbound out = encode(answer);
    if (out == null) {
      return;
    }
    try {
      transport.send(out);
      counted(answer, out);
    } catch (IOException | RuntimeException e) {
      Dhcp4Log.DHCP4_PACKET_SEND_FAIL.log(out, e.getMessage());
    }
  }

  /** The reply on the wire and where it goes; null when it cannot be encoded (counted, logged). */
  private Outbound encode(QueryBatch.Answer<Inbound> answer) {
    DhcpPacket query = answer.query();
    DhcpPacket reply = answer.reply();
    Inbound in = answer.origin();
    boolean raw = in.via().map(ListenPlan.Served::packetSocket).orElse(false);
    InetSocketAddress to = ReplyRouting.destination(query, reply, clientPort, raw);
    byte[] clientMac =
        query.htype() == 1 && query.hlen() == 6
            ? query.hardwareAddress().toByteArray()
            : new byte[0];
    byte[] wire;
    try {
      wire = DhcpCodec.encode(reply, DhcpCodec.replySizeLimit(query.options()));
    } catch (IllegalArgumentException e) {
      // The query made the reply too large to send (e.g. relay agent information joined from
      // many option 82 instances, echoed back): this query goes unanswered, nothing else.
      stats.increment("pkt4-receive-drop");
      Dhcp4Log.DHCP4_PACKET_PACK_FAIL.log(
          reply.messageType().map(Enum::name).orElse("BOOTREPLY"),
          Integer.toHexString(query.xid()),
          in,
          e.getMessage());
      return null;
    }
    return new Outbound(
        wire, in, (Inet4Address) to.getAddress(), to.getPort(), query.relayed(), clientMac);
  }

  /** A reply has left: counted, and logged at debug. */
  private void counted(QueryBatch.Answer<Inbound> answer, Outbound out) {
    DhcpPacket query = answer.query();
    DhcpPacket reply = answer.reply();
    Inbound in = answer.origin();
    stats.increment("pkt4-sent");
    // Every reply passes here (on the commit thread with multi-threading): the debug line's
    // values are built only when it is written.
    if (Dhcp4Log.DHCP4_PACKET_SEND.enabled()) {
      Dhcp4Log.DHCP4_PACKET_SEND.log(
          reply.messageType().orElseThrow(),
          Integer.toHexString(query.xid()),
          reply.yiaddr().getHostAddress(),
          out,
          in.via().map(v -> " on " + v.nic().name()).orElse(""));
    }
    reply.messageType().ifPresent(t -> stats.increment(SENT.get(t)));
  }

  @Override
  public void close() {
    closing = true;
    if (queue != null) {
      // The packet threads finish the batch they hold, then stop; the commit thread finishes
      // what they handed it (those replies still leave), then stops.
      queue.close();
      for (Thread worker : workers) {
        join(worker);
      }
      commits.close();
    }
    transport.close();
    join(thread);
  }

  private static void join(Thread t) {
    try {
      t.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
