package io.d2j.d2.config;

/**
 * {@code user-context.d2j.sender-rate-limit} (issue 16 item 2): at most {@code perSecond} NCR
 * datagrams a second from each source address, {@code burst} at once.
 *
 * <pre>{@code
 * "sender-rate-limit": { "per-second": 2000, "burst": 20000 }
 * }</pre>
 */
public record SenderRateLimitSettings(long perSecond, long burst) {

  public SenderRateLimitSettings {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "perSecond and burst must be at least 1, got " + perSecond + ", " + burst);
    }
  }
}
