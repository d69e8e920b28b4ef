package io.d2j.keacontrol.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

  @Test
  void tasksRunOnTheSchedulersOwnThread() throws Exception {
    try (ExecutorScheduler s = new ExecutorScheduler("test-scheduler")) {
      AtomicReference<String> thread = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(2);
      s.execute(
          () -> {
            thread.set(Thread.currentThread().getName());
            done.countDown();
          });
      s.schedule(Duration.ofMillis(1), done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(thread).hasValue("test-scheduler");
    }
  }

  /**
   * An exception in a task used to stay in the executor's future, unseen: the HA machine's thread
   * runs its inputs here, and a lost one would stop it without a log line.
   */
  @Test
  void aTaskThatThrows_isReported_andTheThreadGoesOn() throws Exception {
    List<String> reported = new CopyOnWriteArrayList<>();
    try (ExecutorScheduler s =
        new ExecutorScheduler(
            "test-scheduler",
            e -> reported.add(Thread.currentThread().getName() + " " + e.getMessage()))) {
      CountDownLatch done = new CountDownLatch(1);
      s.execute(
          () -> {
            throw new IllegalStateException("input lost");
          });
      s.schedule(
          Duration.ofMillis(1),
          () -> {
            throw new AssertionError("timer lost");
          });
      s.schedule(Duration.ofMillis(50), done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(reported)
          .containsExactly("test-scheduler input lost", "test-scheduler timer lost");
    }
  }

  @Test
  void aCancelledTimerDoesNotRun() throws Exception {
    try (ExecutorScheduler s = new ExecutorScheduler("test-scheduler")) {
      CountDownLatch ran = new CountDownLatch(1);
      Scheduler.Timer t = s.schedule(Duration.ofHours(1), ran::countDown);
      assertThat(t.cancel()).isTrue();
      assertThat(t.cancel()).isFalse();
      assertThat(ran.getCount()).isEqualTo(1);
    }
  }

  @Test
  void afterClose_nothingIsScheduledAndNothingThrows() {
    ExecutorScheduler s = new ExecutorScheduler("test-scheduler");
    s.close();
    assertThat(s.isClosed()).isTrue();
    Scheduler.Timer t = s.schedule(Duration.ZERO, () -> {});
    assertThat(t.cancel()).isFalse();
    s.execute(() -> {});
  }
}
