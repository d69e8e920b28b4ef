package io.d2j.testkit;

import io.d2j.keacontrol.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time: nothing runs until the test calls {@link #runDue} or {@link
 * #advance}, and then everything runs on the test's thread, in order of due time (ties in the order
 * they were scheduled). With the {@link ManualClock} it drives, retries, back-offs, time-outs and
 * drains are tested without a sleep.
 *
 * <pre>{@code
 * ManualScheduler loop = new ManualScheduler();
 * Dispatcher d = new Dispatcher(..., loop, loop.clock(), ...);
 * d.submit(ncr);
 * loop.runDue();                          // the NCR starts; its UPDATE goes to the fake sender
 * loop.advance(Duration.ofSeconds(2));    // its retry timer fires at +2 s
 * }</pre>
 *
 * <p>Tasks may be scheduled from any thread (the queue is guarded by this object); they run only on
 * the thread that advances the scheduler.
 */
public final class ManualScheduler implements Scheduler {

  /** Bounds {@link #runDue}: a task that keeps rescheduling itself at "now" is a test bug. */
  private static final int MAX_TASKS_PER_STEP = 1_000_000;

  private final ManualClock clock;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long sequence;

  private final class Task implements Comparable<Task>, Timer {
    final Instant due;
    final long seq;
    final Runnable work;
    boolean cancelled;

    Task(Instant due, long seq, Runnable work) {
      this.due = due;
      this.seq = seq;
      this.work = work;
    }

    @Override
    public int compareTo(Task o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public boolean cancel() {
      synchronized (ManualScheduler.this) {
        if (cancelled || !queue.remove(this)) {
          return false;
        }
        cancelled = true;
        return true;
      }
    }
  }

  /** On a fresh {@link ManualClock}. */
  public ManualScheduler() {
    this(new ManualClock());
  }

  public ManualScheduler(ManualClock clock) {
    this.clock = clock;
  }

  /** The clock this scheduler moves. */
  public ManualClock clock() {
    return clock;
  }

  @Override
  public synchronized Timer schedule(Duration delay, Runnable task) {
    Instant due = delay.isNegative() ? clock.instant() : clock.instant().plus(delay);
    Task t = new Task(due, sequence++, task);
    queue.add(t);
    return t;
  }

  @Override
  public void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }

  /**
   * Runs every task due by now, including those the tasks themselves schedule for now, without
   * moving the clock.
   *
   * @return how many ran
   */
  public int runDue() {
    int ran = 0;
    for (Task t = nextDue(clock.instant()); t != null; t = nextDue(clock.instant())) {
      if (++ran > MAX_TASKS_PER_STEP) {
        throw new IllegalStateException(
            "more than " + MAX_TASKS_PER_STEP + " tasks at " + clock.instant() + ": a busy loop?");
      }
      t.work.run();
    }
    return ran;
  }

  /**
   * Moves the clock forward by {@code step}, stopping at each due time on the way to run what is
   * due then (so a task sees the clock at its own due time), and finally runs what is due at the
   * end.
   *
   * @return how many tasks ran
   */
  public int advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("step: must not be negative, got " + step);
    }
    Instant end = clock.instant().plus(step);
    int ran = runDue();
    for (Optional<Instant> next = nextDueTime();
        next.isPresent() && !next.get().isAfter(end);
        next = nextDueTime()) {
      clock.set(max(clock.instant(), next.get()));
      ran += runDue();
    }
    clock.set(max(clock.instant(), end));
    return ran + runDue();
  }

  /** How long until the next task is due (zero when one is due now); empty when none waits. */
  public synchronized Optional<Duration> nextDelay() {
    Task t = queue.peek();
    if (t == null) {
      return Optional.empty();
    }
    Duration d = Duration.between(clock.instant(), t.due);
    return Optional.of(d.isNegative() ? Duration.ZERO : d);
  }

  /** Tasks waiting, due or not. */
  public synchronized int pending() {
    return queue.size();
  }

  private synchronized Optional<Instant> nextDueTime() {
    Task t = queue.peek();
    return t == null ? Optional.empty() : Optional.of(t.due);
  }

  private synchronized Task nextDue(Instant now) {
    Task t = queue.peek();
    if (t == null || t.due.isAfter(now)) {
      return null;
    }
    return queue.poll();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
