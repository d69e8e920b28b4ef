package io.d2j.d2.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.d2.config.RetrySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryBackoffTest {

  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  private static final RetrySettings SETTINGS =
      new RetrySettings(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(24));

  /** A Random whose nextLong(bound) always returns the given end of the range. */
  private static Random fixed(boolean top) {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public long nextLong(long bound) {
        return top ? bound - 1 : 0;
      }
    };
  }

  @ParameterizedTest(name = "failure {0}: {1}..{2} ms")
  @CsvSource({
    "1, 500, 1000",
    "2, 1000, 2000",
    "3, 2000, 4000",
    "6, 16000, 32000",
    "7, 30000, 60000",
    "8, 30000, 60000",
    "40, 30000, 60000"
  })
  void delay_doublesFromInitial_capsAtMax_jitteredDownByUpToHalf(
      int failures, long lowest, long highest) {
    Instant now = T0.plusSeconds(10);
    assertThat(new RetryBackoff(SETTINGS, fixed(false)).next(T0, failures, now))
        .isEqualTo(new RetryBackoff.RetryAfter(Duration.ofMillis(lowest)));
    assertThat(new RetryBackoff(SETTINGS, fixed(true)).next(T0, failures, now))
        .isEqualTo(new RetryBackoff.RetryAfter(Duration.ofMillis(highest)));
  }

  @Test
  void randomDelays_stayInTheJitterRange() {
    RetryBackoff b = new RetryBackoff(SETTINGS, new Random(42));
    for (int i = 0; i < 1000; i++) {
      RetryBackoff.Decision d = b.next(T0, 3, T0);
      assertThat(((RetryBackoff.RetryAfter) d).delay().toMillis()).isBetween(2000L, 4000L);
    }
  }

  @Test
  void lastWait_endsAtTheMaximumAge_thenTheNcrIsGivenUp() {
    RetryBackoff b = new RetryBackoff(SETTINGS, fixed(true));
    Instant nearlyOld = T0.plus(Duration.ofHours(24)).minusSeconds(5);
    assertThat(b.next(T0, 20, nearlyOld))
        .isEqualTo(new RetryBackoff.RetryAfter(Duration.ofSeconds(5)));
    Instant old = T0.plus(Duration.ofHours(24));
    assertThat(b.next(T0, 21, old)).isEqualTo(new RetryBackoff.GiveUp(Duration.ofHours(24)));
    assertThat(b.next(T0, 22, old.plusSeconds(1)))
        .isEqualTo(new RetryBackoff.GiveUp(Duration.ofHours(24).plusSeconds(1)));
  }

  @Test
  void failuresBelowOne_areAContractError() {
    assertThatThrownBy(() -> new RetryBackoff(SETTINGS, new Random(1)).next(T0, 0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failures: must be >= 1, got 0");
  }
}
