package io.d2j.keacontrol.logging;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * One operator-facing log line: its stable id (Kea's where Kea has the line), its severity, the
 * logger it goes to and its text. Each daemon lists all of its lines in one enum implementing this
 * ({@code D2Log}, {@code Dhcp4Log}), which the code logs through and docs/log-messages.md is
 * checked against by a test, so no id is missing from the catalogue or unused.
 *
 * <pre>{@code
 * D2Log.DHCP_DDNS_NCR_RETRYING.log(ncr.requestId(), ncr.fqdn());
 * // INFO [kea-dhcp-ddns.d2-to-dns] DHCP_DDNS_NCR_RETRYING request=… fqdn=… retrying after …
 * }</pre>
 */
public interface LogId {

  /** The id that starts the line, e.g. {@code DHCP_DDNS_NCR_RETRYING}. */
  String id();

  /** The level it is logged at (a line may name others it is also logged at: {@link #also}). */
  Level severity();

  /**
   * Further levels the line is logged at in some cases (Kea's QUEUE_FULL is a warning while the
   * journal holds the NCRs, an error when it drops one); empty for most.
   */
  default java.util.Set<Level> also() {
    return java.util.Set.of();
  }

  /**
   * The logger under the daemon's root ({@code d2-to-dns} for {@code kea-dhcp-ddns.d2-to-dns});
   * empty for a line the command line prints on stderr before logging is set up.
   */
  String logger();

  /** What follows the id: SLF4J {@code {}} placeholders for the values. */
  String text();

  /** The logger the line goes to. */
  Logger log();

  /** The SLF4J format: the id, a space, the text (an enum keeps it, built once). */
  default String format() {
    return id() + " " + text();
  }

  /** Logs the line at its severity with {@code args} for the placeholders. */
  default void log(Object... args) {
    log(severity(), args);
  }

  /** Logs the line at {@code level}, its severity or one of {@link #also()}. */
  default void log(Level level, Object... args) {
    String format = format();
    Logger l = log();
    switch (level) {
      case ERROR -> l.error(format, args);
      case WARN -> l.warn(format, args);
      case INFO -> l.info(format, args);
      case DEBUG -> l.debug(format, args);
      case TRACE -> l.trace(format, args);
    }
  }

  /** Whether the line would be written at its severity: guards lines whose values cost. */
  default boolean enabled() {
    return log().isEnabledForLevel(severity());
  }

  /** The line as the command line prints it on stderr: the id, then the text's values. */
  default String line(Object... args) {
    return id() + " " + org.slf4j.helpers.MessageFormatter.arrayFormat(text(), args).getMessage();
  }
}
