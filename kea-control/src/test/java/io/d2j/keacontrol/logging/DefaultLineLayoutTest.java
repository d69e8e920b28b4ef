package io.d2j.keacontrol.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written default layouts print exactly what Logback's pattern layout prints. */
class DefaultLineLayoutTest {

  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void stop() {
    context.stop();
  }

  private static final String KEA =
      new KeaPattern(4711).translate(KeaPattern.KEA_DEFAULT).logback();

  private List<ILoggingEvent> events() {
    Logger logger = context.getLogger("kea-dhcp-ddns.dhcpddns");
    List<ILoggingEvent> out = new ArrayList<>();
    long[] times = {
      1_796_000_000_123L,
      1_796_000_000_999L,
      1_796_000_001_000L,
      1_796_000_061_007L,
      0L,
      86_399_050L
    };
    Level[] levels = {Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG, Level.TRACE, Level.INFO};
    for (int i = 0; i < times.length; i++) {
      Throwable t =
          i == 2
              ? new IllegalStateException("outer", new IOException("inner: line one\nline two"))
              : null;
      LoggingEvent e =
          new LoggingEvent(
              Logger.class.getName(),
              logger,
              levels[i],
              "DHCP_DDNS_X fqdn={} n={} {}",
              t,
              new Object[] {"h" + i + ".example.org.", i, "{not a placeholder}\nsecond line"});
      e.setTimeStamp(times[i]);
      e.setThreadName(i % 2 == 0 ? "main" : "vert.x-eventloop-thread-0");
      out.add(e);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {DefaultLineLayout.BUILT_IN, "kea"})
  void doLayout_printsWhatPatternLayoutPrints(String which) {
    String pattern = which.equals("kea") ? KEA : which;
    PatternLayout reference = new PatternLayout();
    reference.setContext(context);
    reference.setPattern(pattern);
    reference.start();
    DefaultLineLayout layout = DefaultLineLayout.of(pattern).orElseThrow();
    layout.setContext(context);
    layout.start();

    for (ILoggingEvent e : events()) {
      assertThat(layout.doLayout(e)).isEqualTo(reference.doLayout(e));
    }
  }

  /**
   * The layout reads the zone through {@code java.util.TimeZone}, Logback through {@code
   * java.time}: the same local times in zones with daylight saving time and odd offsets, either
   * side of their changes.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"})
  void doLayout_printsWhatPatternLayoutPrints_inZonesWithDaylightSavingTime(String zone) {
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(zone));
      PatternLayout reference = new PatternLayout();
      reference.setContext(context);
      reference.setPattern(DefaultLineLayout.BUILT_IN);
      reference.start();
      DefaultLineLayout layout = DefaultLineLayout.of(DefaultLineLayout.BUILT_IN).orElseThrow();
      layout.setContext(context);
      layout.start();
      ILoggingEvent template = events().get(0);
      // 2026: Europe's changes on 29 March and 25 October, the US's on 8 March and 1 November,
      // Lord Howe's half-hour ones on 5 April and 4 October; every 20 minutes over a day each side.
      long[] days = {
        1_774_742_400_000L,
        1_792_886_400_000L,
        1_772_928_000_000L,
        1_793_491_200_000L,
        1_775_347_200_000L,
        1_791_072_000_000L,
        0L,
        4_102_444_800_000L
      };
      for (long day : days) {
        for (long t = day - 86_400_000L; t <= day + 86_400_000L; t += 1_200_000L) {
          LoggingEvent e =
              new LoggingEvent(
                  Logger.class.getName(),
                  context.getLogger("kea-dhcp-ddns.dhcpddns"),
                  template.getLevel(),
                  "x",
                  null,
                  null);
          e.setTimeStamp(t + 7);
          assertThat(layout.doLayout(e)).as("%s at %d", zone, t).isEqualTo(reference.doLayout(e));
        }
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void of_onlyTheTwoDefaults() {
    assertThat(KEA)
        .isEqualTo("%d{\"yyyy-MM-dd HH:mm:ss.SSS\"} %-5level [%logger/4711.%thread] %msg%n");
    assertThat(DefaultLineLayout.of(KEA)).isPresent();
    assertThat(DefaultLineLayout.of(DefaultLineLayout.BUILT_IN)).isPresent();
    assertThat(DefaultLineLayout.of(KEA.replace("4711", "47x1"))).isEmpty();
    assertThat(DefaultLineLayout.of(KEA.replace("4711", ""))).isEmpty();
    assertThat(DefaultLineLayout.of(KEA.replace("%-5level", "%level"))).isEmpty();
    assertThat(DefaultLineLayout.of("%msg%n")).isEmpty();
  }

  @Test
  void encoder_usesTheLayoutForADefault_andLogbacksEncoderOtherwise() {
    Encoder<ILoggingEvent> fast = DefaultLineLayout.encoder(context, KEA);
    assertThat(fast)
        .isInstanceOf(LayoutWrappingEncoder.class)
        .isNotInstanceOf(PatternLayoutEncoder.class);
    assertThat(((LayoutWrappingEncoder<ILoggingEvent>) fast).getLayout())
        .isInstanceOf(DefaultLineLayout.class);
    assertThat(fast.isStarted()).isTrue();
    Encoder<ILoggingEvent> other = DefaultLineLayout.encoder(context, "%level %msg%n");
    assertThat(other).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(((PatternLayoutEncoder) other).getPattern()).isEqualTo("%level %msg%n");
    assertThat(other.isStarted()).isTrue();
  }
}
