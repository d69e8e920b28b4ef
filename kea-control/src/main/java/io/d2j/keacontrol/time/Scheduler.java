package io.d2j.keacontrol.time;

import java.time.Duration;

/**
 * Runs work later on the one thread (or event loop) a daemon's core is confined to. Every timer of
 * the core goes through here, so that retries, time-outs and drains can be tested on virtual time:
 * production uses Vert.x timers on D2's event loop or {@link ExecutorScheduler}; tests use
 * testkit's {@code ManualScheduler}, which runs nothing until the test moves its clock.
 *
 * <pre>{@code
 * Scheduler.Timer retry = scheduler.schedule(Duration.ofSeconds(2), () -> unpark(ncr));
 * ...
 * retry.cancel(); // d2j-retry-now: released before its time
 * }</pre>
 */
public interface Scheduler {

  /** A task scheduled with {@link #schedule}. */
  interface Timer {
    /** Stops the task if it has not run yet; true when it was stopped by this call. */
    boolean cancel();
  }

  /**
   * Runs {@code task} once {@code delay} has passed, on the scheduler's thread. A zero or negative
   * delay runs it as soon as possible, never inside this call.
   */
  Timer schedule(Duration delay, Runnable task);

  /**
   * Runs {@code task} on the scheduler's thread after whatever runs there now, never inside this
   * call: a continuation that must not grow the caller's stack, or work handed over from another
   * thread.
   */
  void execute(Runnable task);
}
