package io.d2j.keacontrol.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.KeaConfigReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;

/**
 * Kea's loggers block applied to a private Logback context; outputs captured, files in a temp dir.
 */
class KeaLoggingTest {

  @TempDir Path dir;

  private final LoggerContext context = started(new LoggerContext());
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final KeaLogging logging =
      new KeaLogging(
          context,
          new KeaLogging.Sinks(
              new PrintStream(stdout, true, StandardCharsets.UTF_8),
              new PrintStream(stderr, true, StandardCharsets.UTF_8),
              "127.0.0.1",
              514),
          "kea-dhcp-ddns");

  /** A private context, set up as SLF4J's own is (events need an MDC adapter). */
  private static LoggerContext started(LoggerContext c) {
    c.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    c.start();
    return c;
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  private List<LoggerSpec> loggers(String json) {
    String text = ("{'DhcpDdns': {'loggers': " + json + "}}").replace('\'', '"');
    ConfigMap d2 = KeaConfigReader.parse(text, "d2.json").requireMap("DhcpDdns");
    return new LoggersParser(dir, new java.util.ArrayList<>()).parse(d2.optList("loggers"));
  }

  private Logger log(String name) {
    return context.getLogger(name);
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  @Test
  void stdoutAndStderr_withKeaPatterns_andSeverityFiltering() {
    List<String> problems =
        logging.apply(
            loggers(
                "[{'name': 'kea-dhcp-ddns', 'severity': 'WARN', 'output-options':"
                    + " [{'output': 'stdout', 'pattern': '%p %c %m\\n'},"
                    + " {'output': 'stderr', 'pattern': '[%-5p] %m\\n'}]}]"));
    assertThat(problems).isEmpty();
    log("kea-dhcp-ddns.dhcpddns").info("DHCP_DDNS_STARTED not shown at WARN");
    log("kea-dhcp-ddns.dhcpddns").warn("DHCP_DDNS_NOT_ON_LOOPBACK shown");
    log("kea-dhcp-ddns.d2-to-dns").error("DHCP_DDNS_ADD_FAILED shown");
    assertThat(out())
        .isEqualTo(
            "WARN kea-dhcp-ddns.dhcpddns DHCP_DDNS_NOT_ON_LOOPBACK shown\n"
                + "ERROR kea-dhcp-ddns.d2-to-dns DHCP_DDNS_ADD_FAILED shown\n");
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .isEqualTo("[WARN ] DHCP_DDNS_NOT_ON_LOOPBACK shown\n[ERROR] DHCP_DDNS_ADD_FAILED shown\n");
  }

  @Test
  void childSeverity_overridesTheRoot_andWritesThroughTheRootsOutputs() {
    logging.apply(
        loggers(
            "[{'name': 'kea-dhcp-ddns', 'severity': 'INFO', 'output-options': [{'output': 'stdout',"
                + " 'pattern': '%c %m\\n'}]}, {'name': 'kea-dhcp-ddns.d2-to-dns', 'severity': 'DEBUG'}]"));
    log("kea-dhcp-ddns.dhcpddns").debug("hidden");
    log("kea-dhcp-ddns.d2-to-dns").debug("DHCP_DDNS_UPDATE_REQUEST_SENT");
    log("kea-dhcp-ddns.d2-to-dns").trace("hidden below debuglevel 50");
    assertThat(out()).isEqualTo("kea-dhcp-ddns.d2-to-dns DHCP_DDNS_UPDATE_REQUEST_SENT\n");
  }

  @Test
  void severityNone_silencesTheLogger() {
    logging.apply(
        loggers(
            "[{'name': 'kea-dhcp-ddns', 'severity': 'NONE', 'output-options': [{'output': 'stdout'}]}]"));
    log("kea-dhcp-ddns.dhcpddns").error("not shown");
    assertThat(out()).isEmpty();
  }

  @Test
  void fileOutput_withoutRotation_appends() throws Exception {
    Path file = dir.resolve("d2.log");
    Files.writeString(file, "earlier\n");
    logging.apply(
        loggers(
            "[{'name': 'kea-dhcp-ddns', 'severity': 'INFO', 'output-options': [{'output': 'd2.log',"
                + " 'maxsize': 0, 'pattern': '%p %m\\n'}]}]"));
    log("kea-dhcp-ddns.dhcpddns").info("DHCP_DDNS_STARTED");
    assertThat(Files.readString(file)).isEqualTo("earlier\nINFO DHCP_DDNS_STARTED\n");
  }

  @Test
  void fileOutput_rotatesAtMaxsize_keepingMaxverFiles() throws Exception {
    logging.apply(
        loggers(
            "[{'name': 'kea-dhcp-ddns', 'severity': 'INFO', 'output-options': [{'output': 'd2.log',"
                + " 'maxsize': 100, 'maxver': 2, 'pattern': '%m\\n'}]}]"));
    for (int i = 0; i < 40; i++) {
      log("kea-dhcp-ddns.dhcpddns").info("line {} of the rotation test", i);
    }
    assertThat(dir.resolve("d2.log")).exists();
    assertThat(dir.resolve("d2.log.1")).exists();
    assertThat(dir.resolve("d2.log.2")).exists();
    assertThat(dir.resolve("d2.log.3")).doesNotExist();
    assertThat(Files.size(dir.resolve("d2.log.1"))).isLessThan(200);
    assertThat(Files.readString(dir.resolve("d2.log"))).endsWith("line 39 of the rotation test\n");
  }

  @Test
  void fileOutput_aFileAlreadyOverMaxsize_rollsOverBeforeTheFirstLine() throws Exception {
    Path file = dir.resolve("d2.log");
    Files.writeString(file, "x".repeat(150) + "\n");
    logging.apply(
        loggers(
            "[{'name': 'kea-dhcp-ddns', 'severity': 'INFO', 'output-options': [{'output': 'd2.log',"
                + " 'maxsize': 100, 'maxver': 2, 'pattern': '%m\\n'}]}]"));
    log("kea-dhcp-ddns.dhcpddns").info("first");
    log("kea-dhcp-ddns.dhcpddns").info("second");

    assertThat(Files.readString(dir.resolve("d2.log.1"))).isEqualTo("x".repeat(150) + "\n");
    assertThat(Files.readString(file)).isEqualTo("first\nsecond\n");
  }

  @Test
  void applyingAgain_replacesTheOutputs_andAnEmptyListRestoresTheDefault() throws Exception {
    logging.apply(
        loggers(
            "[{'name': 'kea-dhcp-ddns', 'severity': 'DEBUG', 'output-options': [{'output': 'a.log',"
                + " 'pattern': '%m\\n'}]}]"));
    log("kea-dhcp-ddns.dhcpddns").debug("one");
    logging.apply(
        loggers(
            "[{'name': 'kea-dhcp-ddns', 'output-options': [{'output': 'stdout', 'pattern': '%m\\n'}]}]"));
    log("kea-dhcp-ddns.dhcpddns").info("two");
    assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo("one\n");
    assertThat(out()).isEqualTo("two\n");
    logging.apply(List.of());
    log("kea-dhcp-ddns.dhcpddns").info("three");
    assertThat(out()).isEqualTo("two\n");
    assertThat(context.getLogger("kea-dhcp-ddns").getLevel()).isNull();
    assertThat(context.getLogger("kea-dhcp-ddns").isAdditive()).isTrue();
    assertThat(context.getLogger("kea-dhcp-ddns").iteratorForAppenders().hasNext()).isFalse();
  }

  @Test
  void verbose_logsEveryConfiguredLoggerAtTheMostDetail() {
    logging.apply(
        loggers(
            "[{'name': 'kea-dhcp-ddns', 'severity': 'ERROR', 'output-options': [{'output': 'stdout',"
                + " 'pattern': '%m\\n'}]}]"),
        true);
    log("kea-dhcp-ddns.d2-to-dns").trace("detail");
    assertThat(out()).isEqualTo("detail\n");
  }

  @Test
  void aFileThatCannotBeOpened_isReported_andTheOtherOutputsStillWork() throws Exception {
    Files.writeString(dir.resolve("blocker"), "a file, not a directory");
    List<String> problems =
        logging.apply(
            loggers(
                "[{'name': 'kea-dhcp-ddns', 'output-options': [{'output': 'blocker/d2.log', 'maxsize': 0},"
                    + " {'output': 'stdout', 'pattern': '%m\\n'}]}]"));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith(
            "loggers 'kea-dhcp-ddns' output '"
                + dir.resolve("blocker/d2.log")
                + "': could not start: ");
    log("kea-dhcp-ddns").info("still here");
    assertThat(out()).isEqualTo("still here\n");
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
    "FATAL, 0, ERROR",
    "ERROR, 0, ERROR",
    "WARN, 0, WARN",
    "INFO, 0, INFO",
    "DEBUG, 0, DEBUG",
    "DEBUG, 49, DEBUG",
    "DEBUG, 50, TRACE",
    "DEBUG, 99, TRACE",
    "NONE, 0, OFF",
  })
  void keaSeverityAndDebuglevel_mapToLogbackLevels(
      LoggerSpec.Severity severity, int debugLevel, String level) {
    assertThat(
            KeaLogging.level(
                new LoggerSpec("kea-dhcp-ddns", Optional.of(severity), debugLevel, List.of())))
        .isEqualTo(Level.toLevel(level));
  }

  @Test
  void noSeverity_inheritsTheParentsLevel() {
    assertThat(
            KeaLogging.level(new LoggerSpec("kea-dhcp-ddns.dctl", Optional.empty(), 0, List.of())))
        .isNull();
  }
}
