package io.d2j.d2.update;

import io.d2j.d2.config.RetrySettings;
import io.d2j.d2.transaction.Rcode;
import io.d2j.d2.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What becomes of an NCR whose transaction failed (d2-behaviour.md §0 item 8, §17/24): an NCR whose
 * domain had no server answering (or, by setting, answered SERVFAIL) is parked and tried again
 * after the {@link RetryBackoff} delay instead of being discarded, until its maximum age; while
 * shutting down it is kept for the next start when the intake keeps unfinished NCRs; any other
 * failure is final. Pure: the caller passes the times and counts and carries the verdict out.
 */
public final class OutagePolicy {

  /** The verdict on one failed transaction. */
  public sealed interface Verdict {}

  /**
   * Park the NCR (its slot freed, its DHCID and FQDN still held) and try again after {@code delay}.
   *
   * @param failures its failures for want of a server so far, this one included
   * @param servfail whether this one was a SERVFAIL answer rather than silence
   */
  public record Park(Duration delay, int failures, boolean servfail) implements Verdict {}

  /** Its domain stayed unreachable until the NCR reached its maximum {@code age}: it fails. */
  public record GiveUp(Duration age, int failures) implements Verdict {}

  /** Shutting down: leave the NCR undone in the journal, for the next start. */
  public record KeepForRestart() implements Verdict {}

  /** A failure retrying does not cure, or no retry is possible: the NCR fails. */
  public record Fail() implements Verdict {}

  private final RetryBackoff backoff;
  private final boolean onServfail;

  public OutagePolicy(RetrySettings settings, RandomGenerator random) {
    this.backoff = new RetryBackoff(settings, random);
    this.onServfail = settings.onServfail();
  }

  /**
   * Whether {@code t} failed in a way a later try may cure: no answer, or (by setting) SERVFAIL.
   */
  public boolean retryable(Transaction t) {
    return t.endedUnreachable() || servfail(t);
  }

  private boolean servfail(Transaction t) {
    return onServfail && t.endedRejectedWith(Rcode.SERVFAIL);
  }

  /**
   * @param t the transaction, ended failed
   * @param acceptedAt when its NCR was accepted
   * @param earlierFailures its failures for want of a server before this one
   * @param now the clock's reading
   * @param draining whether shutdown has begun (no new waits then)
   * @param keepable whether an unfinished NCR survives to the next start
   */
  public Verdict afterFailure(
      Transaction t,
      Instant acceptedAt,
      int earlierFailures,
      Instant now,
      boolean draining,
      boolean keepable) {
    if (!retryable(t)) {
      return new Fail();
    }
    if (draining) {
      return keepable ? new KeepForRestart() : new Fail();
    }
    int failures = earlierFailures + 1;
    RetryBackoff.Decision d = backoff.next(acceptedAt, failures, now);
    if (d instanceof RetryBackoff.GiveUp g) {
      return new GiveUp(g.age(), failures);
    }
    return new Park(((RetryBackoff.RetryAfter) d).delay(), failures, servfail(t));
  }
}
