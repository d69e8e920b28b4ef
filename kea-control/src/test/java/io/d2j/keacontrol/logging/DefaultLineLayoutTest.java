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
