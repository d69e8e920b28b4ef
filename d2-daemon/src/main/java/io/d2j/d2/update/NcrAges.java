package io.d2j.d2.update;

import io.d2j.ncr.NameChangeRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * When each NCR not yet done was accepted, and how often it has failed for want of a reachable
 * server: the inputs of the retry limit ({@link OutagePolicy}) and of {@code d2j-queue-get}'s
 * oldest age. NCRs are told apart by identity: the same NCR sent twice is two NCRs.
 *
 * <p>Not thread-safe: confined to the D2 event loop.
 */
public final class NcrAges {

  private final Map<NameChangeRequest, Instant> acceptedAt = new IdentityHashMap<>();
  private final Map<NameChangeRequest, Integer> failures = new IdentityHashMap<>();

  /** Records when {@code ncr} was accepted; the first time recorded wins (a journal's, say). */
  public void accepted(NameChangeRequest ncr, Instant at) {
    acceptedAt.putIfAbsent(ncr, at);
  }

  /** When {@code ncr} was accepted; {@code now}, recorded, if that was never said. */
  public Instant acceptedAt(NameChangeRequest ncr, Instant now) {
    return acceptedAt.computeIfAbsent(ncr, n -> now);
  }

  /** How many times {@code ncr} has failed for want of a reachable server. */
  public int failures(NameChangeRequest ncr) {
    return failures.getOrDefault(ncr, 0);
  }

  public void failures(NameChangeRequest ncr, int count) {
    failures.put(ncr, count);
  }

  /** The NCR is done for good: forget it. */
  public void forget(NameChangeRequest ncr) {
    acceptedAt.remove(ncr);
    failures.remove(ncr);
  }

  /** Age of the oldest NCR accepted and not done; zero when there is none. */
  public Duration oldest(Instant now) {
    return acceptedAt.values().stream()
        .min(Instant::compareTo)
        .map(a -> Duration.between(a, now))
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }
}
