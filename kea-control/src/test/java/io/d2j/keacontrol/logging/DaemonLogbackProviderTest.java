package io.d2j.keacontrol.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * SLF4J's binding for a daemon's process: the built-in default set up directly, a {@code
 * logback.configurationFile} left to Logback. Each provider here is a fresh one with a context of
 * its own; the test JVM's SLF4J is not rebound.
 */
class DaemonLogbackProviderTest {

  private LoggerContext context;

  @AfterEach
  void stop() {
    if (context != null) {
      context.stop();
    }
    System.clearProperty("logback.configurationFile");
  }

  private LoggerContext initialize() {
    DaemonLogbackProvider provider = new DaemonLogbackProvider();
    provider.initialize();
    context = (LoggerContext) provider.getLoggerFactory();
    assertThat(provider.getMDCAdapter()).isSameAs(context.getMDCAdapter());
    assertThat(provider.getMarkerFactory().getMarker("m").getName()).isEqualTo("m");
    assertThat(provider.getRequestedApiVersion()).startsWith("2.0.");
    return context;
  }

  @Test
  void initialize_setsTheBuiltInDefaultUp() {
    LoggerContext c = initialize();

    assertThat(c.isStarted()).isTrue();
    assertThat(c.getName()).isEqualTo("default");
    ch.qos.logback.classic.Logger root = c.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    Appender<ILoggingEvent> appender = root.getAppender("STDOUT");
    assertThat(appender).isInstanceOf(ConsoleAppender.class);
    assertThat(appender.isStarted()).isTrue();
    var encoder =
        (LayoutWrappingEncoder<ILoggingEvent>)
            ((ConsoleAppender<ILoggingEvent>) appender).getEncoder();
    assertThat(((DefaultLineLayout) encoder.getLayout()).pattern())
        .isEqualTo(StdoutConfigurator.PATTERN);
    assertThat(c.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
    assertThat(c.getLogger("io.vertx").getLevel()).isEqualTo(Level.WARN);
    assertThat(c.getLogger("org.xbill").getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void initialize_withAConfigurationFile_leavesItToLogback(@TempDir Path dir) throws Exception {
    Path xml = dir.resolve("logback.xml");
    Files.writeString(
        xml,
        "<configuration>\n"
            + "  <appender name=\"OPERATOR\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
            + "    <encoder><pattern>%msg%n</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <root level=\"DEBUG\"><appender-ref ref=\"OPERATOR\"/></root>\n"
            + "</configuration>\n");
    System.setProperty("logback.configurationFile", xml.toString());

    LoggerContext c = initialize();

    ch.qos.logback.classic.Logger root = c.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(root.getAppender("OPERATOR")).isNotNull();
    assertThat(root.getAppender("STDOUT")).isNull();
  }

  @Test
  void select_namesThisProvider_unlessTheOperatorNamedOne() {
    String provider = System.getProperty("slf4j.provider");
    String verbosity = System.getProperty("slf4j.internal.verbosity");
    try {
      System.clearProperty("slf4j.provider");
      System.clearProperty("slf4j.internal.verbosity");
      DaemonLogbackProvider.select();
      assertThat(System.getProperty("slf4j.provider"))
          .isEqualTo(DaemonLogbackProvider.class.getName());
      assertThat(System.getProperty("slf4j.internal.verbosity")).isEqualTo("WARN");

      System.setProperty("slf4j.provider", "org.example.Theirs");
      System.clearProperty("slf4j.internal.verbosity");
      DaemonLogbackProvider.select();
      assertThat(System.getProperty("slf4j.provider")).isEqualTo("org.example.Theirs");
      assertThat(System.getProperty("slf4j.internal.verbosity")).isNull();

      System.clearProperty("slf4j.provider");
      System.setProperty("slf4j.internal.verbosity", "DEBUG");
      DaemonLogbackProvider.select();
      assertThat(System.getProperty("slf4j.internal.verbosity")).isEqualTo("DEBUG");
    } finally {
      restore("slf4j.provider", provider);
      restore("slf4j.internal.verbosity", verbosity);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
