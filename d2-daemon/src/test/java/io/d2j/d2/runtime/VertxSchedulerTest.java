package io.d2j.d2.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.keacontrol.time.Scheduler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production scheduler: whoever asks, the task runs on the D2 event loop's context. */
class VertxSchedulerTest {

  private final Vertx vertx = Vertx.vertx();
  private final Context loop = vertx.getOrCreateContext();
  private final VertxScheduler scheduler = new VertxScheduler(vertx, loop);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private CompletableFuture<Context> contextOf(Runnable[] task) {
    CompletableFuture<Context> ran = new CompletableFuture<>();
    task[0] = () -> ran.complete(Vertx.currentContext());
    return ran;
  }

  @Test
  void aTimerAskedForOffTheLoop_firesOnTheLoop() throws Exception {
    Runnable[] task = new Runnable[1];
    CompletableFuture<Context> ran = contextOf(task);
    scheduler.schedule(Duration.ofMillis(1), task[0]);
    assertThat(ran.get(10, TimeUnit.SECONDS)).isSameAs(loop);
  }

  @Test
  void aTimerAskedForOnTheLoop_firesOnTheLoop() throws Exception {
    Runnable[] task = new Runnable[1];
    CompletableFuture<Context> ran = contextOf(task);
    loop.runOnContext(v -> scheduler.schedule(Duration.ZERO, task[0]));
    assertThat(ran.get(10, TimeUnit.SECONDS)).isSameAs(loop);
  }

  @Test
  void executedWork_runsOnTheLoop() throws Exception {
    Runnable[] task = new Runnable[1];
    CompletableFuture<Context> ran = contextOf(task);
    scheduler.execute(task[0]);
    assertThat(ran.get(10, TimeUnit.SECONDS)).isSameAs(loop);
  }

  @Test
  void aCancelledTimer_neverRuns_onOrOffTheLoop() throws Exception {
    CompletableFuture<Boolean> cancelledOn = new CompletableFuture<>();
    boolean[] ran = {false};
    Scheduler.Timer off = scheduler.schedule(Duration.ofMillis(50), () -> ran[0] = true);
    assertThat(off.cancel()).isTrue();
    assertThat(off.cancel()).isFalse();
    loop.runOnContext(
        v -> {
          Scheduler.Timer on = scheduler.schedule(Duration.ofMillis(50), () -> ran[0] = true);
          cancelledOn.complete(on.cancel());
        });
    assertThat(cancelledOn.get(10, TimeUnit.SECONDS)).isTrue();
    // A later timer on the loop runs after both would have: neither did.
    CompletableFuture<Boolean> after = new CompletableFuture<>();
    scheduler.schedule(Duration.ofMillis(200), () -> after.complete(ran[0]));
    assertThat(after.get(10, TimeUnit.SECONDS)).isFalse();
  }
}
