package io.d2j.keacontrol.logging;

import static io.d2j.keaconfig.ConfigChecks.asMap;
import static io.d2j.keaconfig.ConfigChecks.at;
import static io.d2j.keaconfig.ConfigChecks.nonBlank;
import static io.d2j.keaconfig.ConfigChecks.rangeChecked;

import io.d2j.keaconfig.ConfigChecks;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keacontrol.logging.LoggerOutput.Destination;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code loggers} scope, the same in every Kea daemon: Kea's grammar ({@code logger_param},
 * {@code output_params} of d2_parser.yy and dhcp4_parser.yy) and Kea's LogConfigParser rules, with
 * d2j's texts.
 */
public final class LoggersParser {

  private static final Set<String> LOGGER_KEYS =
      Set.of(
          "name",
          "severity",
          "debuglevel",
          "output-options",
          "output_options",
          "user-context",
          "comment");
  private static final Set<String> OUTPUT_KEYS =
      Set.of("output", "flush", "maxsize", "maxver", "pattern");

  /** The facility names syslog(3) knows, as {@code syslog:NAME} may give them. */
  static final Set<String> SYSLOG_FACILITIES =
      Set.of(
          "kern",
          "user",
          "mail",
          "daemon",
          "auth",
          "syslog",
          "lpr",
          "news",
          "uucp",
          "cron",
          "authpriv",
          "ftp",
          "ntp",
          "audit",
          "alert",
          "clock",
          "local0",
          "local1",
          "local2",
          "local3",
          "local4",
          "local5",
          "local6",
          "local7");

  private final Path baseDir;
  private final List<String> warnings;

  /**
   * @param baseDir what relative log file paths resolve against: the configuration file's directory
   * @param warnings where problems that do not stop the configuration go (Kea loads such a file
   *     too)
   */
  public LoggersParser(Path baseDir, List<String> warnings) {
    this.baseDir = baseDir;
    this.warnings = warnings;
  }

  /** The {@code loggers} list of a daemon's scope, if it has one. */
  public List<LoggerSpec> parse(Optional<ConfigList> list) {
    List<LoggerSpec> loggers = new ArrayList<>();
    if (list.isPresent()) {
      for (ConfigNode item : list.get()) {
        loggers.add(parseLogger(asMap(item)));
      }
    }
    return loggers;
  }

  private LoggerSpec parseLogger(ConfigMap logger) {
    logger.rejectUnknownKeys(LOGGER_KEYS);
    ConfigChecks.checkContext(logger);
    String name = nonBlank(logger, "name", "logger name");
    Optional<LoggerSpec.Severity> severity =
        logger.optString("severity").map(s -> severity(logger, s));
    int debugLevel =
        (int)
            rangeChecked(
                logger,
                "debuglevel",
                LoggerSpec.DEFAULT_DEBUG_LEVEL,
                0,
                LoggerSpec.MAX_DEBUG_LEVEL);
    if (logger.has("output-options") && logger.has("output_options")) {
      throw at(logger, "output_options", "give either output-options or output_options, not both");
    }
    // Kea 2.2 knows only output_options; 2.4+ prefers output-options and still reads the old one.
    Optional<ConfigList> outputList =
        logger.optList("output-options").or(() -> logger.optList("output_options"));
    List<LoggerOutput> outputs = new ArrayList<>();
    if (outputList.isPresent()) {
      for (ConfigNode item : outputList.get()) {
        outputs.add(parseOutput(asMap(item)));
      }
    }
    return new LoggerSpec(name, severity, debugLevel, outputs);
  }

  private LoggerSpec.Severity severity(ConfigMap logger, String text) {
    try {
      return LoggerSpec.Severity.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // Kea 2.4+ logs LOG_BAD_SEVERITY and runs at INFO; a file Kea loads must load here too.
      warnings.add(
          "LOG_BAD_SEVERITY "
              + logger.path()
              + "/severity: unknown severity '"
              + text
              + "' (expected FATAL, ERROR, WARN, INFO, DEBUG or NONE); using INFO as Kea does");
      return LoggerSpec.Severity.INFO;
    }
  }

  private LoggerOutput parseOutput(ConfigMap output) {
    output.rejectUnknownKeys(OUTPUT_KEYS);
    String text = nonBlank(output, "output", "output");
    Destination destination = destination(output, text);
    boolean flush = output.optBool("flush").orElse(LoggerOutput.DEFAULT_FLUSH);
    long maxSize = rangeChecked(output, "maxsize", LoggerOutput.DEFAULT_MAXSIZE, 0, Long.MAX_VALUE);
    int maxVer =
        (int) rangeChecked(output, "maxver", LoggerOutput.DEFAULT_MAXVER, 0, Integer.MAX_VALUE);
    Optional<String> pattern = output.optString("pattern").filter(p -> !p.isEmpty());
    return new LoggerOutput(destination, flush, maxSize, maxVer, pattern);
  }

  private Destination destination(ConfigMap output, String text) {
    switch (text) {
      case "stdout":
        return new LoggerOutput.Stdout();
      case "stderr":
        return new LoggerOutput.Stderr();
      case "syslog":
      case "syslog:":
        return new LoggerOutput.Syslog(Optional.empty());
      default:
        break;
    }
    if (text.startsWith("syslog:")) {
      String facility = text.substring("syslog:".length());
      if (!SYSLOG_FACILITIES.contains(facility.toLowerCase(Locale.ROOT))) {
        warnings.add(
            output.path()
                + "/output: '"
                + facility
                + "' is not a syslog facility (kern, user, daemon, local0..local7, ...);"
                + " logging to facility user");
        return new LoggerOutput.Syslog(Optional.of("user"));
      }
      return new LoggerOutput.Syslog(Optional.of(facility));
    }
    return new LoggerOutput.LogFile(baseDir.resolve(text));
  }
}
