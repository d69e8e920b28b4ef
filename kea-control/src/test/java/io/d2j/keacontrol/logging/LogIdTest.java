package io.d2j.keacontrol.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A {@link LogId} logs its id and text at its level, with or without values. */
class LogIdTest {

  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final Logger logger = (Logger) TestLog.TEST_STOPPING.slf4j();

  @BeforeEach
  void attach() {
    events.start();
    logger.addAppender(events);
    logger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(events);
    logger.setLevel(null);
  }

  @Test
  void aLineWithoutValues_isLoggedByLogWithNoArguments() {
    // log() with no arguments once resolved to a getter of the same name and logged nothing.
    TestLog.TEST_STOPPING.log();

    assertThat(events.list).hasSize(1);
    assertThat(events.list.get(0).getFormattedMessage()).isEqualTo("TEST_STOPPING stopping");
    assertThat(events.list.get(0).getLevel()).isEqualTo(Level.INFO);
    assertThat(events.list.get(0).getLoggerName()).isEqualTo("test.daemon");
  }

  @Test
  void values_fillThePlaceholders_atTheLinesLevel() {
    TestLog.TEST_SIGNAL.log("HUP", "reserved");

    assertThat(events.list).hasSize(1);
    assertThat(events.list.get(0).getFormattedMessage())
        .isEqualTo("TEST_SIGNAL SIGHUP not handled: reserved");
    assertThat(events.list.get(0).getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void line_isTheStderrForm() {
    assertThat(TestLog.TEST_RELOADING.line("/etc/kea/test.json"))
        .isEqualTo("TEST_RELOADING reloading /etc/kea/test.json");
  }
}
