package io.d2j.d2.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code user-context.d2j.ncr-authentication} (issue 16 item 2): NCR datagrams must be signed with
 * one of {@code keys} (names of HMAC-SHA256 entries of {@code tsig-keys}), unless they come
 * unsigned from one of {@code unsignedSenders}.
 *
 * <pre>{@code
 * "ncr-authentication": { "keys": ["ncr-key"], "unsigned-senders": ["192.0.2.10"],
 *                         "time-window": 30 }
 * }</pre>
 *
 * @param keys key names, as written (at least one)
 * @param unsignedSenders addresses and prefixes whose unsigned NCRs are taken (Kea's DHCP servers)
 * @param timeWindow how far a signing time may lie from the D2's clock, either way
 */
public record NcrAuthSettings(
    List<String> keys, List<String> unsignedSenders, Duration timeWindow) {

  public NcrAuthSettings {
    keys = List.copyOf(keys);
    unsignedSenders = List.copyOf(unsignedSenders);
    Objects.requireNonNull(timeWindow, "timeWindow");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("keys: at least one");
    }
  }
}
