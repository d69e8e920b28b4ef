package io.d2j.dhcp4.ddns;

import java.util.OptionalDouble;

/**
 * The DNS TTL an NCR carries as {@code lease-length} (spec §1.6): a third of the lease lifetime
 * (RFC 4702 §5), or {@code ddns-ttl-percent} of it, never below 600 s. Kea 2.2: a 3600 s lease
 * gives 1200, a 4 s lease 600.
 */
public final class DdnsTtl {

  /** Kea's floor, in seconds. */
  public static final long MIN_TTL = 600;

  private DdnsTtl() {}

  /** The TTL for a lease of {@code validLifetime} seconds. */
  public static long of(long validLifetime, OptionalDouble ttlPercent) {
    long ttl;
    if (ttlPercent.isPresent() && ttlPercent.getAsDouble() > 0) {
      ttl = Math.round(ttlPercent.getAsDouble() * validLifetime);
    } else {
      // Kea 2.2's integer rule; round(0.33333 x lft) of later versions agrees for usual lifetimes.
      ttl = validLifetime / 3;
    }
    return Math.max(MIN_TTL, ttl);
  }
}
