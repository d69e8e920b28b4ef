package io.d2j.keacontrol.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The system clock whose default zone is looked up at the first getZone. */
class SystemClockTest {

  @Test
  void tellsTheSystemTime_inTheDefaultZone() {
    Clock clock = new SystemClock();
    long before = System.currentTimeMillis();
    long millis = clock.millis();
    long instant = clock.instant().toEpochMilli();
    long after = System.currentTimeMillis();

    assertThat(millis).isBetween(before, after);
    assertThat(instant).isBetween(before, after);
    assertThat(clock.getZone()).isEqualTo(ZoneId.systemDefault());
    assertThat(clock.withZone(ZoneOffset.UTC).getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock).isEqualTo(new SystemClock()).hasSameHashCodeAs(new SystemClock());
  }

  @Test
  void looksTheZoneUpAtItsFirstUse_notWhenMade() {
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
      Clock clock = new SystemClock();
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));

      assertThat(clock.getZone()).isEqualTo(ZoneId.of("America/New_York"));
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
      assertThat(clock.getZone()).as("then kept").isEqualTo(ZoneId.of("America/New_York"));
    } finally {
      TimeZone.setDefault(saved);
    }
  }
}
