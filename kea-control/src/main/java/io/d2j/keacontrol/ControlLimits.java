package io.d2j.keacontrol;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client of the control channel may cost the daemon. A client past any limit gets an
 * answer that says which (or, for a send, is dropped), and the daemon keeps serving the others.
 *
 * @param receiveTimeout the whole time a client has to send one complete command (Kea: 10 s); a
 *     slow sender gets Kea's time-out answer
 * @param sendTimeout the whole time a client has to read its answer before the connection is
 *     dropped
 * @param maxConnections connections open at once (reading, running or answering); one more is
 *     answered at once with result 1 and closed
 * @param maxRequestBytes the largest command accepted (an oversized one is answered with result 1)
 */
public record ControlLimits(
    Duration receiveTimeout, Duration sendTimeout, int maxConnections, int maxRequestBytes) {

  public static final ControlLimits DEFAULT =
      new ControlLimits(
          Duration.ofSeconds(10), Duration.ofSeconds(10), 32, RequestFeed.MAX_REQUEST);

  public ControlLimits {
    Objects.requireNonNull(receiveTimeout, "receiveTimeout");
    Objects.requireNonNull(sendTimeout, "sendTimeout");
    if (receiveTimeout.isNegative() || receiveTimeout.isZero()) {
      throw new IllegalArgumentException("receiveTimeout: must be positive, got " + receiveTimeout);
    }
    if (sendTimeout.isNegative() || sendTimeout.isZero()) {
      throw new IllegalArgumentException("sendTimeout: must be positive, got " + sendTimeout);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections: must be >= 1, got " + maxConnections);
    }
    if (maxRequestBytes < 2) {
      throw new IllegalArgumentException("maxRequestBytes: must be >= 2, got " + maxRequestBytes);
    }
  }

  public ControlLimits withReceiveTimeout(Duration timeout) {
    return new ControlLimits(timeout, sendTimeout, maxConnections, maxRequestBytes);
  }
}
