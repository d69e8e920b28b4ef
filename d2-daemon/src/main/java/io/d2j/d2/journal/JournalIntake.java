package io.d2j.d2.runtime;

import io.d2j.d2.journal.Journal;
import io.d2j.d2.journal.JournalReader;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.stats.Statistics;
import io.d2j.d2.update.UpdateManager;
import io.d2j.ncr.NameChangeRequest;
import io.vertx.core.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way into the queue when the journal is on: the listener's NCRs are appended to the journal
 * (group commit) and only what is durable reaches the {@link UpdateManager}, always read back
 * through one {@link JournalReader} in journal order. So a full in-memory queue drops nothing (the
 * NCRs wait on disk and are loaded as capacity frees, oldest first), a restart replays what was not
 * done, and memory holds at most the queue whatever the backlog.
 *
 * <p>{@link #submit} runs on the listener thread and never waits for DNS work (only, under extreme
 * load, for the journal writer). Everything else is confined to the D2 event loop.
 */
final class JournalIntake implements AutoCloseable {

  private static final Logger QUEUE = LoggerFactory.getLogger("kea-dhcp-ddns.dhcp-to-d2");
  private static final Logger JOURNAL = LoggerFactory.getLogger("kea-dhcp-ddns.d2j-journal");

  private final Journal journal;
  private final JournalReader reader;
  private final UpdateManager manager;
  private final Context context;
  private final Statistics stats;
  private final Runnable onDurable;
  private final Consumer<NameChangeRequest> unjournaled;
  private final Clock clock;
  private final BiConsumer<NameChangeRequest, Instant> acceptedAt;

  /** Confined to the event loop: the sequence number of each NCR loaded and not yet done. */
  private final Map<NameChangeRequest, Long> seqs = new IdentityHashMap<>();

  /** Confined to the event loop: the highest sequence number loaded into memory. */
  private long loadedUpTo;

  /** Confined to the event loop: NCRs are waiting on disk because the queue was full. */
  private boolean backlogged;

  /**
   * @param onDurable runs on the event loop after each NCR became durable (loads and starts work)
   * @param unjournaled takes, on the event loop, an NCR whose append failed: the caller queues it
   *     in memory only rather than lose it outright
   * @param clock stamps each NCR with its acceptance time in the journal
   * @param acceptedAt told, on the event loop, when each NCR loaded from the journal was first
   *     accepted (also across restarts), before it is queued
   */
  JournalIntake(
      Journal journal,
      UpdateManager manager,
      Context context,
      Statistics stats,
      Runnable onDurable,
      Consumer<NameChangeRequest> unjournaled,
      Clock clock,
      BiConsumer<NameChangeRequest, Instant> acceptedAt) {
    this.journal = journal;
    this.reader = journal.reader();
    this.manager = manager;
    this.context = context;
    this.stats = stats;
    this.onDurable = onDurable;
    this.unjournaled = unjournaled;
    this.clock = clock;
    this.acceptedAt = acceptedAt;
  }

  /**
   * On the listener thread: journals the NCR; it reaches the queue once durable. {@code accepted}
   * runs on the journal writer thread right after the fsync (it only queues the ack); an NCR whose
   * append failed is queued in memory but not acknowledged, so an acking sender sends it again.
   */
  void submit(NameChangeRequest ncr, Runnable accepted) {
    journal
        .append(ncr, clock.instant())
        .whenComplete(
            (seq, error) -> {
              if (error == null) {
                accepted.run();
              }
              context.runOnContext(
                  v -> {
                    if (error != null) {
                      JOURNAL.error(
                          "DHCP_DDNS_JOURNAL_WRITE_FAILED request={} fqdn={} not journaled,"
                              + " queued in memory only: {}",
                          ncr.requestId(),
                          ncr.fqdn(),
                          error.toString());
                      unjournaled.accept(ncr);
                      return;
                    }
                    arrived(seq);
                  });
            });
  }

  private void arrived(long seq) {
    refill();
    if (loadedUpTo < seq) {
      // Kea's meaning of queue-mgr-queue-full: this NCR found the queue full. It is not lost.
      stats.increment(D2Stats.QUEUE_FULL);
      if (!backlogged) {
        backlogged = true;
        QUEUE.warn(
            "DHCP_DDNS_QUEUE_MGR_QUEUE_FULL queue at its limit of {}; further NCRs wait in the"
                + " journal and are queued as room frees",
            manager.queued());
      }
    }
    onDurable.run();
  }

  /** Loads pending NCRs from the journal, oldest first, while the queue has room. */
  void refill() {
    while (manager.hasRoom()) {
      Optional<JournalReader.Pending> next;
      try {
        next = reader.next();
      } catch (IOException e) {
        JOURNAL.error("DHCP_DDNS_JOURNAL_READ_FAILED {}: {}", journal.directory(), e.toString());
        return;
      }
      if (next.isEmpty()) {
        if (backlogged) {
          backlogged = false;
          QUEUE.info("DHCP_DDNS_JOURNAL_BACKLOG_CLEARED every waiting NCR is queued again");
        }
        return;
      }
      JournalReader.Pending p = next.get();
      p.acceptedAt().ifPresent(at -> acceptedAt.accept(p.ncr(), at));
      manager.enqueue(p.ncr());
      seqs.put(p.ncr(), p.seq());
      loadedUpTo = Math.max(loadedUpTo, p.seq());
      QUEUE.debug(
          "DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE request={} fqdn={} queued (journal seq {})",
          p.ncr().requestId(),
          p.ncr().fqdn(),
          p.seq());
    }
  }

  /** The NCR's transaction ended (completed, failed or dropped): it leaves the journal. */
  void finished(NameChangeRequest ncr) {
    Long seq = seqs.remove(ncr);
    if (seq != null) {
      journal.markDone(seq);
    }
  }

  /** NCRs in the journal not yet done, on disk (for the backlog). */
  long pending() {
    return journal.pending();
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      JOURNAL.warn("DHCP_DDNS_JOURNAL_CLOSE {}: {}", journal.directory(), e.toString());
    }
    journal.close();
  }
}
