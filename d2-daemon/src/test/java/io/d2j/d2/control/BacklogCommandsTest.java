package io.d2j.d2.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BacklogCommandsTest {

  @Test
  void queueGet_reportsEveryCount_domainsSorted() throws Exception {
    CommandRegistry registry = new CommandRegistry();
    BacklogCommands.register(
        registry, () -> new Backlog(3, 2, 5, 0, 42, Map.of("b.org.", 1, "a.org.", 4)));
    Answer a = registry.execute(CommandRegistry.parse("{\"command\": \"d2j-queue-get\"}"));
    assertThat(a.toJson().toString())
        .isEqualTo(
            "{\"arguments\":{\"queued\":3,\"in-flight\":2,\"waiting-for-retry\":5,"
                + "\"journaled\":0,\"oldest-age\":42,"
                + "\"waiting-by-domain\":{\"a.org.\":4,\"b.org.\":1}},\"result\":0,"
                + "\"text\":\"3 queued, 2 in flight, 5 waiting for retry, 0 in the journal\"}");
  }
}
