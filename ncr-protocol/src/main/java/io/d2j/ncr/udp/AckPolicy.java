package io.d2j.ncr.udp;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link NcrUdpSender} in ack mode retransmits an NCR that a d2j D2 has not acknowledged
 * yet: after {@code initial}, doubling up to {@code max} between sends, until {@code deadline}
 * after the first send; then the send's future fails. Kea's D2 never acks, so ack mode is for d2j
 * D2s (with {@code user-context.d2j.acks} on) only.
 *
 * @param initial the wait before the first retransmission; positive
 * @param max the longest wait between two sends; at least {@code initial}
 * @param deadline how long after the first send the NCR may stay unacknowledged; at least {@code
 *     initial}
 */
public record AckPolicy(Duration initial, Duration max, Duration deadline) {

  /** 200 ms doubling up to 5 s, for at most 60 s. */
  public static final AckPolicy DEFAULT =
      new AckPolicy(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60));

  public AckPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(deadline, "deadline");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial: must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "max: must be at least initial (" + initial + "), got " + max);
    }
    if (deadline.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "deadline: must be at least initial (" + initial + "), got " + deadline);
    }
  }

  /** The wait after a wait of {@code previous}: doubled, capped at {@link #max}. */
  Duration next(Duration previous) {
    Duration doubled = previous.multipliedBy(2);
    return doubled.compareTo(max) > 0 ? max : doubled;
  }
}
