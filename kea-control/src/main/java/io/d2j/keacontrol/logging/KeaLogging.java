package io.d2j.keacontrol.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Applies Kea's {@code loggers} list to Logback, programmatically, so a Kea configuration's logging
 * works unchanged in either d2j daemon. Both log under Kea's names: {@code kea-dhcp-ddns} and its
 * children ({@code .dhcpddns}, {@code .dhcp-to-d2}, {@code .d2-to-dns}, {@code .libdhcp-ddns},
 * {@code .dctl}, {@code .commands}), {@code kea-dhcp4} and its children ({@code .dhcp4}, {@code
 * .ddns}, {@code .leases}, {@code .packets}, {@code .commands}, ...).
 *
 * <p>Per logger: the severity sets the Logback level (FATAL and ERROR → ERROR, WARN, INFO, DEBUG →
 * DEBUG or, at debuglevel 50 and above, TRACE, NONE → OFF; no severity inherits the parent's); a
 * logger with outputs writes only to them (not additive), one without outputs keeps its parent's.
 * An empty list restores the built-in default (stdout at INFO: {@link StdoutConfigurator}, or a
 * daemon's logback.xml).
 *
 * <p>Applying again (reconfiguration) first undoes what the previous call set, stopping and closing
 * its appenders, then sets up the new list. Calls are serialised on this instance.
 */
public final class KeaLogging {

  /** Kea's debug level from which its "detail" messages start (DBGLVL_TRACE_DETAIL = 50). */
  static final int TRACE_FROM_DEBUGLEVEL = 50;

  /**
   * Where stdout, stderr and syslog outputs go: the process's streams and the local syslog daemon
   * in production; capture streams and a test socket in tests.
   *
   * @param syslogHost the syslog daemon; only a loopback name or address is meant here
   */
  public record Sinks(PrintStream stdout, PrintStream stderr, String syslogHost, int syslogPort) {
    public Sinks {
      Objects.requireNonNull(stdout, "stdout");
      Objects.requireNonNull(stderr, "stderr");
      Objects.requireNonNull(syslogHost, "syslogHost");
      if (syslogPort < 1 || syslogPort > 65535) {
        throw new IllegalArgumentException("syslogPort: must be 1..65535, got " + syslogPort);
      }
    }

    /** The process's stdout and stderr; syslog over UDP to localhost:514. */
    public static Sinks system() {
      return new Sinks(System.out, System.err, "localhost", 514);
    }
  }

  private final LoggerContext context;
  private final LogAppenders appenders;

  /** The loggers the last {@link #apply} changed; guarded by {@code this}. */
  private final Set<String> configured = new LinkedHashSet<>();

  /**
   * @param daemon the Kea process name ({@code kea-dhcp-ddns}, {@code kea-dhcp4}): syslog lines
   *     carry it as their program name
   */
  public KeaLogging(LoggerContext context, Sinks sinks, String daemon) {
    this.context = Objects.requireNonNull(context, "context");
    this.appenders =
        new LogAppenders(
            context,
            sinks,
            new KeaPattern(ProcessHandle.current().pid()),
            Objects.requireNonNull(daemon, "daemon"));
  }

  /** For the running daemon: SLF4J's Logback context and the process's own streams. */
  public static KeaLogging forProcess(String daemon) {
    return new KeaLogging(
        (LoggerContext) LoggerFactory.getILoggerFactory(), Sinks.system(), daemon);
  }

  /**
   * Replaces the logging set up by the previous call with {@code loggers}.
   *
   * @return problems that did not stop the rest from applying (a log file that cannot be opened, a
   *     pattern conversion kept as text), each naming the logger and output
   */
  public List<String> apply(List<LoggerSpec> loggers) {
    return apply(loggers, false);
  }

  /**
   * As {@link #apply(List)}; {@code verbose} is Kea's {@code -d}: every configured logger logs at
   * DEBUG with debuglevel 99 whatever its severity.
   */
  public synchronized List<String> apply(List<LoggerSpec> loggers, boolean verbose) {
    undo();
    List<String> problems = new ArrayList<>();
    for (LoggerSpec spec : loggers) {
      Logger logger = context.getLogger(spec.name());
      configured.add(spec.name());
      logger.setLevel(verbose ? Level.TRACE : level(spec));
      if (spec.outputs().isEmpty()) {
        continue;
      }
      logger.setAdditive(false);
      for (LoggerOutput output : spec.outputs()) {
        Appender<ILoggingEvent> appender = appenders.build(spec.name(), output, problems);
        if (appender != null) {
          logger.addAppender(appender);
        }
      }
    }
    return problems;
  }

  /** The Logback level for a Kea severity and debug level; null inherits the parent's. */
  static Level level(LoggerSpec spec) {
    if (spec.severity().isEmpty()) {
      return null;
    }
    switch (spec.severity().get()) {
      case FATAL:
      case ERROR:
        return Level.ERROR;
      case WARN:
        return Level.WARN;
      case INFO:
        return Level.INFO;
      case DEBUG:
        return spec.debugLevel() >= TRACE_FROM_DEBUGLEVEL ? Level.TRACE : Level.DEBUG;
      case NONE:
        return Level.OFF;
    }
    throw new IllegalArgumentException("severity: " + spec.severity().get());
  }

  private void undo() {
    for (String name : configured) {
      Logger logger = context.getLogger(name);
      logger.detachAndStopAllAppenders();
      logger.setLevel(null);
      logger.setAdditive(true);
    }
    configured.clear();
  }
}
