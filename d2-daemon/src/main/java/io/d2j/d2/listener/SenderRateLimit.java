package io.d2j.d2.listener;

import io.d2j.keacontrol.limits.TokenBuckets;
import java.net.InetAddress;
import java.util.function.LongSupplier;

/**
 * A per-source-address rate limit on NCR datagrams (issue 16 item 2, {@code
 * user-context.d2j.sender-rate-limit}): a token bucket per address, {@code perSecond} tokens a
 * second up to {@code burst}; a datagram with no token left is dropped. Off by default: a DHCP
 * server's legitimate burst (a renumbering, a restart) must not lose NCRs, so a limit is for sites
 * that prefer dropping a flood to journaling it.
 *
 * <p>Thread-safe. At most {@value #MAX_SOURCES} addresses are tracked, the least recently seen
 * forgotten first (a forgotten one starts again with a full bucket), so memory is bounded whatever
 * the sources.
 */
public final class SenderRateLimit {

  /** No limit. */
  public static final SenderRateLimit OFF = new SenderRateLimit(null, "off", System::nanoTime);

  static final int MAX_SOURCES = 65_536;

  private final TokenBuckets<InetAddress> buckets;
  private final String shown;
  private final LongSupplier nanos;

  private SenderRateLimit(TokenBuckets<InetAddress> buckets, String shown, LongSupplier nanos) {
    this.buckets = buckets;
    this.shown = shown;
    this.nanos = nanos;
  }

  /**
   * @param perSecond datagrams a second each source may send, sustained (at least 1)
   * @param burst how many it may send at once (at least 1)
   * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public static SenderRateLimit of(long perSecond, long burst, LongSupplier nanos) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "perSecond and burst must be at least 1, got " + perSecond + ", " + burst);
    }
    return new SenderRateLimit(
        new TokenBuckets<>(perSecond, burst, MAX_SOURCES), perSecond + "/s, burst " + burst, nanos);
  }

  public boolean on() {
    return buckets != null;
  }

  /** Whether a datagram from {@code from} may pass now; takes its token if so. */
  public synchronized boolean admit(InetAddress from) {
    if (buckets == null || from == null) {
      return true;
    }
    return buckets.tryTake(from, nanos.getAsLong());
  }

  @Override
  public String toString() {
    return shown;
  }
}
