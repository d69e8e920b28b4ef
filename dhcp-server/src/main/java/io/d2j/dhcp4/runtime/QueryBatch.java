package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.ha.ScopeFilter;
import io.d2j.dhcp4.handler.ChainAssembler;
import io.d2j.dhcp4.handler.HandlerChain;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PluginCatalog;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.dhcp4.lease.LeaseChange;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseReplication;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpFormatException;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.plugins.BuiltInPlugins;
import io.d2j.keacontrol.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The group commit without sockets: the packet thread hands a batch of received queries to {@link
 * #process}, which {@link #begin}s the batch, {@link #add}s each query (the chain runs at once,
 * with the lease store's syncs deferred), then {@link #commit}s: one sync makes the batch's lease
 * changes durable, and only then do the lease events fire (NCRs, HA lease updates) and the replies
 * go out. When the sync fails neither happens, and the store takes the batch's changes back: no
 * client is told about a lease, no DNS record is added for one, that a crash would lose, and the
 * store does not keep a lease no one was told of (a client's retry is a new allocation, with its
 * NCR, not a renewal of a lease it never had).
 *
 * <p>{@link #process} may be called from several packet threads ({@code multi-threading}). The
 * lease store's monitor, which timers and lease commands take too, is held over the part of the
 * chain that needs it ({@link HandlerChain#runLocked}: from the first handler that {@linkplain
 * io.d2j.dhcp4.handler.PacketHandler#needsLeaseLock needs the lease lock} to the last, allocation
 * with the built-ins), and every field here but the thread-safe statistics is confined to whoever
 * holds it. Decoding and the chain's leading lock-free handlers run before it is taken ({@code
 * classify}), the trailing ones ({@code lease-times}, {@code options}, {@code ddns}) after it is
 * released, on the same packet thread: they read only the configuration and the query's {@link
 * PacketContext}, confined to the packet thread that handles the query in all three parts, so
 * packet threads overlap all of a query's work but allocation. The rate limiter and the {@code
 * serving} switch stay under the monitor, and with the limiter on the leading handlers run there
 * too, after admission, so that a flood costs the limiter only. A batch's replies are complete
 * before {@link #finish} reads them (it waits for them: {@link Prepared#awaitBuilt}); lease events
 * are taken and turns given under the monitor, so their order is unchanged. The sync runs after the
 * monitor is released ({@link LeaseStore#prepareDeferred}): the next batch runs its chain while
 * this one's sync is on its way, and one sync may cover both. A failed sync takes back its batch
 * and every later batch not yet durable (they may build on its leases); none of them replies or
 * fires an event. Lease events fire in the order the batches ran (a release after the allocation it
 * ends), under the monitor again, and so do HA's lease updates: each query's changes go to the
 * {@link LeaseReplication} once durable, which says when its reply may leave (spec §6.11). {@link
 * #process} is {@link #prepare} (the chain, its locked part under the monitor) then {@link #finish}
 * (the sync, events and replies): the multi-threaded loop runs the two on different threads, so
 * that packet threads never wait for a sync ({@link CommitPipeline}). {@link #begin}, {@link #add}
 * and {@link #commit} are for one thread (tests), as the single-threaded server used them.
 *
 * @param <T> where a query came from, handed back with its reply (the transport's business)
 */
final class QueryBatch<T> {

  /**
   * A reply to send once the batch is durable and {@code release} completed with true (at once
   * without HA; with HA once the partner acknowledged the query's lease updates, spec §6.11); with
   * false it is dropped.
   */
  record Answer<T>(
      DhcpPacket query, DhcpPacket reply, T origin, CompletableFuture<Boolean> release) {}

  /** A query's outcome before the batch is durable: its reply (if any) and lease changes. */
  private record Outcome<T>(
      DhcpPacket query, DhcpPacket reply, T origin, List<LeaseChange> changes) {}

  /**
   * A query whose chain ran up to its trailing lock-free handlers: where it stands and the lease
   * changes it made under the lock.
   */
  private record Unfinished<T>(
      HandlerChain.Progress progress, T origin, Object from, List<LeaseChange> changes) {}

  /**
   * One received datagram: where it came from ({@code origin}, handed back with its reply; {@code
   * from} for log lines) and its context.
   */
  record Query<T>(byte[] datagram, T origin, Object from, PacketContext context) {}

  private final HandlerChain chain;
  private final LeaseStore leaseLock;
  private final DeferredLeaseEvents events;
  private final Statistics stats;
  private final QueryLimiter limiter;
  private final LeaseReplication replication;
  private final List<Outcome<T>> answers = new ArrayList<>();
  private final Turns turns = new Turns();

  /**
   * Whether the DHCP service answers ({@code dhcp-disable}, HA), asked again for each query under
   * the lease lock: the receiving thread asked when the query arrived, but with multi-threading it
   * may wait in the queue while the service goes off (an HA partner's {@code dhcp-disable} before
   * it reads this server's leases for its sync); allocating then would grant a lease the partner's
   * sync has already read past.
   */
  private volatile BooleanSupplier serving = () -> true;

  /** When the last rate-limit line was logged (epoch nanos, 0: never) and drops since. */
  private long limitLoggedAt;

  private long limitDropsSince;

  /**
   * @param leaseLock the lease store, also held as a lock for the whole batch: allocation reads and
   *     then writes, and lease commands and timers must not slip in between, nor between the
   *     batch's changes and its sync
   * @param events the listener the chain was assembled with; it holds events until {@link #commit}
   */
  QueryBatch(
      HandlerChain chain,
      LeaseStore leaseLock,
      DeferredLeaseEvents events,
      Statistics stats,
      QueryLimiter limiter,
      LeaseReplication replication) {
    this.chain = chain;
    this.leaseLock = leaseLock;
    this.events = events;
    this.stats = stats;
    this.limiter = limiter;
    this.replication = replication;
  }

  /**
   * The chain of {@code config} wired for the packet thread: its lease events go to {@code events}
   * only after {@link #commit} made the batch durable.
   */
  static <T> QueryBatch<T> assemble(
      Dhcp4Config config, LeaseStore leases, LeaseEvents events, Statistics stats) {
    return assemble(config, leases, events, stats, ScopeFilter.ALL, LeaseReplication.NONE);
  }

  /**
   * With HA: the chain's {@code ha} slot asks {@code haFilter}, and each query's durable lease
   * changes go to {@code replication}, which also says when its reply may leave.
   */
  static <T> QueryBatch<T> assemble(
      Dhcp4Config config,
      LeaseStore leases,
      LeaseEvents events,
      Statistics stats,
      ScopeFilter haFilter,
      LeaseReplication replication) {
    DeferredLeaseEvents deferred = new DeferredLeaseEvents(events, leases);
    HandlerChain chain =
        ChainAssembler.assemble(
            PluginCatalog.withServiceLoader(
                BuiltInPlugins.all(), QueryBatch.class.getClassLoader()),
            new PluginContext(config, leases, deferred, stats, haFilter));
    return new QueryBatch<>(
        chain, leases, deferred, stats, new QueryLimiter(config.queryRateLimits()), replication);
  }

  HandlerChain chain() {
    return chain;
  }

  /**
   * Runs the chain on each of {@code queries}, makes the batch durable with one sync and returns
   * the replies to send (none when the sync failed). Decoding and the chain's leading lock-free
   * handlers run first, outside the lease store's monitor; the chain's locked part holds it; the
   * trailing lock-free handlers and the sync do not.
   */
  List<Answer<T>> process(List<Query<T>> queries) {
    return process(queries, more -> {});
  }

  /**
   * As {@link #process(List)}; once it holds the lease store's monitor, {@code more} may add the
   * queries that arrived meanwhile (the multi-threaded loop drains its queue there), so that one
   * sync covers them too instead of each waiting thread syncing a batch of one. Those are decoded,
   * and their leading lock-free handlers run, under the monitor.
   */
  List<Answer<T>> process(List<Query<T>> queries, Consumer<List<Query<T>>> more) {
    return finish(prepare(queries, more, prepared -> {}));
  }

  /**
   * The first half of {@link #process}: decodes {@code queries} and runs the chain's leading
   * lock-free handlers on them ({@link HandlerChain#runBefore}), then under the lease store's
   * monitor adds {@code more} (decoded, and their leading handlers run, there), asks {@code
   * serving} and the rate limiter, runs the chain's locked part, holds the lease events and writes
   * the batch's lease changes without waiting for their sync ({@link LeaseStore#prepareDeferred});
   * then, the monitor released, runs the chain's trailing lock-free handlers ({@link
   * HandlerChain#runAfter}), which complete the replies. With the rate limiter on, the leading
   * handlers run under the monitor after admission, as the whole chain did, so that a flood costs
   * no more than the limiter. {@code queued} is told of the prepared batch before the monitor is
   * released, so batches reach it in the order they ran; it must not block (it runs under the
   * monitor). Nothing is sent nor fired before {@link #finish}, which every prepared batch must
   * reach (later batches' events wait for its turn) and which waits for the replies.
   */
  Prepared<T> prepare(
      List<Query<T>> queries, Consumer<List<Query<T>>> more, Consumer<Prepared<T>> queued) {
    List<Query<T>> all = new ArrayList<>(queries);
    boolean before = !limiter.on();
    List<HandlerChain.Progress> started = new ArrayList<>(all.size());
    for (Query<T> q : all) {
      started.add(start(q, before));
    }
    Prepared<T> prepared = null;
    try {
      synchronized (leaseLock) {
        more.accept(all);
        for (int i = started.size(); i < all.size(); i++) {
          started.add(start(all.get(i), before));
        }
        begin();
        List<Unfinished<T>> locked = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
          Query<T> q = all.get(i);
          HandlerChain.Progress p = started.get(i);
          if (p != null
              && admit(p.query(), q.from(), q.context())
              && (before || runBefore(p, q.from()))) {
            Unfinished<T> u = runLocked(p, q.origin(), q.from());
            if (u != null) {
              locked.add(u);
            }
          }
        }
        List<Consumer<LeaseEvents>> held = events.take();
        long turn = turns.next();
        try {
          prepared =
              new Prepared<>(all.size(), locked, held, turn, leaseLock.prepareDeferred(), null);
        } catch (RuntimeException e) {
          prepared = new Prepared<>(all.size(), locked, held, turn, null, e);
        }
        queued.accept(prepared);
      }
    } finally {
      // Without the monitor: other packet threads run their batches' locked parts meanwhile. Once
      // handed to queued, a batch is always built, or the commit thread would wait for it forever.
      if (prepared != null) {
        build(prepared);
      }
    }
    return prepared;
  }

  /** The chain's trailing part on each query of the batch: its replies, for {@link #finish}. */
  private void build(Prepared<T> prepared) {
    List<Unfinished<T>> locked = prepared.locked;
    List<Outcome<T>> out = new ArrayList<>(locked.size());
    int i = 0;
    try {
      for (; i < locked.size(); i++) {
        Outcome<T> o = complete(locked.get(i));
        if (o != null) {
          out.add(o);
        }
      }
    } finally {
      // An Error in a handler (complete() contains exceptions) costs the replies of the queries
      // not yet built, never their lease changes: those are written, and the partner must learn of
      // them as of the others.
      for (; i < locked.size(); i++) {
        Unfinished<T> u = locked.get(i);
        if (!u.changes().isEmpty()) {
          out.add(new Outcome<>(u.progress().query(), null, u.origin(), u.changes()));
        }
      }
      prepared.built(out);
    }
  }

  /**
   * A datagram decoded, with the chain's leading lock-free handlers run on it when {@code before};
   * null when it was dropped (counted and logged). Never throws.
   */
  private HandlerChain.Progress start(Query<T> q, boolean before) {
    DhcpPacket query = decodeOrNull(q.datagram(), q.from());
    if (query == null) {
      return null;
    }
    HandlerChain.Progress p;
    try {
      p = chain.start(query, q.context());
    } catch (RuntimeException e) {
      stats.increment("pkt4-receive-drop");
      Dhcp4Log.DHCP4_PACKET_PROCESS_EXCEPTION.log(q.from(), e.toString(), e);
      return null;
    }
    return before && !runBefore(p, q.from()) ? null : p;
  }

  /** The chain's leading lock-free handlers; false when one threw (counted and logged). */
  private boolean runBefore(HandlerChain.Progress p, Object from) {
    try {
      chain.runBefore(p);
      return true;
    } catch (RuntimeException e) {
      stats.increment("pkt4-receive-drop");
      Dhcp4Log.DHCP4_PACKET_PROCESS_EXCEPTION.log(from, e.toString(), e);
      return false;
    }
  }

  /**
   * The second half of {@link #process}, without the lease store's monitor: waits until the
   * prepared batch is durable (a sync, unless a later one already covered it), then, in the order
   * the batches ran, fires its lease events and returns its replies; none when the sync failed.
   * Called once per prepared batch.
   */
  List<Answer<T>> finish(Prepared<T> prepared) {
    // Almost always built already: the trailing handlers take microseconds, the sync milliseconds.
    prepared.awaitBuilt();
    if (prepared.failure != null) {
      turns.done(prepared.turn);
      return dropped(prepared.out, prepared.held.size(), prepared.failure);
    }
    // The sync runs without the lease lock: another packet thread runs its batch meanwhile. Lease
    // events fire in the order the batches ran (a release after the allocation it ends).
    try {
      prepared.pending.awaitDurable();
    } catch (RuntimeException e) {
      turns.done(prepared.turn);
      return dropped(prepared.out, prepared.held.size(), e);
    }
    turns.await(prepared.turn);
    try {
      if (prepared.held.isEmpty() && prepared.out.stream().allMatch(o -> o.changes().isEmpty())) {
        return released(prepared.out);
      }
      if (replication == LeaseReplication.NONE && events.target() == LeaseEvents.NONE) {
        // No listener and no HA (DDNS off): the events would go nowhere, so the commit thread
        // does not wait for the lease lock, which a packet thread holds for its whole batch.
        return released(prepared.out);
      }
      // Under the lease lock, as before: listeners and the replication stay confined to whoever
      // holds it, and see the batches in the order they ran.
      synchronized (leaseLock) {
        DeferredLeaseEvents.fire(prepared.held, events.target());
        return released(prepared.out);
      }
    } finally {
      turns.done(prepared.turn);
    }
  }

  /**
   * A batch whose chain ran and whose lease changes are written ({@link #prepare}), waiting for
   * {@link #finish}: its held lease events, turn and pending sync (or the failure that already took
   * it back), and its outcomes once the packet thread completed their replies after releasing the
   * lease lock ({@link #awaitBuilt}).
   */
  static final class Prepared<T> {
    private final int queries;

    /** Each query's progress for the trailing handlers; dropped once they ran ({@link #built}). */
    private List<Unfinished<T>> locked;

    private final List<Consumer<LeaseEvents>> held;
    private final long turn;
    private final LeaseStore.Pending pending;
    private final RuntimeException failure;
    private final CountDownLatch built = new CountDownLatch(1);

    /** Written before {@link #built} counts down, read after it: the latch publishes it. */
    private List<Outcome<T>> out = List.of();

    /** Guarded by this: what runs once the outcomes are built ({@link #whenBuilt}). */
    private Runnable then;

    private Prepared(
        int queries,
        List<Unfinished<T>> locked,
        List<Consumer<LeaseEvents>> held,
        long turn,
        LeaseStore.Pending pending,
        RuntimeException failure) {
      this.queries = queries;
      this.locked = locked;
      this.held = held;
      this.turn = turn;
      this.pending = pending;
      this.failure = failure;
    }

    /** How many queries the batch took (answered or not): its weight in a commit backlog. */
    int queries() {
      return queries;
    }

    /**
     * Runs {@code action} once the replies are built: at once when they are, else on the packet
     * thread that builds them, right after, without the lease lock. For a caller on that thread
     * before it built them (it holds the lease lock, in {@link #prepare}'s {@code queued}), which
     * would wait for itself in {@link #finish}.
     */
    void whenBuilt(Runnable action) {
      synchronized (this) {
        if (built.getCount() > 0) {
          then = action;
          return;
        }
      }
      action.run();
    }

    private void built(List<Outcome<T>> outcomes) {
      Runnable action;
      synchronized (this) {
        out = outcomes;
        locked = List.of(); // the backlog holds batches for a sync: not their contexts too
        built.countDown();
        action = then;
        then = null;
      }
      if (action != null) {
        action.run();
      }
    }

    private void awaitBuilt() {
      boolean interrupted = false;
      while (true) {
        try {
          built.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A batch whose changes could not be made durable: no reply, no event (counted, logged). */
  private List<Answer<T>> dropped(List<Outcome<T>> out, int events, RuntimeException e) {
    out.stream().filter(o -> o.reply() != null).forEach(o -> stats.increment("pkt4-receive-drop"));
    Dhcp4Log.DHCP4_LEASE_SYNC_FAILED.log(out.size(), events, e.toString());
    return List.of();
  }

  /**
   * The durable batch's replies, each released when the replication of its query's changes says so;
   * a change without a reply (a RELEASE) is replicated all the same.
   */
  private List<Answer<T>> released(List<Outcome<T>> outcomes) {
    List<Answer<T>> out = new ArrayList<>(outcomes.size());
    for (Outcome<T> o : outcomes) {
      CompletableFuture<Boolean> release = replicate(o.query(), o.changes());
      if (o.reply() != null) {
        out.add(new Answer<>(o.query(), o.reply(), o.origin(), release));
      }
    }
    return out;
  }

  /** A replication that throws costs its query's reply, never the batch. */
  private CompletableFuture<Boolean> replicate(DhcpPacket query, List<LeaseChange> changes) {
    if (replication == LeaseReplication.NONE) {
      return CompletableFuture.completedFuture(true); // what NONE answers, without its Client
    }
    try {
      Octets hardware =
          query.hlen() <= query.chaddr().length() ? query.hardwareAddress() : query.chaddr();
      return replication.replicate(
          new LeaseReplication.Client(
              hardware, query.options().clientIdentifier().orElse(Octets.EMPTY)),
          changes);
    } catch (RuntimeException e) {
      Dhcp4Log.DHCP4_LEASE_EVENT_FAILED.log(e.toString(), e);
      return CompletableFuture.completedFuture(false);
    }
  }

  /** Starts a batch: the store's syncs wait for {@link #commit}. */
  void begin() {
    answers.clear();
    leaseLock.deferSyncs();
  }

  /**
   * Decodes one datagram and runs the chain on it; its reply, if any, joins the batch. Nothing a
   * datagram holds and no handler bug gets past this method: each costs its own query only.
   *
   * @param from for log lines
   */
  void add(byte[] datagram, T origin, Object from, PacketContext context) {
    DhcpPacket query = decodeOrNull(datagram, from);
    if (query != null) {
      run(query, origin, from, context);
    }
  }

  /** The service switch {@link #admit} asks under the lease lock (the packet loop's). */
  void serving(BooleanSupplier serving) {
    this.serving = serving;
  }

  /**
   * Runs the chain on a decoded query, its three parts in a row; its reply, if any, joins the
   * batch.
   */
  private void run(DhcpPacket query, T origin, Object from, PacketContext context) {
    if (!admit(query, from, context)) {
      return;
    }
    HandlerChain.Progress p = chain.start(query, context);
    if (!runBefore(p, from)) {
      return;
    }
    Unfinished<T> u = runLocked(p, origin, from);
    Outcome<T> o = u == null ? null : complete(u);
    if (o != null) {
      answers.add(o);
    }
  }

  /**
   * Whether the service answers (asked again under the lease lock) and the rate limiter admits the
   * query; a query dropped here is counted and logged.
   */
  private boolean admit(DhcpPacket query, Object from, PacketContext context) {
    if (!serving.getAsBoolean()) {
      stats.increment("pkt4-receive-drop");
      Dhcp4Log.DHCP4_PACKET_DROP_0008.log(from);
      return false;
    }
    return !limiter.on() || admitted(query, from, context);
  }

  /**
   * The chain's locked part, under the lease lock, and the lease changes it made; null when a
   * handler threw (counted and logged: the query is lost, as a reply built on half a chain could be
   * wrong).
   */
  private Unfinished<T> runLocked(HandlerChain.Progress p, T origin, Object from) {
    try {
      chain.runLocked(p);
      return new Unfinished<>(p, origin, from, events.takeChanges());
    } catch (RuntimeException e) {
      events.takeChanges();
      stats.increment("pkt4-receive-drop");
      Dhcp4Log.DHCP4_PACKET_PROCESS_EXCEPTION.log(from, e.toString(), e);
      return null;
    }
  }

  /**
   * The chain's trailing lock-free part, without the lease lock, and the query's outcome: its reply
   * and its lease changes; null when there is neither. A handler that throws here costs the reply
   * only (counted and logged): the lease change is written and will be durable, so its changes
   * stay, for HA's lease updates, as a RELEASE's do; the client asks again and is answered from the
   * lease it has.
   */
  private Outcome<T> complete(Unfinished<T> u) {
    DhcpPacket query = u.progress().query();
    HandlerChain.Result result;
    try {
      result = chain.runAfter(u.progress());
    } catch (RuntimeException e) {
      stats.increment("pkt4-receive-drop");
      Dhcp4Log.DHCP4_PACKET_PROCESS_EXCEPTION.log(u.from(), e.toString(), e);
      return u.changes().isEmpty() ? null : new Outcome<>(query, null, u.origin(), u.changes());
    }
    if (result instanceof HandlerChain.Silent s) {
      Dhcp4Log.DHCP4_PACKET_NO_REPLY.log(
          Integer.toHexString(query.xid()), u.from(), s.reason(), s.handler());
      // A RELEASE has no reply, but the partner must still learn of it.
      return u.changes().isEmpty() ? null : new Outcome<>(query, null, u.origin(), u.changes());
    }
    return new Outcome<>(query, ((HandlerChain.Send) result).reply(), u.origin(), u.changes());
  }

  /**
   * {@code query-rate-limit}: a query over its client's or its relay's budget is dropped before the
   * chain runs, counted as Kea's limits hook counts its drops ({@code pkt4-limit-exceeded} and
   * {@code pkt4-receive-drop}) and logged at most once a second with the number dropped since.
   */
  private boolean admitted(DhcpPacket query, Object from, PacketContext context) {
    QueryLimiter.Verdict verdict = limiter.admit(query, context.ingress(), context.now());
    if (verdict == QueryLimiter.Verdict.ADMITTED) {
      return true;
    }
    stats.increment("pkt4-limit-exceeded");
    stats.increment("pkt4-receive-drop");
    limitDropsSince++;
    long now = context.now().getEpochSecond() * 1_000_000_000L + context.now().getNano();
    if (limitLoggedAt == 0 || now - limitLoggedAt >= 1_000_000_000L) {
      limitLoggedAt = now;
      boolean client = verdict == QueryLimiter.Verdict.CLIENT_OVER;
      Dhcp4Log.DHCP4_QUERY_RATE_LIMITED.log(
          limitDropsSince,
          from,
          client ? QueryLimiter.client(query) : QueryLimiter.relay(query, context.ingress()),
          client ? "per-client" : "per-relay",
          client
              ? limiter.limits().perClient().orElseThrow()
              : limiter.limits().perRelay().orElseThrow());
      limitDropsSince = 0;
    }
    return false;
  }

  /** The query, or null when it is dropped (counted and logged); never throws. */
  private DhcpPacket decodeOrNull(byte[] datagram, Object from) {
    try {
      return decode(datagram, from);
    } catch (RuntimeException e) {
      stats.increment("pkt4-receive-drop");
      Dhcp4Log.DHCP4_PACKET_PROCESS_EXCEPTION.log(from, e.toString(), e);
      return null;
    }
  }

  private DhcpPacket decode(byte[] datagram, Object from) {
    stats.increment("pkt4-received");
    DhcpPacket query;
    try {
      query = DhcpCodec.decode(datagram);
    } catch (DhcpFormatException e) {
      stats.increment("pkt4-parse-failed");
      stats.increment("pkt4-receive-drop");
      Dhcp4Log.DHCP4_PACKET_DROP_0001.log(from, e.getMessage());
      return null;
    }
    if (query.op() != DhcpPacket.BOOTREQUEST) {
      stats.increment("pkt4-receive-drop");
      Dhcp4Log.DHCP4_PACKET_DROP_BOOTREPLY.log(from);
      return null;
    }
    return query;
  }

  /**
   * Makes the batch's lease changes durable with one sync, then fires the lease events it held and
   * returns the replies to send; when the sync fails, drops both (counted and logged) and returns
   * none: the store has then taken the batch's lease changes back.
   */
  List<Answer<T>> commit() {
    try {
      leaseLock.commitDeferred();
    } catch (RuntimeException e) {
      answers.stream()
          .filter(a -> a.reply() != null)
          .forEach(a -> stats.increment("pkt4-receive-drop"));
      int dropped = events.discard();
      Dhcp4Log.DHCP4_LEASE_SYNC_FAILED.log(answers.size(), dropped, e.toString());
      answers.clear();
      return List.of();
    }
    events.fire();
    List<Answer<T>> out = released(answers);
    answers.clear();
    return out;
  }

  /**
   * Batches' turns, numbered in the order they ran under the lease lock: {@link #await} blocks
   * until every earlier turn is {@link #done}. Failed batches are done too, so nothing waits for
   * them.
   */
  static final class Turns {
    private long issued;
    private long next = 1;
    private final java.util.TreeSet<Long> finishedEarly = new java.util.TreeSet<>();

    synchronized long next() {
      return ++issued;
    }

    synchronized void await(long turn) {
      boolean interrupted = false;
      while (next < turn) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized void done(long turn) {
      finishedEarly.add(turn);
      while (!finishedEarly.isEmpty() && finishedEarly.first() == next) {
        finishedEarly.pollFirst();
        next++;
      }
      notifyAll();
    }
  }
}
