package io.d2j.keacontrol.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The built-in default logging, set up in code on a private Logback context. */
class StdoutConfiguratorTest {

  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void stop() {
    context.stop();
    System.clearProperty("logback.configurationFile");
  }

  private ExecutionStatus configure() {
    StdoutConfigurator configurator = new StdoutConfigurator();
    configurator.setContext(context);
    return configurator.configure(context);
  }

  @Test
  void configure_logsToStdoutAtInfoWithTheDaemonsLineLayout_andQuietsTheLibraries() {
    assertThat(configure()).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    Appender<ILoggingEvent> appender = root.getAppender("STDOUT");
    assertThat(appender).isInstanceOf(ConsoleAppender.class);
    assertThat(appender.isStarted()).isTrue();
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
    assertThat(console.getTarget()).isEqualTo("System.out");
    var encoder = (LayoutWrappingEncoder<ILoggingEvent>) console.getEncoder();
    assertThat(((DefaultLineLayout) encoder.getLayout()).pattern())
        .isEqualTo("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%logger] %msg%n");
    assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.vertx").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.xbill").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("kea-dhcp-ddns.dhcpddns").getEffectiveLevel())
        .isEqualTo(Level.INFO);
  }

  @Test
  void configure_withAConfigurationFileProperty_leavesItToLogback() {
    System.setProperty("logback.configurationFile", "/nonexistent/logback.xml");

    assertThat(configure()).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNull();
  }
}
