package io.d2j.d2.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.CommandRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacklogCommandsTest {

  private static BacklogSource source(Backlog backlog, int released) {
    return new BacklogSource() {
      @Override
      public Backlog backlog() {
        return backlog;
      }

      @Override
      public int retryNow() {
        return released;
      }
    };
  }

  @Test
  void retryNow_saysHowManyWereReleased() {
    CommandRegistry registry = new CommandRegistry("kea-dhcp-ddns");
    BacklogCommands.register(registry, source(new Backlog(0, 0, 0, 0, 0, Map.of()), 7));
    Answer a = registry.execute(CommandRegistry.parse("{\"command\": \"d2j-retry-now\"}"));
    assertThat(a.toJson().toString())
        .isEqualTo(
            "{\"arguments\":{\"released\":7},\"result\":0,"
                + "\"text\":\"7 waiting NCRs released for their next try\"}");
  }

  @Test
  void queueGet_reportsEveryCount_domainsSorted() throws Exception {
    CommandRegistry registry = new CommandRegistry("kea-dhcp-ddns");
    BacklogCommands.register(
        registry, source(new Backlog(3, 2, 5, 0, 42, Map.of("b.org.", 1, "a.org.", 4)), 0));
    Answer a = registry.execute(CommandRegistry.parse("{\"command\": \"d2j-queue-get\"}"));
    assertThat(a.toJson().toString())
        .isEqualTo(
            "{\"arguments\":{\"queued\":3,\"in-flight\":2,\"waiting-for-retry\":5,"
                + "\"journaled\":0,\"oldest-age\":42,"
                + "\"waiting-by-domain\":{\"a.org.\":4,\"b.org.\":1}},\"result\":0,"
                + "\"text\":\"3 queued, 2 in flight, 5 waiting for retry, 0 in the journal\"}");
  }
}
