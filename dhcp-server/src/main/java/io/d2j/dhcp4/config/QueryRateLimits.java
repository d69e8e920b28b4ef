package io.d2j.dhcp4.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code user-context.d2j.query-rate-limit} (issue 16 item 5): how many queries a second one client
 * and one relay may have handled; the rest are dropped before the chain runs. Off by default (Kea
 * has no such limit: a legitimate burst, such as every client of a link after a power cut, must not
 * be dropped unless the operator asks for it).
 *
 * <pre>{@code
 * "user-context": {"d2j": {"query-rate-limit": {
 *     "per-client": {"per-second": 5, "burst": 20},
 *     "per-relay": {"per-second": 2000},
 *     "max-tracked": 65536 }}}
 * }</pre>
 *
 * @param perClient the budget of each client (hardware address, else client identifier)
 * @param perRelay the budget of each relay (giaddr) and, for directly connected clients, of each
 *     ingress interface
 * @param maxTracked how many clients (and, separately, relays) are remembered at once; the least
 *     recently seen is forgotten first, so memory stays bounded whatever addresses a flood uses
 */
public record QueryRateLimits(Optional<Rate> perClient, Optional<Rate> perRelay, int maxTracked) {

  /** Default of {@code max-tracked}. */
  public static final int DEFAULT_MAX_TRACKED = 65_536;

  /** No limit (the default). */
  public static final QueryRateLimits OFF =
      new QueryRateLimits(Optional.empty(), Optional.empty(), DEFAULT_MAX_TRACKED);

  /**
   * A token bucket: {@code perSecond} queries a second sustained, up to {@code burst} at once.
   *
   * @param perSecond at least 1
   * @param burst at least 1
   */
  public record Rate(long perSecond, long burst) {
    public Rate {
      if (perSecond < 1 || burst < 1) {
        throw new IllegalArgumentException(
            "per-second and burst must be at least 1, got " + perSecond + ", " + burst);
      }
    }

    @Override
    public String toString() {
      return perSecond + "/s, burst " + burst;
    }
  }

  public QueryRateLimits {
    Objects.requireNonNull(perClient, "perClient");
    Objects.requireNonNull(perRelay, "perRelay");
    if (maxTracked < 1) {
      throw new IllegalArgumentException("max-tracked must be at least 1, got " + maxTracked);
    }
  }

  /** Whether any limit is set. */
  public boolean on() {
    return perClient.isPresent() || perRelay.isPresent();
  }
}
