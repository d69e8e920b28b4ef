package io.d2j.keacontrol.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
  private final Statistics stats = new Statistics(clock);

  @Test
  void eachStatistic_keepsItsValueAndTheTimeOfItsLastChange() {
    stats.declare("a");
    clock.now = clock.now.plus(Duration.ofSeconds(5));
    stats.increment("b");
    stats.add("b", 4);
    assertThat(stats.sample("a"))
        .contains(new Statistics.Sample(0, Instant.parse("2026-01-05T08:00:00Z")));
    assertThat(stats.sample("b"))
        .contains(new Statistics.Sample(5, Instant.parse("2026-01-05T08:00:05Z")));
    assertThat(stats.snapshot()).containsOnlyKeys("a", "b");
    assertThat(stats.value("missing")).isZero();
  }

  @Test
  void aGauge_isSet_andItsTimeMovesOnlyWhenTheValueChanges() {
    stats.set("g", 20);
    Instant first = stats.sample("g").orElseThrow().at();
    clock.now = clock.now.plus(Duration.ofSeconds(5));
    stats.set("g", 20);
    assertThat(stats.sample("g").orElseThrow().at()).isEqualTo(first);
    stats.set("g", 7);
    assertThat(stats.sample("g")).contains(new Statistics.Sample(7, clock.now));
  }

  @Test
  void resetKeepsTheName_removeDeletesIt() {
    stats.add("x", 3);
    assertThat(stats.reset("x")).isTrue();
    assertThat(stats.value("x")).isZero();
    assertThat(stats.reset("y")).isFalse();
    assertThat(stats.remove("x")).isTrue();
    assertThat(stats.snapshot()).isEmpty();
  }

  @Test
  void theView_printsKeaSamplesInTheZoneGiven() {
    StatisticsView view = new StatisticsView(ZoneId.of("Europe/Berlin"));
    assertThat(
            view.toJson(
                    Map.of(
                        "x",
                        new Statistics.Sample(1, Instant.parse("2026-11-27T20:13:28.807057Z"))))
                .toString())
        .isEqualTo("{\"x\":[[1,\"2026-11-27 21:13:28.807057\"]]}");
  }

  private static final class MutableClock extends java.time.Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
