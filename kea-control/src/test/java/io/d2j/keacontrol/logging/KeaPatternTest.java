package io.d2j.keacontrol.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kea (log4cplus) patterns to Logback patterns; {@code ~} stands for a newline in the table. */
class KeaPatternTest {

  private final KeaPattern patterns = new KeaPattern(4242);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m~ | %d{\"yyyy-MM-dd HH:mm:ss.SSS\"} %-5level [%logger/4242.%thread] %msg%n",
        "%d{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i] %m~ | %d{\"yyyy-MM-dd HH:mm:ss.SSS\", UTC} %-5level [%logger/4242] %msg%n",
        "%d [%c/%i] %m~ | %d{\"yyyy-MM-dd HH:mm:ss.SSS\", UTC} [%logger/4242] %msg%n",
        "%-5p [%c.%t] %m~ | %-5level [%logger.%thread] %msg%n",
        "%D{%d %b %Y at %H:%M} %m%n | %d{\"dd MMM yyyy' at 'HH:mm\"} %msg%n",
        "%c{2} (%r ms) 100%% %m | %logger \\(%relative ms\\) 100\\% %msg",
      })
  void translates(String kea, String logback) {
    KeaPattern.Translation t = patterns.translate(kea.replace('~', '\n'));
    assertThat(t.logback()).isEqualTo(logback);
    assertThat(t.unsupported()).isEmpty();
  }

  @Test
  void unknownConversions_areKeptAsTextAndReported() {
    KeaPattern.Translation t = patterns.translate("%Q %m %");
    assertThat(t.logback()).isEqualTo("\\%Q %msg \\%");
    assertThat(t.unsupported()).containsExactly("%Q", "%");
  }
}
