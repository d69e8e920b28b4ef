package io.d2j.keacontrol.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link WrittenSizeTrigger}: rotation from a count of the bytes encoded, the file read once. */
class WrittenSizeTriggerTest {

  /** A file whose length is given, counting how often it is asked. */
  private static final class CountingFile extends File {
    final long length;
    int asked;

    CountingFile(long length) {
      super("d2.log");
      this.length = length;
    }

    @Override
    public long length() {
      asked++;
      return length;
    }
  }

  private final LoggerContext context = new LoggerContext();

  private Encoder<ILoggingEvent> encoder(WrittenSizeTrigger trigger) {
    PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    pattern.setContext(context);
    pattern.setPattern("%msg%n");
    pattern.start();
    Encoder<ILoggingEvent> encoder = trigger.counting(pattern);
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  private LoggingEvent line(String text) {
    return new LoggingEvent(
        "test", context.getLogger("test"), Level.INFO, text, null, new Object[0]);
  }

  /** What the appender does per line: ask the policy, then encode (and write) the line. */
  private static boolean append(
      WrittenSizeTrigger trigger, Encoder<ILoggingEvent> encoder, File file, LoggingEvent e) {
    boolean rolled = trigger.isTriggeringEvent(file, e);
    encoder.encode(e);
    return rolled;
  }

  @Test
  void theFileLength_isReadOnceOnly_andLinesAreCountedFromIt() {
    WrittenSizeTrigger trigger = new WrittenSizeTrigger(100);
    Encoder<ILoggingEvent> encoder = encoder(trigger);
    CountingFile file = new CountingFile(60);
    LoggingEvent tenOctets = line("123456789");
    assertThat("123456789\n".getBytes(StandardCharsets.UTF_8)).hasSize(10);

    // 60 + 4 lines of 10 = 100: the fifth line finds the file full and rolls it over.
    for (int i = 0; i < 4; i++) {
      assertThat(append(trigger, encoder, file, tenOctets)).isFalse();
    }
    assertThat(append(trigger, encoder, file, tenOctets)).isTrue();
    // The new file holds that one line: nine more fit before the next rollover.
    for (int i = 0; i < 9; i++) {
      assertThat(append(trigger, encoder, file, tenOctets)).isFalse();
    }
    assertThat(append(trigger, encoder, file, tenOctets)).isTrue();
    assertThat(file.asked).isEqualTo(1);
  }
}
