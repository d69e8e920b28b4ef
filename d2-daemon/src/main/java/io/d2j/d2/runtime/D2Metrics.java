package io.d2j.d2.runtime;

import io.d2j.d2.control.Backlog;
import io.d2j.d2.journal.Journal;
import io.d2j.keacontrol.metrics.MetricsSource;
import io.d2j.keacontrol.stats.Statistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the D2 shows on {@code /metrics}: its Kea statistics, and the levels {@code d2j-queue-get}
 * shows (read on the event loop, waiting at most a second: a blocked loop leaves them out of that
 * scrape rather than hanging it) plus the journal's size on disk. Called on the metrics thread.
 */
final class D2Metrics implements MetricsSource {
  private static final long LOOP_WAIT_MS = 1000;

  private final Statistics stats;
  private final Supplier<CompletableFuture<Backlog>> backlog;
  private final Optional<Journal> journal;

  D2Metrics(
      Statistics stats, Supplier<CompletableFuture<Backlog>> backlog, Optional<Journal> journal) {
    this.stats = stats;
    this.backlog = backlog;
    this.journal = journal;
  }

  @Override
  public Map<String, Long> statistics() {
    return MetricsSource.of(stats, List::of).statistics();
  }

  @Override
  public List<Gauge> gauges() {
    List<Gauge> out = new ArrayList<>();
    try {
      Backlog b = backlog.get().get(LOOP_WAIT_MS, TimeUnit.MILLISECONDS);
      out.add(new Gauge("ncr_queue_depth", "NCRs queued, not started yet", b.queued()));
      out.add(new Gauge("ncr_in_flight", "transactions running", b.inFlight()));
      out.add(
          new Gauge(
              "ncr_waiting_retry",
              "NCRs whose domain had no reachable server, waiting for their next try",
              b.waitingForRetry()));
      out.add(
          new Gauge(
              "ncr_journal_only", "NCRs held only in the journal, not in memory", b.journaled()));
      out.add(
          new Gauge(
              "ncr_oldest_age_seconds",
              "age of the oldest NCR not yet finished, from its acceptance; 0 if none",
              b.oldestAgeSeconds()));
    } catch (TimeoutException | ExecutionException e) {
      // The event loop did not answer in time: this scrape has no backlog gauges.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.ifPresent(
        j -> {
          out.add(
              new Gauge(
                  "journal_pending_ncrs",
                  "NCRs recorded in the journal and not yet done",
                  j.pending()));
          out.add(
              new Gauge(
                  "journal_size_bytes",
                  "bytes of the journal's files on disk",
                  bytes(j.directory())));
        });
    return out;
  }

  private static long bytes(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(D2Metrics::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // removed meanwhile (a compacted segment)
    }
  }
}
