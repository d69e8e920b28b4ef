package io.d2j.keacontrol.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The daemons' two default line layouts written out by hand, character for character what Logback's
 * {@code PatternLayout} prints for them (stack traces included, by Logback's own converter):
 *
 * <pre>
 * %d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%logger] %msg%n                  (the built-in default)
 * %d{"yyyy-MM-dd HH:mm:ss.SSS"} %-5level [%logger/PID.%thread] %msg%n    (Kea's default pattern)
 * 2026-12-04 09:12:01.042 INFO  [kea-dhcp-ddns.dhcpddns/4711.main] DHCP_DDNS_STARTED ...
 * </pre>
 *
 * <p>Starting a {@code PatternLayout} (its table of some 70 converters, each made through a lambda,
 * and the pattern parser) took about 55 ms of CPU in a fresh JVM, before the D2's first line; with
 * the default patterns, which nearly every configuration uses, it is not needed (issue 14,
 * start-to-serving). Any other pattern gets a {@code PatternLayoutEncoder} ({@link #encoder}).
 */
final class DefaultLineLayout extends LayoutBase<ILoggingEvent> {

  /** The built-in default's Logback pattern ({@link StdoutConfigurator}). */
  static final String BUILT_IN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%logger] %msg%n";

  private static final String KEA_HEAD = "%d{\"yyyy-MM-dd HH:mm:ss.SSS\"} %-5level [%logger/";
  private static final String KEA_TAIL = ".%thread] %msg%n";

  private final String pattern;

  /** The process id and the dot after it, for Kea's pattern; null for the built-in one. */
  private final String pidDot;

  /**
   * The default zone as {@code java.util.TimeZone} has it (the same tz database): {@code
   * java.time}'s zone rules would be a {@code ServiceLoader} scan of the class path for rule
   * providers, which opened every jar on this, the logging set-up's, thread before the daemon could
   * go on (issue 14, start-to-serving).
   */
  private final TimeZone zone = TimeZone.getDefault();

  /** The date and time up to the seconds' dot, of the second last printed. */
  private volatile Second cached = new Second(Long.MIN_VALUE, "");

  /** Made at the first event with a throwable: most runs have none. */
  private volatile ThrowableProxyConverter throwables;

  private record Second(long epochSecond, String text) {}

  private DefaultLineLayout(String pattern, String pidDot) {
    this.pattern = pattern;
    this.pidDot = pidDot;
  }

  /** The layout for a Logback pattern, if it is one of the two written out here. */
  static Optional<DefaultLineLayout> of(String pattern) {
    if (pattern.equals(BUILT_IN)) {
      return Optional.of(new DefaultLineLayout(pattern, null));
    }
    if (pattern.startsWith(KEA_HEAD)
        && pattern.endsWith(KEA_TAIL)
        && pattern.length() > KEA_HEAD.length() + KEA_TAIL.length()) {
      String pid = pattern.substring(KEA_HEAD.length(), pattern.length() - KEA_TAIL.length());
      if (pid.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.of(new DefaultLineLayout(pattern, pid + "."));
      }
    }
    return Optional.empty();
  }

  /** A started encoder for {@code pattern}: this layout where it applies, else Logback's. */
  static Encoder<ILoggingEvent> encoder(Context context, String pattern) {
    Optional<DefaultLineLayout> layout = of(pattern);
    if (layout.isEmpty()) {
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern(pattern);
      encoder.start();
      return encoder;
    }
    layout.get().setContext(context);
    layout.get().start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout.get());
    encoder.start();
    return encoder;
  }

  /** The Logback pattern this layout prints. */
  String pattern() {
    return pattern;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(160);
    long millis = event.getTimeStamp();
    line.append(second(Math.floorDiv(millis, 1000)));
    int ms = (int) Math.floorMod(millis, 1000);
    line.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10));
    line.append((char) ('0' + ms % 10)).append(' ');
    String level = event.getLevel().toString();
    line.append(level);
    for (int i = level.length(); i < 5; i++) {
      line.append(' ');
    }
    line.append(" [").append(event.getLoggerName());
    if (pidDot != null) {
      line.append('/').append(pidDot).append(event.getThreadName());
    }
    line.append("] ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
    if (event.getThrowableProxy() != null) {
      line.append(throwables().convert(event));
    }
    return line.toString();
  }

  /** {@code yyyy-MM-dd HH:mm:ss.} in the default zone, as Logback's date converter has it. */
  private String second(long epochSecond) {
    Second c = cached;
    if (c.epochSecond() == epochSecond) {
      return c.text();
    }
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(zone.getOffset(epochSecond * 1000) / 1000);
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
    StringBuilder s = new StringBuilder(20);
    pad(s, t.getYear(), 4).append('-');
    pad(s, t.getMonthValue(), 2).append('-');
    pad(s, t.getDayOfMonth(), 2).append(' ');
    pad(s, t.getHour(), 2).append(':');
    pad(s, t.getMinute(), 2).append(':');
    pad(s, t.getSecond(), 2).append('.');
    String text = s.toString();
    cached = new Second(epochSecond, text);
    return text;
  }

  private static StringBuilder pad(StringBuilder s, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(digits);
  }

  private ThrowableProxyConverter throwables() {
    ThrowableProxyConverter t = throwables;
    if (t == null) {
      synchronized (this) {
        t = throwables;
        if (t == null) {
          t = new ThrowableProxyConverter();
          t.setContext(getContext());
          t.start();
          throwables = t;
        }
      }
    }
    return t;
  }
}
