package io.d2j.d2.update;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.domain.DomainMatcher;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.transaction.Action;
import io.d2j.d2.transaction.Transaction;
import io.d2j.d2.transaction.TransactionEvent;
import io.d2j.d2.transaction.TransactionResult;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.NameChangeRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Owns what runs. NCRs come in through the {@link Intake} and wait in the {@link UpdateManager};
 * each one that may start is planned ({@link TransactionPlanner}) and its {@link Transaction}
 * driven step by step: every {@link Action.Send} goes out through the {@link UpdateSender} in
 * {@link #dispatch}, its outcome comes back on the loop and is fed to the transaction, until it
 * finishes. A failed transaction is judged by the {@link OutagePolicy}: parked for a retry on a
 * {@link Scheduler} timer, kept for the next start, or failed. A drain ({@link #drain}) ends once
 * its {@link ShutdownType}'s criterion holds.
 *
 * <p>The path of one NCR: {@code submit} (listener thread) → {@code Intake} → {@code offer} or
 * {@code refill} → queue → {@code pump} → {@code begin} → {@code step} ⇄ {@code dispatch} → {@code
 * finish} → {@code release}.
 *
 * <p>Confined to the D2 event loop (the {@link Scheduler}'s thread), except {@link #submit}. Time
 * comes from the injected {@link Clock} and timers from the {@link Scheduler}, so everything here
 * runs on virtual time in unit tests.
 */
public final class Dispatcher {

  private final UpdateManager queue;
  private final Intake intake;
  private final NcrAges ages;
  private final UpdateSender sender;
  private final Scheduler loop;
  private final Clock clock;
  private final RandomGenerator random;
  private final Statistics stats;
  private final Intake.Sink admission = new Admission();

  /** Confined to the loop: the transactions started and not yet finished. */
  private final Set<Transaction> running = new HashSet<>();

  /** Confined to the loop: NCRs waiting out an unreachable domain. */
  private final Parking parking = new Parking();

  /** Replaced whole on reconfiguration; in-flight transactions keep what they started with. */
  private TransactionPlanner planner;

  private OutagePolicy outages;
  private Duration timeout;
  private boolean forceTcp;
  private int queueCapacity;

  /** Set once a drain starts: no NCR is taken from then on. */
  private boolean draining;

  private ShutdownType shutdownType = ShutdownType.NORMAL;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  /**
   * @param queue the queue, shared with the intake (a journal loads into it)
   * @param ages acceptance times, shared with the intake (a journal knows them from disk)
   * @param random the jitter of retry waits
   */
  public Dispatcher(
      D2Config config,
      UpdateManager queue,
      Intake intake,
      NcrAges ages,
      UpdateSender sender,
      Scheduler loop,
      Clock clock,
      RandomGenerator random,
      Statistics stats) {
    this.queue = queue;
    this.intake = intake;
    this.ages = ages;
    this.sender = sender;
    this.loop = loop;
    this.clock = clock;
    this.random = random;
    this.stats = stats;
    configure(config);
  }

  /**
   * Applies a configuration: limits, retry settings and time-outs apply from now on, new NCRs are
   * planned with the new domains; queued NCRs stay queued, in-flight transactions finish with the
   * domains and servers they started with, and waits already scheduled keep their timers.
   */
  public void configure(D2Config config) {
    queue.resize(config.d2j().queueCapacity(), config.d2j().maxTransactions());
    sender.maxUpdatesPerServer(config.d2j().maxUpdatesPerServer());
    sender.maxNamesPerUpdate(config.d2j().maxNamesPerUpdate());
    this.outages = new OutagePolicy(config.d2j().retry(), random);
    this.planner =
        new TransactionPlanner(
            new DomainMatcher(config.forwardDomains()),
            new DomainMatcher(config.reverseDomains()),
            config.policy());
    this.timeout = config.dnsServerTimeout();
    this.forceTcp = config.d2j().forceTcp();
    this.queueCapacity = config.d2j().queueCapacity();
  }

  /** From the listener's thread: takes one received NCR (see {@link Intake#submit}). */
  public void submit(NameChangeRequest ncr, Runnable accepted) {
    intake.submit(ncr, accepted, admission);
  }

  /** Starts whatever may start now; at start-up, what a previous run left in the journal. */
  public void pump() {
    refill();
    for (List<NameChangeRequest> batch = queue.takeEligible();
        !batch.isEmpty();
        batch = queue.takeEligible()) {
      batch.forEach(this::begin);
      refill();
    }
  }

  /** The intake's way in: admission of NCRs held in memory, and the signal to pump. */
  private final class Admission implements Intake.Sink {
    @Override
    public boolean offer(NameChangeRequest ncr) {
      if (draining) {
        // Received before the listener closed, handed over after: shutting down, not taken.
        stats.increment(D2Stats.NCR_DROPPED_SHUTDOWN);
        DispatchLog.droppedShuttingDown(ncr);
        return false;
      }
      if (!queue.enqueue(ncr)) {
        stats.increment(D2Stats.QUEUE_FULL);
        DispatchLog.droppedQueueFull(ncr, queueCapacity);
        return false;
      }
      ages.accepted(ncr, clock.instant());
      DispatchLog.queued(ncr);
      pump();
      return true;
    }

    @Override
    public void ready() {
      pump();
    }
  }

  /** Loads waiting NCRs from the intake; none once {@code shutdown now} began. */
  private void refill() {
    if (!(draining && shutdownType == ShutdownType.NOW)) {
      intake.refill();
    }
  }

  private void begin(NameChangeRequest ncr) {
    // For the retry limit and d2j-queue-get's oldest age. NCRs loaded from the journal were given
    // their recorded acceptance time when loaded (the first time wins); a record without one (an
    // older journal) counts from here.
    ages.accepted(ncr, clock.instant());
    Plan plan = planner.plan(ncr);
    if (plan instanceof Plan.Drop drop) {
      stats.increment(drop.statistic());
      DispatchLog.dropped(ncr, drop);
      release(ncr);
      return;
    }
    Transaction t = ((Plan.Run) plan).transaction();
    DispatchLog.starting(t);
    running.add(t);
    step(t, t::start);
  }

  /**
   * Advances a transaction and performs what it asks. Whatever goes wrong in doing so (a bug, an
   * unexpected library exception) ends this transaction as failed rather than leaving its DHCID and
   * FQDN marked running for ever.
   */
  private void step(Transaction t, Supplier<Action> next) {
    try {
      Action action = next.get();
      if (action instanceof Action.Finished f) {
        finish(t, f.result());
      } else {
        dispatch(t, (Action.Send) action);
      }
    } catch (RuntimeException | StackOverflowError e) {
      boolean afterEnd = !running.contains(t);
      // After the end, the error came later (e.g. while starting the next NCRs).
      DispatchLog.internalError(t, e, afterEnd);
      if (!afterEnd) {
        finish(
            t,
            new TransactionResult(
                TransactionResult.Status.FAILED,
                TransactionEvent.INTERNAL_ERROR,
                TransactionResult.DirectionStatus.NOT_ATTEMPTED,
                TransactionResult.DirectionStatus.NOT_ATTEMPTED,
                e.toString()));
      }
    }
  }

  /**
   * The dispatch step: the one place an UPDATE leaves the core. The request carries everything the
   * sender needs; the outcome comes back on any thread and the transaction continues on the loop,
   * never inside this call (an outcome known at once, e.g. a message that could not be built, must
   * not grow the stack NCR by NCR).
   */
  private void dispatch(Transaction t, Action.Send send) {
    NameChangeRequest ncr = t.ncr();
    DispatchLog.sent(ncr, send);
    sender.send(
        new UpdateSender.Request(t.kind(), send, ncr, timeout, forceTcp),
        outcome ->
            loop.execute(
                () -> {
                  DispatchLog.outcome(ncr, send, outcome);
                  step(t, () -> t.onOutcome(outcome));
                }));
  }

  private void finish(Transaction t, TransactionResult result) {
    NameChangeRequest ncr = t.ncr();
    if (!result.succeeded()) {
      String domain = t.currentDomain().map(DdnsDomain::name).orElse("");
      OutagePolicy.Verdict verdict =
          outages.afterFailure(
              t,
              ages.acceptedAt(ncr, clock.instant()),
              ages.failures(ncr),
              clock.instant(),
              draining,
              intake.keepsUnfinished());
      if (verdict instanceof OutagePolicy.Park park) {
        running.remove(t);
        park(ncr, domain, park);
        return;
      }
      if (verdict instanceof OutagePolicy.KeepForRestart) {
        // The NCR stays not-done in the journal and is tried again at the next start, instead of
        // being failed for good on the way out.
        DispatchLog.keptForRestart(ncr);
        running.remove(t);
        queue.finished(ncr);
        ages.forget(ncr);
        afterEnd();
        return;
      }
      if (verdict instanceof OutagePolicy.GiveUp g) {
        ages.failures(ncr, g.failures());
        stats.increment(D2Stats.NCR_GIVEN_UP);
        DispatchLog.givenUp(ncr, domain, g);
      }
    }
    stats.increment(result.succeeded() ? D2Stats.NCR_COMPLETED : D2Stats.NCR_FAILED);
    DispatchLog.finished(ncr, result);
    running.remove(t);
    release(ncr);
    afterEnd();
  }

  /** The NCR left the queue for good: free its DHCID and name, its journal record, its age. */
  private void release(NameChangeRequest ncr) {
    queue.finished(ncr);
    intake.finished(ncr);
    ages.forget(ncr);
  }

  private void park(NameChangeRequest ncr, String domain, OutagePolicy.Park park) {
    ages.failures(ncr, park.failures());
    queue.park(ncr);
    parking.add(ncr, domain, loop.schedule(park.delay(), () -> unpark(ncr)));
    stats.increment(D2Stats.NCR_RETRY_SCHEDULED);
    DispatchLog.retryScheduled(ncr, domain, park);
    afterEnd();
  }

  private void unpark(NameChangeRequest ncr) {
    if (!parking.remove(ncr)) {
      return;
    }
    DispatchLog.retrying(ncr);
    queue.unpark(ncr);
    pump();
  }

  /** A slot came free: start the next NCRs, and see whether a drain is complete. */
  private void afterEnd() {
    pump();
    checkDrained();
  }

  /**
   * Every parked NCR gets its next try now rather than after its timer: on {@code d2j-retry-now},
   * and when a drain starts, so that it ends in bounded time (a still-unreachable domain then fails
   * the NCR, as in Kea, or the journal keeps it).
   *
   * @return how many were released
   */
  public int retryNow() {
    List<NameChangeRequest> all = parking.cancelAll();
    all.forEach(this::unpark);
    return all.size();
  }

  /**
   * Starts or tightens a drain (d2-behaviour.md §8.3); the future completes once the type's
   * criterion holds. {@code normal}: no transaction runs (finishing one starts the next queued NCR,
   * so a backlog is still worked off, as in Kea); {@code drain_first}: the queue is empty too;
   * {@code now}: at once. The caller stops the listener first.
   */
  public CompletableFuture<Void> drain(ShutdownType type) {
    if (!draining) {
      draining = true;
      retryNow();
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
          case NORMAL -> queue.running() == 0;
          case DRAIN_FIRST -> queue.running() == 0 && queue.queued() == 0;
        };
    if (done) {
      DispatchLog.clearedForShutdown(shutdownType, queue.queued(), queue.running());
      drained.complete(null);
    }
  }

  /** Whether a drain has begun. */
  public boolean draining() {
    return draining;
  }

  /** NCRs queued, not started. */
  public int queued() {
    return queue.queued();
  }

  /** Transactions running. */
  public int running() {
    return queue.running();
  }

  /** NCRs waiting for a retry: parked, or released and not yet started again. */
  public int waitingForRetry() {
    return queue.waitingForRetry();
  }

  /** NCRs held on disk and not yet done. */
  public long journaled() {
    return intake.journaled();
  }

  /** Age of the oldest NCR accepted and not done. */
  public Duration oldestAge() {
    return ages.oldest(clock.instant());
  }

  /** Parked NCRs by the domain that did not answer. */
  public Map<String, Integer> waitingByDomain() {
    return parking.byDomain();
  }
}
