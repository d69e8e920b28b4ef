package io.d2j.d2.journal;

import io.d2j.d2.log.D2Log;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.update.Intake;
import io.d2j.d2.update.NcrAges;
import io.d2j.d2.update.UpdateManager;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.NameChangeRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The way into the queue when the journal is on: the listener's NCRs are appended to the journal
 * (group commit) and only what is durable reaches the {@link UpdateManager}, always read back
 * through one {@link JournalReader} in journal order. So a full in-memory queue drops nothing (the
 * NCRs wait on disk and are loaded as capacity frees, oldest first), a restart replays what was not
 * done, and memory holds at most the queue whatever the backlog.
 *
 * <p>{@link #submit} runs on the listener thread and never waits for DNS work (only, under extreme
 * load, for the journal writer). Everything else is confined to the D2 event loop.
 *
 * <p>An NCR whose append failed is offered to the {@link Intake.Sink} as a memory-only NCR rather
 * than lost; it is not acknowledged, so an acking sender sends it again.
 */
public final class JournalIntake implements Intake {

  private final Journal journal;
  private final JournalReader reader;
  private final UpdateManager manager;
  private final NcrAges ages;
  private final Scheduler loop;
  private final Statistics stats;
  private final Clock clock;

  /** Confined to the event loop: the sequence number of each NCR loaded and not yet done. */
  private final Map<NameChangeRequest, Long> seqs = new IdentityHashMap<>();

  /** Confined to the event loop: the highest sequence number loaded into memory. */
  private long loadedUpTo;

  /** Confined to the event loop: NCRs are waiting on disk because the queue was full. */
  private boolean backlogged;

  /**
   * @param manager the queue NCRs are loaded into
   * @param ages told, for each NCR loaded, when it was first accepted (also across restarts)
   * @param loop the event loop everything but {@link #submit} runs on
   * @param clock stamps each NCR with its acceptance time in the journal
   */
  public JournalIntake(
      Journal journal,
      UpdateManager manager,
      NcrAges ages,
      Scheduler loop,
      Statistics stats,
      Clock clock) {
    this.journal = journal;
    this.reader = journal.reader();
    this.manager = manager;
    this.ages = ages;
    this.loop = loop;
    this.stats = stats;
    this.clock = clock;
  }

  /**
   * On the listener thread: journals the NCR; it reaches the queue once durable. {@code accepted}
   * runs on the journal writer thread right after the fsync (it only queues the ack); an NCR whose
   * append failed is queued in memory but not acknowledged, so an acking sender sends it again.
   */
  @Override
  public void submit(NameChangeRequest ncr, Runnable accepted, Sink sink) {
    journal
        .append(ncr, clock.instant())
        .whenComplete(
            (seq, error) -> {
              if (error == null) {
                accepted.run();
              }
              loop.execute(
                  () -> {
                    if (error != null) {
                      D2Log.DHCP_DDNS_JOURNAL_WRITE_FAILED_NCR.log(
                          ncr.requestId(), ncr.fqdn(), error.toString());
                      sink.offer(ncr);
                      return;
                    }
                    arrived(seq, sink);
                  });
            });
  }

  private void arrived(long seq, Sink sink) {
    refill();
    if (loadedUpTo < seq) {
      // Kea's meaning of queue-mgr-queue-full: this NCR found the queue full. It is not lost.
      stats.increment(D2Stats.QUEUE_FULL);
      if (!backlogged) {
        backlogged = true;
        D2Log.DHCP_DDNS_QUEUE_MGR_QUEUE_FULL_JOURNAL.log(manager.queued());
      }
    }
    sink.ready();
  }

  /** Loads pending NCRs from the journal, oldest first, while the queue has room. */
  @Override
  public void refill() {
    while (manager.hasRoom()) {
      Optional<JournalReader.Pending> next;
      try {
        next = reader.next();
      } catch (IOException e) {
        D2Log.DHCP_DDNS_JOURNAL_READ_FAILED.log(journal.directory(), e.toString());
        return;
      }
      if (next.isEmpty()) {
        if (backlogged) {
          backlogged = false;
          D2Log.DHCP_DDNS_JOURNAL_BACKLOG_CLEARED.log();
        }
        return;
      }
      JournalReader.Pending p = next.get();
      p.acceptedAt().ifPresent(at -> ages.accepted(p.ncr(), at));
      manager.enqueue(p.ncr());
      seqs.put(p.ncr(), p.seq());
      loadedUpTo = Math.max(loadedUpTo, p.seq());
      if (D2Log.DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE_JOURNAL.enabled()) {
        D2Log.DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE_JOURNAL.log(
            p.ncr().requestId(), p.ncr().fqdn(), p.seq());
      }
    }
  }

  /** The NCR's transaction ended (completed, failed or dropped): it leaves the journal. */
  @Override
  public void finished(NameChangeRequest ncr) {
    Long seq = seqs.remove(ncr);
    if (seq != null) {
      journal.markDone(seq);
    }
  }

  /** NCRs in the journal not yet done, on disk (for the backlog). */
  @Override
  public long journaled() {
    return journal.pending();
  }

  /** The journal keeps what is not done: a restart replays it. */
  @Override
  public boolean keepsUnfinished() {
    return true;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      D2Log.DHCP_DDNS_JOURNAL_CLOSE.log(journal.directory(), e.toString());
    }
    journal.close();
  }
}
