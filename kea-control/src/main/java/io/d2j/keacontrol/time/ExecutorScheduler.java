package io.d2j.keacontrol.time;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} on one daemon thread of its own, for a core that is not confined to a Vert.x
 * event loop. After {@link #close} nothing runs: {@link #schedule} returns a timer that never fires
 * and {@link #execute} drops the task (the daemon is going away).
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

  private static final Timer NEVER = () -> false;

  private final ScheduledExecutorService executor;

  /**
   * @param threadName the thread's name, as thread dumps and profilers show it
   */
  public ExecutorScheduler(String threadName) {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    try {
      ScheduledFuture<?> f =
          executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException closed) {
      return NEVER;
    }
  }

  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException closed) {
      // closed: the daemon is stopping and so is this work
    }
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    return executor.isShutdown();
  }

  /** Stops the thread; tasks not yet run never run. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
