package io.d2j.d2.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.transaction.Rcode;
import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher on virtual time: a {@link ManualScheduler} for every timer and continuation, a
 * {@link FakeSender} answered by hand. Park, retry, back-off, maximum age, drain and shutdown, with
 * no sleep and no socket.
 */
class DispatcherTest {

  /** Jitter off: every wait is the full back-off ({@link RetryBackoff} takes [base/2, base]). */
  private static final RandomGenerator NO_JITTER =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return 0;
        }

        @Override
        public long nextLong(long bound) {
          return bound - 1;
        }
      };

  private static final UpdateOutcome OK = new UpdateOutcome.Answered(Rcode.NOERROR);
  private static final UpdateOutcome TIMEOUT = new UpdateOutcome.TimedOut();

  private final ManualScheduler loop = new ManualScheduler();
  private final Statistics stats = new Statistics(loop.clock());
  private final FakeSender sender = new FakeSender();
  private final List<String> acked = new ArrayList<>();
  private UpdateManager queue;
  private Intake intake;
  private Dispatcher dispatcher;

  private static D2Config config(String d2j) {
    String json =
        """
        { "DhcpDdns": { "dns-server-timeout": 500,
            "user-context": { "d2j": { %s } },
            "forward-ddns": { "ddns-domains": [
              { "name": "example.org.", "dns-servers": [ { "ip-address": "192.0.2.53" } ] },
              { "name": "example.net.", "dns-servers": [ { "ip-address": "192.0.2.54" } ] } ] } } }
        """
            .formatted(d2j);
    return D2ConfigParser.parse(KeaConfigReader.parse(json, "d2.json"), Path.of("."));
  }

  private void start(String d2j) {
    start(d2j, false);
  }

  private void start(String d2j, boolean keepsUnfinished) {
    D2Config config = config(d2j);
    queue = new UpdateManager(config.d2j().queueCapacity(), config.d2j().maxTransactions());
    MemoryIntake memory = new MemoryIntake(loop);
    intake = keepsUnfinished ? new KeepingIntake(memory) : memory;
    dispatcher =
        new Dispatcher(
            config, queue, intake, new NcrAges(), sender, loop, loop.clock(), NO_JITTER, stats);
  }

  private static NameChangeRequest add(String fqdn, String dhcid) {
    return NameChangeRequest.builder()
        .type(ChangeType.ADD)
        .fqdn(fqdn)
        .address("192.0.2.10")
        .dhcid(dhcid)
        .forward(true)
        .reverse(false)
        .leaseLength(600)
        .build();
  }

  private void submit(NameChangeRequest ncr) {
    dispatcher.submit(ncr, () -> acked.add(ncr.fqdn().text()));
    loop.runDue();
  }

  /** No server answers: the step's three tries on the one server time out. */
  private void unreachable() {
    for (int i = 0; i < 3; i++) {
      sender.next().answer(TIMEOUT);
      loop.runDue();
    }
  }

  private void answer(UpdateOutcome outcome) {
    sender.next().answer(outcome);
    loop.runDue();
  }

  private long stat(String name) {
    return stats.value(name);
  }

  @Test
  void anNcr_isAckedSentAndCompleted() {
    start("");
    submit(add("h1.example.org.", "000101"));
    assertThat(acked).containsExactly("h1.example.org.");
    assertThat(sender.pending).hasSize(1);
    FakeSender.Sent sent = sender.next();
    assertThat(sent.step()).isEqualTo(Step.ADDING_FWD_ADDRS);
    assertThat(sent.server()).isEqualTo("192.0.2.53:53");
    assertThat(sent.request().timeout()).isEqualTo(Duration.ofMillis(500));
    sent.answer(OK);
    assertThat(stat(D2Stats.NCR_COMPLETED)).isZero(); // the outcome continues on the loop
    loop.runDue();
    assertThat(stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    assertThat(dispatcher.running()).isZero();
    assertThat(dispatcher.queued()).isZero();
  }

  @Test
  void noServerAnswering_parksTheNcr_andRetriesItAfterTheBackOff() {
    start("\"retry\": { \"initial-ms\": 1000, \"max-ms\": 8000 }");
    submit(add("h1.example.org.", "000101"));
    unreachable();
    assertThat(stat(D2Stats.NCR_RETRY_SCHEDULED)).isEqualTo(1);
    assertThat(stat(D2Stats.NCR_FAILED)).isZero();
    assertThat(dispatcher.running()).isZero();
    assertThat(dispatcher.waitingForRetry()).isEqualTo(1);
    assertThat(dispatcher.waitingByDomain()).containsExactlyEntriesOf(Map.of("example.org.", 1));
    assertThat(loop.nextDelay()).contains(Duration.ofMillis(1000));

    loop.advance(Duration.ofMillis(999));
    assertThat(sender.pending).isEmpty();
    loop.advance(Duration.ofMillis(1));
    assertThat(sender.pending).hasSize(1);
    assertThat(dispatcher.waitingByDomain()).isEmpty();
    answer(OK);
    assertThat(stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    assertThat(dispatcher.waitingForRetry()).isZero();
  }

  @Test
  void theBackOffDoubles_upToItsMaximum() {
    start("\"retry\": { \"initial-ms\": 1000, \"max-ms\": 4000 }");
    submit(add("h1.example.org.", "000101"));
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      unreachable();
      Duration wait = loop.nextDelay().orElseThrow();
      waits.add(wait);
      loop.advance(wait);
    }
    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(4),
            Duration.ofSeconds(4));
    assertThat(stat(D2Stats.NCR_RETRY_SCHEDULED)).isEqualTo(5);
  }

  @Test
  void atItsMaximumAge_anUnreachableNcrIsGivenUp_andFails() {
    start("\"retry\": { \"initial-ms\": 4000, \"max-ms\": 4000, \"max-age-s\": 10 }");
    submit(add("h1.example.org.", "000101"));
    unreachable(); // t=0: wait 4 s
    loop.advance(Duration.ofSeconds(4));
    unreachable(); // t=4: wait 4 s
    loop.advance(Duration.ofSeconds(4));
    unreachable(); // t=8: 2 s left of its age, so the last wait is 2 s, not 4
    assertThat(loop.nextDelay()).contains(Duration.ofSeconds(2));
    loop.advance(Duration.ofSeconds(2));
    unreachable(); // t=10: too old
    assertThat(stat(D2Stats.NCR_RETRY_SCHEDULED)).isEqualTo(3);
    assertThat(stat(D2Stats.NCR_GIVEN_UP)).isEqualTo(1);
    assertThat(stat(D2Stats.NCR_FAILED)).isEqualTo(1);
    assertThat(dispatcher.waitingForRetry()).isZero();
    assertThat(loop.pending()).isZero();
    assertThat(dispatcher.oldestAge()).isZero();
  }

  @Test
  void aParkedNcr_holdsItsDhcidAndName_butNotItsSlot() {
    start("\"max-transactions\": 1, \"retry\": { \"initial-ms\": 60000 }");
    NameChangeRequest down = add("down.example.org.", "000101");
    NameChangeRequest sameClient = add("other.example.net.", "000101");
    NameChangeRequest otherDomain = add("up.example.net.", "000202");
    submit(down);
    unreachable();
    submit(sameClient);
    submit(otherDomain);
    // The slot is free again: the NCR of another client runs; the same client's waits its turn.
    FakeSender.Sent sent = sender.next();
    assertThat(sent.request().ncr()).isSameAs(otherDomain);
    sent.answer(OK);
    loop.runDue();
    assertThat(sender.pending).isEmpty();
    assertThat(dispatcher.queued()).isEqualTo(1);

    loop.advance(Duration.ofMinutes(1));
    assertThat(sender.next().request().ncr()).isSameAs(down);
  }

  /**
   * Issue 4's outage on virtual time: the DNS server stops answering for a minute in the middle of
   * a run of 40 NCRs; every one is applied once it answers again, none failed or given up.
   */
  @Test
  void aMinuteLongOutage_everyNcrIsAppliedAfterwards() {
    start("\"retry\": { \"initial-ms\": 250, \"max-ms\": 2000 }");
    sender.autoAnswer = r -> OK;
    for (int i = 0; i < 10; i++) {
      submit(add("outage" + i + ".example.org.", String.format("0001%08x", i)));
    }
    assertThat(stat(D2Stats.NCR_COMPLETED)).isEqualTo(10);

    sender.autoAnswer = r -> TIMEOUT; // the server is down
    for (int i = 10; i < 40; i++) {
      submit(add("outage" + i + ".example.org.", String.format("0001%08x", i)));
    }
    loop.advance(Duration.ofSeconds(60));
    assertThat(stat(D2Stats.NCR_COMPLETED)).isEqualTo(10);
    assertThat(dispatcher.waitingForRetry()).isEqualTo(30);

    sender.autoAnswer = r -> OK; // back
    loop.advance(Duration.ofSeconds(2)); // the longest wait is max-ms
    assertThat(stat(D2Stats.NCR_COMPLETED)).isEqualTo(40);
    assertThat(stat(D2Stats.NCR_FAILED)).isZero();
    assertThat(stat(D2Stats.NCR_GIVEN_UP)).isZero();
    assertThat(dispatcher.waitingForRetry()).isZero();
    assertThat(loop.pending()).isZero();
  }

  @Test
  void retryNow_givesEveryParkedNcrItsNextTryAtOnce() {
    start("\"retry\": { \"initial-ms\": 60000 }");
    submit(add("a.example.org.", "000101"));
    submit(add("b.example.org.", "000202"));
    for (int i = 0; i < 3; i++) {
      sender.answerAll(TIMEOUT);
      loop.runDue();
    }
    assertThat(dispatcher.waitingForRetry()).isEqualTo(2);
    assertThat(dispatcher.retryNow()).isEqualTo(2);
    loop.runDue();
    assertThat(sender.pending).hasSize(2);
    // Their timers were cancelled: a minute on, nothing is sent twice.
    sender.answerAll(OK);
    loop.advance(Duration.ofMinutes(2));
    assertThat(sender.all).hasSize(8);
    assertThat(stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
  }

  @Test
  void servfail_isRetriedLikeSilence_whenOnServfailIsSet() {
    start("\"retry\": { \"initial-ms\": 1000, \"on-servfail\": true }");
    submit(add("h1.example.org.", "000101"));
    answer(new UpdateOutcome.Answered(Rcode.SERVFAIL));
    assertThat(stat(D2Stats.NCR_RETRY_SCHEDULED)).isEqualTo(1);
    loop.advance(Duration.ofSeconds(1));
    answer(OK);
    assertThat(stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
  }

  @Test
  void servfail_failsTheNcr_whenOnServfailIsOff() {
    start("\"retry\": { \"on-servfail\": false }");
    submit(add("h1.example.org.", "000101"));
    answer(new UpdateOutcome.Answered(Rcode.SERVFAIL));
    assertThat(stat(D2Stats.NCR_RETRY_SCHEDULED)).isZero();
    assertThat(stat(D2Stats.NCR_FAILED)).isEqualTo(1);
  }

  @Test
  void aFullQueue_dropsTheNcr_countsIt_andDoesNotAckIt() {
    start("\"max-transactions\": 1, \"queue-capacity\": 1");
    submit(add("running.example.org.", "000101"));
    submit(add("queued.example.org.", "000202"));
    submit(add("dropped.example.org.", "000303"));
    assertThat(acked).containsExactly("running.example.org.", "queued.example.org.");
    assertThat(stat(D2Stats.QUEUE_FULL)).isEqualTo(1);
  }

  @Test
  void oldestAge_countsFromAcceptance_onTheClock() {
    start("\"max-transactions\": 1");
    submit(add("a.example.org.", "000101"));
    loop.advance(Duration.ofSeconds(30));
    submit(add("b.example.org.", "000202"));
    loop.advance(Duration.ofSeconds(12));
    assertThat(dispatcher.oldestAge()).isEqualTo(Duration.ofSeconds(42));
    answer(OK);
    assertThat(dispatcher.oldestAge()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void normalShutdown_endsOnceNothingRuns_andQueuedNcrsStillStartMeanwhile() {
    start("\"max-transactions\": 1");
    submit(add("a.example.org.", "000101"));
    submit(add("b.example.org.", "000202"));
    CompletableFuture<Void> drained = dispatcher.drain(ShutdownType.NORMAL);
    assertThat(drained).isNotDone();
    answer(OK); // a done: b starts, as Kea works off its queue
    assertThat(drained).isNotDone();
    answer(OK);
    assertThat(drained).isDone();
    assertThat(stat(D2Stats.NCR_COMPLETED)).isEqualTo(2);
  }

  @Test
  void drainFirst_waitsForTheQueueToEmpty() {
    start("\"max-transactions\": 1");
    submit(add("a.example.org.", "000101"));
    submit(add("b.example.org.", "000202"));
    CompletableFuture<Void> drained = dispatcher.drain(ShutdownType.DRAIN_FIRST);
    answer(OK);
    assertThat(drained).isNotDone();
    answer(OK);
    assertThat(drained).isDone();
  }

  @Test
  void shutdownNow_endsAtOnce_andATighterTypeWins() {
    start("");
    submit(add("a.example.org.", "000101"));
    CompletableFuture<Void> drained = dispatcher.drain(ShutdownType.DRAIN_FIRST);
    assertThat(drained).isNotDone();
    assertThat(dispatcher.drain(ShutdownType.NOW)).isSameAs(drained).isDone();
  }

  @Test
  void whileDraining_aNewNcrIsDropped_countedAndNotAcked() {
    start("");
    dispatcher.drain(ShutdownType.NORMAL);
    submit(add("late.example.org.", "000101"));
    assertThat(acked).isEmpty();
    assertThat(stat(D2Stats.NCR_DROPPED_SHUTDOWN)).isEqualTo(1);
    assertThat(sender.pending).isEmpty();
  }

  @Test
  void aDrain_releasesParkedNcrs_andAStillUnreachableDomainFailsThem_inMemory() {
    start("\"retry\": { \"initial-ms\": 60000 }");
    submit(add("h1.example.org.", "000101"));
    unreachable();
    CompletableFuture<Void> drained = dispatcher.drain(ShutdownType.DRAIN_FIRST);
    loop.runDue();
    assertThat(sender.pending).hasSize(1); // released at once, not after a minute
    unreachable();
    assertThat(stat(D2Stats.NCR_FAILED)).isEqualTo(1);
    assertThat(stat(D2Stats.NCR_RETRY_SCHEDULED)).isEqualTo(1); // no new wait while draining
    assertThat(drained).isDone();
  }

  @Test
  void aDrain_keepsUnreachableNcrsForTheNextStart_whenTheIntakeKeepsThem() {
    start("\"retry\": { \"initial-ms\": 60000 }", true);
    NameChangeRequest ncr = add("h1.example.org.", "000101");
    submit(ncr);
    unreachable();
    CompletableFuture<Void> drained = dispatcher.drain(ShutdownType.DRAIN_FIRST);
    loop.runDue();
    unreachable();
    assertThat(stat(D2Stats.NCR_FAILED)).isZero();
    assertThat(((KeepingIntake) intake).finished).isEmpty(); // still not done on disk
    assertThat(drained).isDone();
  }

  @Test
  void aSenderThatThrows_failsThatTransactionOnly_andTheNextOneRuns() {
    start("\"max-transactions\": 1");
    sender.failWith = new IllegalStateException("bug in the shell");
    submit(add("a.example.org.", "000101"));
    assertThat(stat(D2Stats.NCR_FAILED)).isEqualTo(1);
    sender.failWith = null;
    submit(add("b.example.org.", "000202"));
    answer(OK);
    assertThat(stat(D2Stats.NCR_COMPLETED)).isEqualTo(1);
    assertThat(dispatcher.running()).isZero();
  }

  @Test
  void anNcrNoDomainMatches_isDroppedAndCounted_andFreesItsSlot() {
    start("\"max-transactions\": 1");
    submit(add("h1.nowhere.test.", "000101"));
    assertThat(stat(D2Stats.NCR_DROPPED_NO_MATCH)).isEqualTo(1);
    submit(add("h2.example.org.", "000202"));
    assertThat(sender.pending).hasSize(1);
  }

  @Test
  void reconfiguring_appliesNewLimitsAndTimeouts_toWhatStartsNext() {
    start("");
    assertThat(sender.maxPerServer).isEqualTo(64);
    assertThat(sender.maxNamesPerUpdate).isEqualTo(16);
    dispatcher.configure(config("\"max-updates-per-server\": 4, \"max-names-per-update\": 8"));
    assertThat(sender.maxPerServer).isEqualTo(4);
    assertThat(sender.maxNamesPerUpdate).isEqualTo(8);
    submit(add("h1.example.org.", "000101"));
    assertThat(sender.next().request().forceTcp()).isFalse();
  }

  /** An intake that keeps unfinished NCRs, as the journal does, and remembers what finished. */
  private static final class KeepingIntake implements Intake {
    private final Intake memory;
    final List<NameChangeRequest> finished = new ArrayList<>();

    KeepingIntake(Intake memory) {
      this.memory = memory;
    }

    @Override
    public void submit(NameChangeRequest ncr, Runnable accepted, Sink sink) {
      memory.submit(ncr, accepted, sink);
    }

    @Override
    public void refill() {}

    @Override
    public void finished(NameChangeRequest ncr) {
      finished.add(ncr);
    }

    @Override
    public long journaled() {
      return 0;
    }

    @Override
    public boolean keepsUnfinished() {
      return true;
    }

    @Override
    public void close() {}
  }
}
