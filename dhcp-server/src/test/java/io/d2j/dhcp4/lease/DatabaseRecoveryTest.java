package io.d2j.dhcp4.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Kea's on-fail, step by step on virtual time: nothing sleeps, the test runs each timer task. */
class DatabaseRecoveryTest {

  /** The timer: tasks in order, each with the delay it asked for. */
  private final Deque<Runnable> tasks = new ArrayDeque<>();

  private final List<Duration> delays = new ArrayList<>();

  /** What the server was told: stop, resume, exit. */
  private final List<String> service = new ArrayList<>();

  private final Map<String, Integer> counters = new TreeMap<>();

  /** The outcome of each attempt: null succeeds, a text fails with that reason. */
  private final Deque<String> outcomes = new ArrayDeque<>();

  private DatabaseRecovery recovery(long tries, long waitMs, OnFail onFail) {
    return recovery(
        tries,
        waitMs,
        onFail,
        () -> {
          String failure = outcomes.isEmpty() ? "refused" : outcomes.poll();
          if (!failure.equals("ok")) {
            throw new LeaseStoreException(failure);
          }
        });
  }

  private DatabaseRecovery recovery(
      long tries, long waitMs, OnFail onFail, DatabaseRecovery.Attempt attempt) {
    return new DatabaseRecovery(
        new Reconnect(tries, Duration.ofMillis(waitMs), onFail),
        attempt,
        new DatabaseRecovery.Service() {
          @Override
          public void stop() {
            service.add("stop");
          }

          @Override
          public void resume() {
            service.add("resume");
          }

          @Override
          public void exit() {
            service.add("exit");
          }
        },
        (delay, task) -> {
          delays.add(delay);
          tasks.add(task);
        },
        name -> counters.merge(name, 1, Integer::sum));
  }

  private void runTimers(int n) {
    for (int i = 0; i < n; i++) {
      tasks.remove().run();
    }
  }

  @Test
  void stopRetryExit_stopsTheService_triesMaxTimes_thenExits() {
    DatabaseRecovery r = recovery(3, 250, OnFail.STOP_RETRY_EXIT);
    r.lost("add lease 10.0.0.1: connection refused");
    assertThat(service).containsExactly("stop");
    runTimers(3);
    assertThat(service).containsExactly("stop", "exit");
    assertThat(tasks).isEmpty();
    // Kea: the first attempt at once, then max-reconnect-tries - 1 more, wait apart.
    assertThat(delays)
        .containsExactly(Duration.ZERO, Duration.ofMillis(250), Duration.ofMillis(250));
    assertThat(counters)
        .isEqualTo(Map.of("lease-database-lost", 1, "lease-database-reconnect-attempts", 3));
    assertThat(r.recovering()).isTrue();
  }

  @Test
  void stopRetryExit_resumesTheServiceWhenAnAttemptSucceeds_andIsReadyForTheNextLoss() {
    DatabaseRecovery r = recovery(3, 250, OnFail.STOP_RETRY_EXIT);
    outcomes.addAll(List.of("refused", "ok"));
    r.lost("gone");
    runTimers(2);
    assertThat(service).containsExactly("stop", "resume");
    assertThat(r.recovering()).isFalse();
    assertThat(tasks).isEmpty();
    // A later loss starts again with all the attempts.
    outcomes.addAll(List.of("refused", "refused", "ok"));
    r.lost("gone again");
    runTimers(3);
    assertThat(service).containsExactly("stop", "resume", "stop", "resume");
    assertThat(counters)
        .containsEntry("lease-database-lost", 2)
        .containsEntry("lease-database-reconnect-attempts", 5)
        .containsEntry("lease-database-reconnected", 2);
  }

  @Test
  void serveRetryExit_keepsServing_thenExits() {
    DatabaseRecovery r = recovery(2, 100, OnFail.SERVE_RETRY_EXIT);
    r.lost("gone");
    runTimers(2);
    assertThat(service).containsExactly("exit");
  }

  @Test
  void serveRetryContinue_neverExits_keepsTrying_andRecoversByItself() {
    DatabaseRecovery r = recovery(2, 100, OnFail.SERVE_RETRY_CONTINUE);
    outcomes.addAll(List.of("refused", "refused", "refused", "refused", "ok"));
    r.lost("gone");
    runTimers(2); // the two attempts of max-reconnect-tries
    assertThat(service).isEmpty();
    assertThat(tasks).hasSize(1); // d2j goes on trying where Kea 2.2 gives up
    runTimers(3);
    assertThat(service).isEmpty();
    assertThat(r.recovering()).isFalse();
    assertThat(tasks).isEmpty();
    assertThat(delays)
        .containsExactly(
            Duration.ZERO,
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMillis(100));
  }

  @Test
  void reconnectDisabled_keasDefaults_exitAtOnce() {
    DatabaseRecovery r = recovery(0, 0, OnFail.STOP_RETRY_EXIT);
    r.lost("gone");
    assertThat(service).containsExactly("stop", "exit");
    assertThat(tasks).isEmpty();
    assertThat(counters).isEqualTo(Map.of("lease-database-lost", 1));
  }

  @Test
  void reconnectDisabled_serveRetryContinue_triesEverySecond() {
    DatabaseRecovery r = recovery(5, 0, OnFail.SERVE_RETRY_CONTINUE);
    outcomes.addAll(List.of("refused", "ok"));
    r.lost("gone");
    assertThat(service).isEmpty();
    runTimers(2);
    assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(r.recovering()).isFalse();
  }

  @Test
  void lossesFoundDuringRecovery_countAsOne() {
    DatabaseRecovery r = recovery(3, 100, OnFail.STOP_RETRY_EXIT);
    r.lost("first");
    r.lost("second");
    assertThat(counters.get("lease-database-lost")).isEqualTo(1);
    assertThat(service).containsExactly("stop");
    assertThat(tasks).hasSize(1);
  }

  @Test
  void lostAgainWhileAnAttemptConnects_isNoRecovery() {
    DatabaseRecovery[] self = new DatabaseRecovery[1];
    // The attempt connects, but meanwhile a statement finds the database gone again.
    self[0] = recovery(3, 100, OnFail.STOP_RETRY_EXIT, () -> self[0].lost("gone again"));
    self[0].lost("first");
    runTimers(1);
    assertThat(self[0].recovering()).isTrue();
    assertThat(service).containsExactly("stop");
    assertThat(tasks).hasSize(1); // the next attempt
  }

  @Test
  void closed_schedulesNothingMore() {
    DatabaseRecovery r = recovery(3, 100, OnFail.STOP_RETRY_EXIT);
    r.lost("gone");
    r.close();
    runTimers(1);
    assertThat(tasks).isEmpty();
    r.lost("after close");
    assertThat(counters.get("lease-database-lost")).isEqualTo(1);
  }
}
