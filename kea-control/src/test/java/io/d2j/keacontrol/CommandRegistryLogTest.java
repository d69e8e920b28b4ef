package io.d2j.keacontrol;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Which commands leave an INFO line: not the probes a health check sends every few seconds. */
class CommandRegistryLogTest {

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("kea-dhcp-ddns.commands");
  private Level levelBefore;

  @BeforeEach
  void capture() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void release() {
    logger.detachAppender(log);
    logger.setLevel(levelBefore);
  }

  @ParameterizedTest
  @CsvSource({
    "status-get, DEBUG, COMMAND_RECEIVED command=status-get",
    "version-get, DEBUG, COMMAND_RECEIVED command=version-get",
    "statistic-get-all, DEBUG, COMMAND_RECEIVED command=statistic-get-all",
    "list-commands, DEBUG, COMMAND_RECEIVED command=list-commands",
    "config-get, DEBUG, COMMAND_RECEIVED command=config-get",
    "config-reload, INFO, COMMAND_RECEIVED command=config-reload",
    "shutdown, INFO, COMMAND_RECEIVED command=shutdown",
    "statistic-reset-all, INFO, COMMAND_RECEIVED command=statistic-reset-all",
    "no-such-command, INFO, COMMAND_RECEIVED command=no-such-command (not supported)",
  })
  void commandReceived_isDebugForReadOnlyCommands_infoForTheRest(
      String command, String level, String line) {
    CommandRegistry registry = new CommandRegistry("kea-dhcp-ddns");
    for (String name :
        new String[] {
          "status-get",
          "version-get",
          "statistic-get-all",
          "config-get",
          "config-reload",
          "shutdown",
          "statistic-reset-all"
        }) {
      registry.register(Command.of(name, args -> Answer.ok("done")));
    }
    ObjectNode request = JsonNodeFactory.instance.objectNode().put("command", command);

    registry.execute(request);

    assertThat(log.list)
        .extracting(e -> e.getLevel() + " " + e.getFormattedMessage())
        .containsExactly(level + " " + line);
  }
}
