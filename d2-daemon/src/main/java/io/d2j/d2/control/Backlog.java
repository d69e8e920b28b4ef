package io.d2j.d2.control;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The daemon's backlog at one moment, as {@code d2j-queue-get} shows it.
 *
 * @param queued NCRs in the in-memory queue, not started yet
 * @param inFlight transactions running
 * @param waitingForRetry NCRs whose domain had no reachable server, waiting for their next try
 * @param journaled NCRs held only in the on-disk journal (not in memory)
 * @param oldestAgeSeconds age of the oldest NCR not yet finished, from its acceptance; 0 if none
 * @param waitingByDomain NCRs waiting for a retry, by the domain whose servers did not answer
 */
public record Backlog(
    int queued,
    int inFlight,
    int waitingForRetry,
    long journaled,
    long oldestAgeSeconds,
    Map<String, Integer> waitingByDomain) {

  public Backlog {
    if (queued < 0 || inFlight < 0 || waitingForRetry < 0 || journaled < 0) {
      throw new IllegalArgumentException(
          "counts: must not be negative, got queued="
              + queued
              + " inFlight="
              + inFlight
              + " waitingForRetry="
              + waitingForRetry
              + " journaled="
              + journaled);
    }
    Objects.requireNonNull(waitingByDomain, "waitingByDomain");
    // Sorted, so that the answer reads the same from one call to the next.
    waitingByDomain = java.util.Collections.unmodifiableMap(new TreeMap<>(waitingByDomain));
  }
}
