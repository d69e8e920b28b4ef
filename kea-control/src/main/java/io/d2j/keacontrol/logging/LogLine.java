package io.d2j.keacontrol.logging;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What one {@link LogId} is made of, built once when its enum constant is: the id, severity, logger
 * (under the daemon's root) and text, the SLF4J format and the logger itself. A daemon's catalogue
 * enum keeps one and hands it out as {@link LogId#parts()}.
 *
 * <pre>{@code
 * DHCP4_SHUTDOWN_REQUEST(Level.INFO, "dhcp4", "shutdown requested, exit-value {}");
 * // its constructor: line = new LogLine(name(), severity, "kea-dhcp4", logger, text)
 * // logs to kea-dhcp4.dhcp4: "DHCP4_SHUTDOWN_REQUEST shutdown requested, exit-value {}"
 * }</pre>
 */
public final class LogLine {

  private final String id;
  private final Level severity;
  private final String logger;
  private final String text;
  private final String format;
  private final Logger log;

  /**
   * @param root the daemon's root logger ({@code kea-dhcp-ddns})
   * @param logger the logger under it ({@code dhcpddns}); empty for a stderr-only line, which goes
   *     to the root when it is logged at all
   */
  public LogLine(String id, Level severity, String root, String logger, String text) {
    this.id = Objects.requireNonNull(id, "id");
    this.severity = Objects.requireNonNull(severity, "severity");
    this.logger = Objects.requireNonNull(logger, "logger");
    this.text = Objects.requireNonNull(text, "text");
    this.format = id + " " + text;
    this.log = LoggerFactory.getLogger(logger.isEmpty() ? root : root + "." + logger);
  }

  public String id() {
    return id;
  }

  public Level severity() {
    return severity;
  }

  public String logger() {
    return logger;
  }

  public String text() {
    return text;
  }

  public String format() {
    return format;
  }

  public Logger slf4j() {
    return log;
  }
}
