package io.d2j.keaconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile and broken input only ever yields a {@link ConfigException}, promptly. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RobustnessTest {

  /** Ends with its closing brace, so that every proper prefix is incomplete. */
  private static final String VALID =
      """
      # d2.json
      { "DhcpDdns": { "ip-address": "127.0.0.1", // comment
        "port": 53001, /* block
        comment */ "dns-server-timeout": 5e2,
        "tsig-keys": [ { "name": "d2.key.", "secret": "a\\u00e9\\ud83d\\ude00\\"/\\\\" }, ],
        "forward-ddns": { "ddns-domains": [ { "name": "example.com.", "dns-servers": [
          { "ip-address": "192.0.2.53", "port": -1, "flag": true, "x": null, "y": false } ] } ] },
        "h": "#not // a comment"
      } }""";

  @Test
  void theValidConfigParses() {
    assertThatCode(() -> KeaConfigReader.parse(VALID, "d2.json")).doesNotThrowAnyException();
  }

  @Test
  void everyTruncationIsAConfigException() {
    for (int end = 0; end < VALID.length(); end++) {
      String prefix = VALID.substring(0, end);
      Throwable thrown = catchThrowable(() -> KeaConfigReader.parse(prefix, "d2.json"));
      assertThat(thrown).as("prefix of %d chars", end).isInstanceOf(ConfigException.class);
    }
  }

  @Test
  void randomCorruptionParsesOrIsAConfigException() {
    Random random = new Random(20240229L); // fixed seed: failures reproduce
    String alphabet = "{}[]:,\"\\/*#<?>-+.eE0129aftnu \n\t\u0000é";
    for (int round = 0; round < 5000; round++) {
      char[] text = VALID.toCharArray();
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String mutated = new String(text);
      Throwable thrown = catchThrowable(() -> KeaConfigReader.parse(mutated, "d2.json"));
      if (thrown != null) {
        assertThat(thrown).as(mutated).isInstanceOf(ConfigException.class);
      }
    }
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "{\"a\":" + "[".repeat(100_000);

    Throwable thrown = catchThrowable(() -> KeaConfigReader.parse(deep, "d2.json"));

    assertThat(thrown).isInstanceOf(ConfigException.class);
    assertThat(((ConfigException) thrown).reason()).isEqualTo("nesting deeper than 512 levels");
    assertThat(((ConfigException) thrown).position())
        .isEqualTo(new SourcePosition("d2.json", 1, 6 + 511));
  }

  @Test
  void deepMapsAreRefusedToo() {
    String deep = "{\"a\":".repeat(100_000);

    Throwable thrown = catchThrowable(() -> KeaConfigReader.parse(deep, "d2.json"));

    assertThat(((ConfigException) thrown).reason()).isEqualTo("nesting deeper than 512 levels");
  }

  @Test
  void nestingUpToTheLimitIsAccepted() {
    String atLimit = "{\"a\":" + "[".repeat(511) + "]".repeat(511) + "}";

    assertThatCode(() -> KeaConfigReader.parse(atLimit, "d2.json")).doesNotThrowAnyException();
  }

  @Test
  void hugeNumbersAreRefusedBeforeQuadraticWork() {
    String huge = "{\"n\": " + "9".repeat(1_000_000) + "}";

    Throwable thrown = catchThrowable(() -> KeaConfigReader.parse(huge, "d2.json"));

    assertThat(thrown).hasMessage("/n: number longer than 1000 characters (d2.json:1:7)");
  }
}
