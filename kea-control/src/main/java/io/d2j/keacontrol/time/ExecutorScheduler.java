package io.d2j.keacontrol.time;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link Scheduler} on one daemon thread of its own, for a core that is not confined to a Vert.x
 * event loop. After {@link #close} nothing runs: {@link #schedule} returns a timer that never fires
 * and {@link #execute} drops the task (the daemon is going away). A task that throws is reported
 * (by default to the thread's uncaught-exception handler, which prints it on stderr) and the thread
 * goes on: an executor would keep the exception in a future no one reads, and a machine whose input
 * was lost so would stop without a trace.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

  private static final Timer NEVER = () -> false;

  private final ScheduledExecutorService executor;
  private final Consumer<Throwable> failed;

  /**
   * @param threadName the thread's name, as thread dumps and profilers show it
   */
  public ExecutorScheduler(String threadName) {
    this(
        threadName,
        e -> {
          Thread t = Thread.currentThread();
          t.getUncaughtExceptionHandler().uncaughtException(t, e);
        });
  }

  /**
   * @param threadName the thread's name, as thread dumps and profilers show it
   * @param failed told of each exception or error a task throws, on the scheduler's thread
   */
  public ExecutorScheduler(String threadName, Consumer<Throwable> failed) {
    this.failed = failed;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  private Runnable reported(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        failed.accept(e);
      }
    };
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    try {
      ScheduledFuture<?> f =
          executor.schedule(reported(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException closed) {
      return NEVER;
    }
  }

  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(reported(task));
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
