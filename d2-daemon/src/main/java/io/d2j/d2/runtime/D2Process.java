package io.d2j.d2.runtime;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.control.Backlog;
import io.d2j.d2.control.BacklogSource;
import io.d2j.d2.control.ShutdownType;
import io.d2j.d2.dns.DnsUpdateClient;
import io.d2j.d2.domain.DomainMatcher;
import io.d2j.d2.journal.Journal;
import io.d2j.d2.listener.NcrListener;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.stats.Statistics;
import io.d2j.d2.transaction.Action;
import io.d2j.d2.transaction.Transaction;
import io.d2j.d2.transaction.TransactionResult;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.d2.update.Plan;
import io.d2j.d2.update.TransactionPlanner;
import io.d2j.d2.update.UpdateManager;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O shell around the pure core: NCRs from the listener go into the {@link UpdateManager};
 * eligible ones become {@link Transaction}s whose {@link Action.Send}s are performed by the {@link
 * DnsUpdateClient}. All of the core's state is confined to one Vert.x context (the D2 event loop);
 * the listener thread only hands decoded NCRs over to it.
 */
public final class D2Process implements AutoCloseable, BacklogSource {

  private static final Logger QUEUE = LoggerFactory.getLogger("kea-dhcp-ddns.dhcp-to-d2");
  private static final Logger DNS = LoggerFactory.getLogger("kea-dhcp-ddns.d2-to-dns");
  private static final Logger LIFE = LoggerFactory.getLogger("kea-dhcp-ddns.dhcpddns");

  private final Vertx vertx;
  private final Context context;
  private final Statistics stats;
  private final DnsUpdateClient dns;

  /** Confined to {@link #context}. */
  private final UpdateManager manager;

  /** Confined to {@link #context}: NCRs waiting out an unreachable domain. */
  private final OutageRetries outages;

  /** Confined to {@link #context}; replaced whole on reconfiguration. */
  private D2Config config;

  /** Confined to {@link #context}: set once shutdown starts; no NCR is taken from then on. */
  private boolean draining;

  private ShutdownType shutdownType = ShutdownType.NORMAL;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  /** Confined to {@link #context}: the transactions started and not yet finished. */
  private final Set<Transaction> running = new HashSet<>();

  private TransactionPlanner planner;
  private NcrListener listener;

  /** The journal's way in; null when the journal is off (NCRs then live in memory only). */
  private final JournalIntake intake;

  /** Without a journal: NCRs live in memory only, as in Kea (embedded use, tests). */
  public D2Process(Vertx vertx, D2Config config, Statistics stats, Clock clock) {
    this(vertx, config, stats, clock, Optional.empty());
  }

  /**
   * @param journal the opened journal of accepted NCRs; the process owns it from here on
   */
  public D2Process(
      Vertx vertx, D2Config config, Statistics stats, Clock clock, Optional<Journal> journal) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.stats = stats;
    this.dns = new DnsUpdateClient(vertx, stats, clock);
    this.manager = new UpdateManager(config.d2j().queueCapacity(), config.d2j().maxTransactions());
    this.outages =
        new OutageRetries(
            vertx,
            clock,
            new java.security.SecureRandom(),
            stats,
            manager,
            config.d2j().retry(),
            this::pump);
    this.intake =
        journal
            .map(
                j ->
                    new JournalIntake(
                        j,
                        manager,
                        context,
                        stats,
                        this::pump,
                        this::accept,
                        clock,
                        outages::accepted))
            .orElse(null);
    for (String name : D2Stats.GLOBALS) {
      stats.declare(name);
    }
    apply(config);
  }

  private void apply(D2Config newConfig) {
    D2Config old = this.config;
    this.config = newConfig;
    dns.maxUpdatesPerServer(newConfig.d2j().maxUpdatesPerServer());
    if (old != null) {
      manager.resize(newConfig.d2j().queueCapacity(), newConfig.d2j().maxTransactions());
      outages.reconfigure(newConfig.d2j().retry());
    }
    this.planner =
        new TransactionPlanner(
            new DomainMatcher(newConfig.forwardDomains()),
            new DomainMatcher(newConfig.reverseDomains()),
            newConfig.policy());
    // Per-key counters live as long as their key (Kea, d2-behaviour.md §10), but unlike Kea a key
    // that survives a reconfiguration keeps its counts (L20).
    Set<String> keep = keyNames(newConfig);
    if (old != null) {
      for (String gone : keyNames(old)) {
        if (!keep.contains(gone)) {
          D2Stats.PER_KEY.forEach(s -> stats.remove(D2Stats.perKey(gone, s)));
        }
      }
    }
    for (String key : keep) {
      D2Stats.PER_KEY.forEach(s -> stats.declare(D2Stats.perKey(key, s)));
    }
  }

  private static Set<String> keyNames(D2Config config) {
    Set<String> out = new HashSet<>();
    config.tsigKeys().forEach(k -> out.add(k.name()));
    return out;
  }

  /**
   * Swaps in a new configuration (config-set, config-reload, SIGHUP; d2-behaviour.md §5.6). Queued
   * NCRs stay queued and in-flight transactions finish with the domains and servers they started
   * with; new ones are planned with the new domains. When the NCR address or port changed, the new
   * socket is bound before the old one closes, so a failure leaves everything as it was. Must run
   * on the event loop.
   *
   * @throws IOException when the new NCR address cannot be bound; nothing changed
   */
  public void reconfigure(D2Config newConfig) throws IOException {
    InetSocketAddress oldAddress = new InetSocketAddress(config.ipAddress(), config.port());
    InetSocketAddress newAddress = new InetSocketAddress(newConfig.ipAddress(), newConfig.port());
    if (listener != null && !draining && !oldAddress.equals(newAddress)) {
      NcrListener moved = listen(newAddress);
      LIFE.info(
          "DHCP_DDNS_QUEUE_MGR_RECONFIGURING NCR listener moves from {} to {}; {} NCRs stay queued",
          listener.localAddress(),
          moved.localAddress(),
          manager.queued());
      listener.close();
      listener = moved;
    }
    if (!newConfig.d2j().journal().equals(config.d2j().journal())) {
      LIFE.warn(
          "DHCP_DDNS_JOURNAL_SETTINGS_KEPT user-context.d2j.journal changed; the journal keeps"
              + " its settings until the next start");
    }
    apply(newConfig);
    if (listener != null) {
      listener.acks(newConfig.d2j().acks());
      listener.allowedSenders(senders(newConfig));
    }
    pump();
  }

  /** Binds the NCR socket and starts serving. */
  public void start() throws IOException {
    if (intake != null) {
      // What the previous run left is queued before any new NCR: the journal is read in order.
      context.runOnContext(v -> pump());
    }
    listener = listen(new InetSocketAddress(config.ipAddress(), config.port()));
    LIFE.info(
        "DHCP_DDNS_STARTED listening for NCRs on {}; forward domains {}, reverse domains {}",
        listener.localAddress(),
        config.forwardDomains().size(),
        config.reverseDomains().size());
  }

  private NcrListener listen(InetSocketAddress address) throws IOException {
    return NcrListener.start(
        address,
        config.d2j().receiveBufferBytes(),
        NcrJsonCodec.compatible(Clock.systemUTC()),
        stats,
        intake != null
            ? intake::submit
            : (ncr, accepted) ->
                context.runOnContext(
                    v -> {
                      if (accept(ncr)) {
                        accepted.run();
                      }
                    }),
        config.d2j().acks(),
        senders(config));
  }

  /** issue 16 item 2: who may send NCRs, as configured, or loopback and the listening address. */
  private static io.d2j.d2.listener.SenderFilter senders(D2Config c) {
    return c.d2j().allowedSenders().isEmpty()
        ? io.d2j.d2.listener.SenderFilter.defaultFor(c.ipAddress())
        : io.d2j.d2.listener.SenderFilter.parse(c.d2j().allowedSenders());
  }

  public InetSocketAddress ncrAddress() {
    return listener.localAddress();
  }

  /** Queues a received NCR; false when it was dropped (shutting down, or the queue is full). */
  private boolean accept(NameChangeRequest ncr) {
    if (draining) {
      // Received before the listener closed, handed over after: shutting down, not taken.
      stats.increment(D2Stats.NCR_DROPPED_SHUTDOWN);
      QUEUE.warn(
          "DHCP_DDNS_QUEUE_MGR_STOPPING request={} fqdn={} not queued: shutting down",
          ncr.requestId(),
          ncr.fqdn());
      return false;
    }
    if (!manager.enqueue(ncr)) {
      stats.increment(D2Stats.QUEUE_FULL);
      QUEUE.error(
          "DHCP_DDNS_QUEUE_MGR_QUEUE_FULL request={} fqdn={} queue at its limit of {}; NCR dropped",
          ncr.requestId(),
          ncr.fqdn(),
          config.d2j().queueCapacity());
      return false;
    }
    outages.accepted(ncr);
    QUEUE.debug(
        "DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE request={} fqdn={} queued", ncr.requestId(), ncr.fqdn());
    pump();
    return true;
  }

  /**
   * Starts every queued NCR that may start now. A dropped NCR frees its slot at once, so the scan
   * repeats until nothing more can start (one pass would leave the queue idle with free slots, Kea
   * #3295).
   */
  private void pump() {
    refill();
    for (List<NameChangeRequest> batch = manager.takeEligible();
        !batch.isEmpty();
        batch = manager.takeEligible()) {
      batch.forEach(this::begin);
      refill();
    }
  }

  /** Loads waiting NCRs from the journal; none once {@code shutdown now} began. */
  private void refill() {
    if (intake != null && !(draining && shutdownType == ShutdownType.NOW)) {
      intake.refill();
    }
  }

  /** The NCR left the queue for good: free its DHCID and name, and its journal record. */
  private void release(NameChangeRequest ncr) {
    manager.finished(ncr);
    if (intake != null) {
      intake.finished(ncr);
    }
  }

  private void begin(NameChangeRequest ncr) {
    // For the retry limit and d2j-queue-get's oldest-age. NCRs loaded from the journal were given
    // their recorded acceptance time when loaded (kept: first time wins); a record without one
    // (an older journal) counts from here.
    outages.accepted(ncr);
    Plan plan = planner.plan(ncr);
    if (plan instanceof Plan.Drop drop) {
      stats.increment(drop.statistic());
      QUEUE.error(
          "{} request={} fqdn={} ip={} {}",
          drop.logId(),
          ncr.requestId(),
          ncr.fqdn(),
          IpAddresses.format(ncr.address()),
          drop.reason());
      release(ncr);
      outages.done(ncr);
      return;
    }
    Transaction t = ((Plan.Run) plan).transaction();
    DNS.debug(
        "DHCP_DDNS_STARTING_TRANSACTION request={} fqdn={} kind={}",
        ncr.requestId(),
        ncr.fqdn(),
        t.kind());
    running.add(t);
    step(t, t::start);
  }

  /**
   * Advances a transaction and performs what it asks. Whatever goes wrong in doing so (a bug, an
   * unexpected library exception) ends this transaction as failed rather than leaving its DHCID and
   * FQDN marked running for ever.
   */
  private void step(Transaction t, java.util.function.Supplier<Action> next) {
    Action action;
    try {
      action = next.get();
      drive(t, action);
    } catch (RuntimeException | StackOverflowError e) {
      if (!running.contains(t)) {
        // Already finished: the error came after (e.g. while starting the next NCRs).
        DNS.error(
            "DHCP_DDNS_TRANSACTION_ERROR request={} fqdn={} internal error after the end: {}",
            t.ncr().requestId(),
            t.ncr().fqdn(),
            e.toString());
      } else {
        DNS.error(
            "DHCP_DDNS_TRANSACTION_ERROR request={} fqdn={} internal error, transaction failed: {}",
            t.ncr().requestId(),
            t.ncr().fqdn(),
            e.toString());
        finish(
            t,
            new TransactionResult(
                TransactionResult.Status.FAILED,
                "INTERNAL_ERROR",
                TransactionResult.DirectionStatus.NOT_ATTEMPTED,
                TransactionResult.DirectionStatus.NOT_ATTEMPTED,
                e.toString()));
      }
    }
  }

  private void drive(Transaction t, Action action) {
    if (action instanceof Action.Finished f) {
      finish(t, f.result());
      return;
    }
    Action.Send send = (Action.Send) action;
    NameChangeRequest ncr = t.ncr();
    if (DNS.isDebugEnabled()) {
      DNS.debug(
          "DHCP_DDNS_UPDATE_REQUEST_SENT request={} fqdn={} step=\"{}\" server={} attempt={}",
          ncr.requestId(),
          ncr.fqdn(),
          send.step().label(),
          send.server().label(),
          send.attempt());
    }
    dns.perform(t.kind(), send, ncr, config.dnsServerTimeout(), config.d2j().forceTcp())
        .onComplete(
            ar -> {
              UpdateOutcome outcome =
                  ar.succeeded()
                      ? ar.result()
                      : new UpdateOutcome.IoFailed(String.valueOf(ar.cause()));
              // Continue from the event loop, not from inside this callback: an outcome known at
              // once (a message that could not be built) must not grow the stack NCR by NCR.
              context.runOnContext(
                  v -> {
                    logOutcome(t, send, outcome);
                    step(t, () -> t.onOutcome(outcome));
                  });
            });
  }

  private static void logOutcome(Transaction t, Action.Send send, UpdateOutcome outcome) {
    NameChangeRequest ncr = t.ncr();
    if (DNS.isDebugEnabled()) {
      // Guarded: the labels are built strings, and this runs twice per NCR on the event loop
      // (JFR: 3.7 % of its samples at full rate, with debug off).
      DNS.debug(
          "DHCP_DDNS_UPDATE_RESPONSE_RECEIVED request={} fqdn={} step=\"{}\" server={} outcome={}",
          ncr.requestId(),
          ncr.fqdn(),
          send.step().label(),
          send.server().label(),
          outcome);
    }
    String suffix;
    if (outcome instanceof UpdateOutcome.TimedOut) {
      suffix = "TIMEOUT";
    } else if (outcome instanceof UpdateOutcome.IoFailed) {
      suffix = "IO_ERROR";
    } else if (outcome instanceof UpdateOutcome.BadResponse) {
      suffix = "RESP_CORRUPT";
    } else if (outcome instanceof UpdateOutcome.NotBuilt) {
      suffix = "BUILD_FAILURE";
    } else {
      return;
    }
    DNS.error(
        "DHCP_DDNS_{}_{} request={} fqdn={} server={} attempt={} {}",
        send.step().logId(),
        suffix,
        ncr.requestId(),
        ncr.fqdn(),
        send.server().label(),
        send.attempt(),
        outcome);
  }

  private void finish(Transaction t, TransactionResult result) {
    NameChangeRequest ncr = t.ncr();
    if (!result.succeeded() && outages.parkIfUnreachable(t, draining)) {
      running.remove(t);
      pump();
      checkDrained();
      return;
    }
    if (!result.succeeded() && draining && intake != null && outages.retryable(t)) {
      // Shutting down while its domain is unreachable: the NCR stays not-done in the journal and
      // is tried again at the next start, instead of being failed for good on the way out.
      DNS.warn(
          "DHCP_DDNS_NCR_KEPT_FOR_RESTART request={} fqdn={} unreachable at shutdown; kept in the"
              + " journal for the next start",
          ncr.requestId(),
          ncr.fqdn());
      running.remove(t);
      manager.finished(ncr);
      outages.done(ncr);
      pump();
      checkDrained();
      return;
    }
    String kind = ncr.type() == io.d2j.ncr.ChangeType.ADD ? "ADD" : "REMOVE";
    if (result.succeeded()) {
      stats.increment(D2Stats.NCR_COMPLETED);
      DNS.info(
          "DHCP_DDNS_{}_SUCCEEDED request={} fqdn={} ip={} forward={} reverse={}",
          kind,
          ncr.requestId(),
          ncr.fqdn(),
          IpAddresses.format(ncr.address()),
          result.forward(),
          result.reverse());
    } else {
      stats.increment(D2Stats.NCR_FAILED);
      DNS.error(
          "DHCP_DDNS_{}_FAILED request={} fqdn={} ip={} event={} forward={} reverse={} {}",
          kind,
          ncr.requestId(),
          ncr.fqdn(),
          IpAddresses.format(ncr.address()),
          result.event(),
          result.forward(),
          result.reverse(),
          result.detail());
    }
    running.remove(t);
    release(ncr);
    outages.done(ncr);
    pump();
    checkDrained();
  }

  /**
   * Starts a shutdown (d2-behaviour.md §8.3): stops listening and completes the returned future
   * once the type's criterion holds. {@code normal}: no transaction runs; since finishing one
   * starts the next queued NCR, a backlog is still worked off, as in Kea. {@code drain_first}:
   * additionally the queue is empty. {@code now}: at once. Must run on the event loop.
   */
  public CompletableFuture<Void> shutdown(ShutdownType type) {
    if (!draining) {
      draining = true;
      if (listener != null) {
        listener.close();
      }
      outages.releaseAll();
    }
    shutdownType = shutdownType == ShutdownType.NOW ? ShutdownType.NOW : type;
    checkDrained();
    return drained;
  }

  private void checkDrained() {
    if (!draining || drained.isDone()) {
      return;
    }
    boolean done =
        switch (shutdownType) {
          case NOW -> true;
          case NORMAL -> manager.running() == 0;
          case DRAIN_FIRST -> manager.running() == 0 && manager.queued() == 0;
        };
    if (done) {
      LIFE.info(
          "DHCP_DDNS_CLEARED_FOR_SHUTDOWN shutdown type: {}; {} NCRs queued, {} running",
          shutdownType.text(),
          manager.queued(),
          manager.running());
      drained.complete(null);
    }
  }

  /**
   * Stops listening; in-flight exchanges are abandoned (for a graceful end, see {@link #shutdown}).
   */
  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    if (intake != null) {
      intake.close();
    }
    context.runOnContext(v -> dns.close());
    LIFE.info("DCTL_SHUTDOWN d2j D2 shutting down");
  }

  /** For tests: waits until the queue is empty and nothing runs. */
  public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (System.nanoTime() < deadline) {
      CountDownLatch latch = new CountDownLatch(1);
      boolean[] idle = {false};
      context.runOnContext(
          v -> {
            idle[0] = manager.queued() == 0 && manager.running() == 0;
            latch.countDown();
          });
      latch.await(1, TimeUnit.SECONDS);
      if (idle[0]) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  Vertx vertx() {
    return vertx;
  }

  /** The D2 event loop every method marked "on the event loop" must run on. */
  public Context context() {
    return context;
  }

  /** The active configuration; on the event loop. */
  public D2Config config() {
    return config;
  }

  /** NCRs waiting; on the event loop. */
  public int queued() {
    return manager.queued();
  }

  /** The backlog for d2j-queue-get; on the event loop. */
  @Override
  public Backlog backlog() {
    return new Backlog(
        manager.queued(),
        manager.running(),
        manager.waitingForRetry(),
        journaled(),
        outages.oldestAge().toSeconds(),
        outages.waitingByDomain());
  }

  /** d2j-retry-now: every NCR waiting for a retry gets its next try now; on the event loop. */
  @Override
  public int retryNow() {
    return outages.releaseAll();
  }

  /** For tests and diagnostics off the event loop: {@link #backlog()} read on it. */
  public Backlog backlogOnEventLoop() {
    CompletableFuture<Backlog> out = new CompletableFuture<>();
    context.runOnContext(v -> out.complete(backlog()));
    return out.join();
  }

  /** NCRs in the journal not yet done (on disk; those in memory are counted there too). */
  private long journaled() {
    return intake == null ? 0 : intake.pending();
  }

  /** NCRs waiting for a retry after their domain did not answer; on the event loop. */
  public int waitingForRetry() {
    return manager.waitingForRetry();
  }

  /** Transactions running; on the event loop. */
  public int running() {
    return manager.running();
  }
}
