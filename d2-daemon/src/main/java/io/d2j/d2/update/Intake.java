package io.d2j.d2.update;

import io.d2j.ncr.NameChangeRequest;

/**
 * How received NCRs reach the queue: held in memory only ({@link MemoryIntake}, Kea's way), or
 * journaled first and loaded from disk as the queue has room ({@code journal.JournalIntake}). The
 * {@link Dispatcher} works the same with either.
 *
 * <p>{@link #submit} is called on the listener's thread; everything else on the event loop.
 */
public interface Intake extends AutoCloseable {

  /** Where an intake delivers: the {@link Dispatcher}. Called on the event loop. */
  interface Sink {
    /**
     * An NCR held in memory only: queued if it may be (not shutting down, room in the queue).
     *
     * @return false when it was dropped (counted and logged by the sink)
     */
    boolean offer(NameChangeRequest ncr);

    /** NCRs became available in the intake: load what fits and start what may start. */
    void ready();
  }

  /**
   * Takes one NCR from the listener. {@code accepted} runs at most once, on any thread, when the
   * NCR is safely held (durable in the journal, or queued), never when it was dropped: the listener
   * acks it then.
   */
  void submit(NameChangeRequest ncr, Runnable accepted, Sink sink);

  /** Moves waiting NCRs into the queue while it has room, oldest first (nothing in memory mode). */
  void refill();

  /** The NCR is done for good (completed, failed or dropped): forget it, on disk too. */
  void finished(NameChangeRequest ncr);

  /** NCRs held on disk and not yet done (0 in memory mode). */
  long journaled();

  /**
   * Whether an NCR left unfinished at shutdown is tried again after the next start (the journal
   * keeps it), so a shutdown need not fail an NCR whose domain is unreachable.
   */
  boolean keepsUnfinished();

  @Override
  void close();
}
