package io.d2j.dhcp4.config;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The lease-time settings of one scope, inheritance already applied (global, shared network,
 * subnet; the most specific that sets a key wins).
 *
 * @param valid option 51: {@code valid-lifetime} with its min/max bounds
 * @param renewTimer option 58 (T1) when configured
 * @param rebindTimer option 59 (T2) when configured
 * @param calculateTeeTimes compute T1/T2 from the percentages when the timers are not configured
 * @param t1Percent T1 as a fraction of the valid lifetime
 * @param t2Percent T2 as a fraction of the valid lifetime
 */
public record LeaseTimes(
    Lifetime valid,
    OptionalLong renewTimer,
    OptionalLong rebindTimer,
    boolean calculateTeeTimes,
    double t1Percent,
    double t2Percent) {

  public LeaseTimes {
    Objects.requireNonNull(valid, "valid");
    if (valid.value() < 1 || valid.max() > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "valid-lifetime " + valid.value() + " is outside 1-4294967295");
    }
    if (!(t1Percent > 0 && t1Percent < 1) || !(t2Percent > 0 && t2Percent < 1)) {
      throw new IllegalArgumentException("t1-percent and t2-percent must lie between 0 and 1");
    }
    if (t1Percent >= t2Percent) {
      throw new IllegalArgumentException(
          "t1-percent (" + t1Percent + ") must be less than t2-percent (" + t2Percent + ")");
    }
  }

  /** A fixed lifetime (no min/max bounds). */
  public LeaseTimes(
      long validLifetime,
      OptionalLong renewTimer,
      OptionalLong rebindTimer,
      boolean calculateTeeTimes,
      double t1Percent,
      double t2Percent) {
    this(
        Lifetime.fixed(validLifetime),
        renewTimer,
        rebindTimer,
        calculateTeeTimes,
        t1Percent,
        t2Percent);
  }

  /** {@code valid-lifetime}: the lifetime of a client that asks for none. */
  public long validLifetime() {
    return valid.value();
  }
}
