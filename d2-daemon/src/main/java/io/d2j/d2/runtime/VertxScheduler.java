package io.d2j.d2.runtime;

import io.d2j.keacontrol.time.Scheduler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The production {@link Scheduler} of D2: Vert.x timers that fire on the D2 event loop, so every
 * task runs confined with the core's state. A delay is rounded to whole milliseconds, at least one
 * (Vert.x's timer resolution).
 */
final class VertxScheduler implements Scheduler {

  private final Vertx vertx;
  private final Context context;

  VertxScheduler(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.context = context;
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    long ms = Math.max(1, delay.toMillis());
    if (Vertx.currentContext() == context) {
      // The usual case: a timer set on the loop fires on the loop.
      long id = vertx.setTimer(ms, t -> task.run());
      return () -> vertx.cancelTimer(id);
    }
    OffLoopTimer timer = new OffLoopTimer(task);
    context.runOnContext(v -> timer.arm(ms));
    return timer;
  }

  @Override
  public void execute(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  /** A timer asked for from another thread: armed from the loop, cancellable before or after. */
  private final class OffLoopTimer implements Timer {
    private final Runnable task;
    private long id = -1;
    private boolean cancelled;

    OffLoopTimer(Runnable task) {
      this.task = task;
    }

    synchronized void arm(long ms) {
      if (!cancelled) {
        id = vertx.setTimer(ms, t -> task.run());
      }
    }

    @Override
    public synchronized boolean cancel() {
      if (cancelled) {
        return false;
      }
      cancelled = true;
      return id < 0 || vertx.cancelTimer(id);
    }
  }
}
