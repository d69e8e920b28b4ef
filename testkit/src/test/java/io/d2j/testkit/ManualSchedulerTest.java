package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.keacontrol.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<String> ran = new ArrayList<>();

  private Instant start() {
    return ManualClock.EPOCH;
  }

  @Test
  void nothingRuns_untilTheTestSaysSo() {
    scheduler.execute(() -> ran.add("now"));
    scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("later"));
    assertThat(ran).isEmpty();
    assertThat(scheduler.pending()).isEqualTo(2);
    assertThat(scheduler.runDue()).isEqualTo(1);
    assertThat(ran).containsExactly("now");
    assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(1));
  }

  @Test
  void advance_runsTasksInDueOrder_eachSeeingTheClockAtItsOwnDueTime() {
    List<Instant> seen = new ArrayList<>();
    scheduler.schedule(Duration.ofMillis(300), () -> seen.add(scheduler.clock().instant()));
    scheduler.schedule(Duration.ofMillis(100), () -> seen.add(scheduler.clock().instant()));
    scheduler.schedule(Duration.ofMillis(900), () -> seen.add(scheduler.clock().instant()));
    assertThat(scheduler.advance(Duration.ofMillis(500))).isEqualTo(2);
    assertThat(seen).containsExactly(start().plusMillis(100), start().plusMillis(300));
    assertThat(scheduler.clock().instant()).isEqualTo(start().plusMillis(500));
    assertThat(scheduler.pending()).isEqualTo(1);
  }

  @Test
  void tiesRunInTheOrderScheduled_andTasksScheduledByTasksRunWhenDue() {
    scheduler.schedule(
        Duration.ofSeconds(1),
        () -> {
          ran.add("a");
          scheduler.execute(() -> ran.add("a's continuation"));
          scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a's retry"));
        });
    scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("b"));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(ran).containsExactly("a", "b", "a's continuation");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(ran).containsExactly("a", "b", "a's continuation", "a's retry");
  }

  @Test
  void aCancelledTimerNeverRuns_andCancelsOnlyOnce() {
    Scheduler.Timer t = scheduler.schedule(Duration.ofSeconds(5), () -> ran.add("timer"));
    assertThat(t.cancel()).isTrue();
    assertThat(t.cancel()).isFalse();
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(ran).isEmpty();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aTimerThatRan_cannotBeCancelled() {
    Scheduler.Timer t = scheduler.schedule(Duration.ZERO, () -> ran.add("ran"));
    scheduler.runDue();
    assertThat(t.cancel()).isFalse();
  }

  @Test
  void aNegativeStep_isRefused() {
    assertThatThrownBy(() -> scheduler.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step: must not be negative, got PT-0.001S");
  }

  @Test
  void aTaskThatReschedulesItselfForNow_isReportedAsABusyLoop() {
    Runnable[] spin = new Runnable[1];
    spin[0] = () -> scheduler.execute(spin[0]);
    scheduler.execute(spin[0]);
    assertThatThrownBy(scheduler::runDue)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a busy loop?");
  }

  @Test
  void aClockInAnotherZone_followsTheManualClock() {
    var paris = scheduler.clock().withZone(java.time.ZoneId.of("Europe/Paris"));
    scheduler.advance(Duration.ofHours(1));
    assertThat(paris.instant()).isEqualTo(start().plusSeconds(3600));
    assertThat(paris.getZone()).isEqualTo(java.time.ZoneId.of("Europe/Paris"));
  }
}
