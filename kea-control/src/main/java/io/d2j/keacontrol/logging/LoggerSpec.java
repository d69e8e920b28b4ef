package io.d2j.keacontrol.logging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of Kea's {@code loggers} list, validated: which logger, how much, and where to.
 *
 * <pre>{@code
 * { "name": "kea-dhcp-ddns.d2-to-dns", "severity": "DEBUG", "debuglevel": 55,
 *   "output-options": [ { "output": "/var/log/d2.log", "maxsize": 1048576, "maxver": 4 } ] }
 * }</pre>
 *
 * @param name the Kea logger name, e.g. {@code kea-dhcp-ddns}, {@code kea-dhcp-ddns.dhcpddns} or
 *     {@code kea-dhcp4.ddns}
 * @param severity the threshold; empty inherits the parent's (Kea 2.4+ makes severity optional)
 * @param debugLevel Kea's 0..99 detail level, meaningful only with severity DEBUG
 * @param outputs where the logger writes; empty keeps the parent's outputs
 */
public record LoggerSpec(
    String name, Optional<Severity> severity, int debugLevel, List<LoggerOutput> outputs) {

  /** Kea's severities, least to most verbose except NONE, which silences the logger. */
  public enum Severity {
    FATAL,
    ERROR,
    WARN,
    INFO,
    DEBUG,
    NONE
  }

  public static final int MAX_DEBUG_LEVEL = 99;

  /** Kea's default {@code debuglevel}. */
  public static final long DEFAULT_DEBUG_LEVEL = 0;

  public LoggerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(severity, "severity");
    outputs = List.copyOf(outputs);
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: must not be blank");
    }
    if (debugLevel < 0 || debugLevel > MAX_DEBUG_LEVEL) {
      throw new IllegalArgumentException("debuglevel: must be 0..99, got " + debugLevel);
    }
  }
}
