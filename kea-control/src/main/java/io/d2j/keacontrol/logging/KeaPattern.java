package io.d2j.keacontrol.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Translates a Kea (log4cplus PatternLayout) pattern into a Logback pattern, so the {@code pattern}
 * of a Kea {@code output-options} entry keeps its meaning:
 *
 * <pre>
 * "%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m\n"  (Kea's default for stdout and files)
 *   -&gt; %d{"yyyy-MM-dd HH:mm:ss.SSS"} %-5level [%logger/12345.%thread] %msg%n
 * </pre>
 *
 * <p>Supported: {@code %d{..}} (UTC) and {@code %D{..}} (local time) with the strftime fields Kea
 * users write ({@code %Y %y %m %d %H %I %M %S %q %Q %b %B %a %A %j %p %Z %z}), {@code %p} level,
 * {@code %c} logger (a {@code {n}} precision is ignored), {@code %m} message, {@code %n} and a
 * literal newline, {@code %i} process id, {@code %t}/{@code %T} thread, {@code %r} milliseconds
 * since start, {@code %F %L %M %l} caller location, {@code %X}/{@code %x} MDC, {@code %h}/{@code
 * %H} host name, {@code %%}, and format modifiers such as {@code %-5p}. Anything else is kept as
 * literal text and reported in {@link Translation#unsupported()}.
 */
public final class KeaPattern {

  /** Kea's default layout for stdout, stderr and files (log4cplus output_option.cc). */
  public static final String KEA_DEFAULT = "%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m\n";

  /** Kea's default layout for syslog, where the daemon adds the time stamp. */
  public static final String KEA_SYSLOG_DEFAULT = "%-5p [%c.%t] %m\n";

  /**
   * @param logback the Logback pattern
   * @param unsupported the Kea conversions that were kept as literal text, e.g. {@code %Y}
   */
  public record Translation(String logback, List<String> unsupported) {
    public Translation {
      Objects.requireNonNull(logback, "logback");
      unsupported = List.copyOf(unsupported);
    }
  }

  private final long pid;

  /**
   * @param pid the process id {@code %i} prints (a constant for the life of the process)
   */
  public KeaPattern(long pid) {
    this.pid = pid;
  }

  public Translation translate(String kea) {
    StringBuilder out = new StringBuilder();
    List<String> unsupported = new ArrayList<>();
    int i = 0;
    while (i < kea.length()) {
      char c = kea.charAt(i);
      if (c == '\n') {
        out.append("%n");
        i++;
        continue;
      }
      if (c != '%') {
        literal(out, c);
        i++;
        continue;
      }
      int start = i++;
      StringBuilder modifier = new StringBuilder();
      while (i < kea.length() && "-.0123456789".indexOf(kea.charAt(i)) >= 0) {
        modifier.append(kea.charAt(i++));
      }
      if (i >= kea.length()) {
        unsupported.add(kea.substring(start));
        literalText(out, kea.substring(start));
        break;
      }
      char conv = kea.charAt(i++);
      String option = null;
      if (i < kea.length() && kea.charAt(i) == '{') {
        int close = kea.indexOf('}', i);
        if (close > 0) {
          option = kea.substring(i + 1, close);
          i = close + 1;
        }
      }
      String word = conversion(conv, option);
      if (word == null) {
        String text = kea.substring(start, i);
        unsupported.add(text);
        literalText(out, text);
      } else if (word.startsWith("%")) {
        out.append('%').append(modifier).append(word.substring(1));
      } else {
        out.append(word);
      }
    }
    return new Translation(out.toString(), unsupported);
  }

  /** The Logback conversion ({@code %...}) or literal text for one Kea conversion; null if none. */
  private String conversion(char conv, String option) {
    switch (conv) {
      case 'd':
        return "%d{\"" + DateFormat.toJava(option) + "\", UTC}";
      case 'D':
        return "%d{\"" + DateFormat.toJava(option) + "\"}";
      case 'p':
        return "%level";
      case 'c':
        return "%logger";
      case 'm':
        return "%msg";
      case 'n':
        return "%n";
      case 't':
      case 'T':
        return "%thread";
      case 'i':
        return Long.toString(pid);
      case 'r':
        return "%relative";
      case 'F':
        return "%file";
      case 'L':
        return "%line";
      case 'M':
        return "%method";
      case 'l':
        return "%class.%method\\(%file:%line\\)";
      case 'x':
      case 'X':
        return option == null ? "%mdc" : "%mdc{" + option + "}";
      case 'h':
      case 'H':
        return "%property{HOSTNAME}";
      case '%':
        return "\\%";
      default:
        return null;
    }
  }

  private static void literalText(StringBuilder out, String text) {
    for (int k = 0; k < text.length(); k++) {
      literal(out, text.charAt(k));
    }
  }

  /** Logback gives '%', '(', ')' and '\' a meaning in literal text; escape them. */
  private static void literal(StringBuilder out, char c) {
    if (c == '%' || c == '(' || c == ')' || c == '\\') {
      out.append('\\');
    }
    out.append(c);
  }
}
