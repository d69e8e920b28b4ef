package io.d2j.keacontrol.logging;

/** strftime (as log4cplus reads it in {@code %d{...}}) to a java.text.SimpleDateFormat pattern. */
final class DateFormat {

  /** log4cplus's date layout when {@code %d} has no option. */
  static final String DEFAULT = "yyyy-MM-dd HH:mm:ss.SSS";

  private DateFormat() {}

  static String toJava(String strftime) {
    if (strftime == null) {
      return DEFAULT;
    }
    StringBuilder out = new StringBuilder();
    StringBuilder quoted = new StringBuilder();
    for (int i = 0; i < strftime.length(); i++) {
      char c = strftime.charAt(i);
      if (c == '%' && i + 1 < strftime.length()) {
        String field = field(strftime.charAt(i + 1));
        if (field != null) {
          flushQuoted(out, quoted);
          out.append(field);
          i++;
          continue;
        }
      }
      quoted.append(c);
    }
    flushQuoted(out, quoted);
    return out.toString();
  }

  private static String field(char f) {
    switch (f) {
      case 'Y':
        return "yyyy";
      case 'y':
        return "yy";
      case 'm':
        return "MM";
      case 'd':
        return "dd";
      case 'e':
        return "d";
      case 'H':
        return "HH";
      case 'I':
        return "hh";
      case 'M':
        return "mm";
      case 'S':
        return "ss";
      case 'q':
      case 'Q':
        // %q is milliseconds; %Q adds microseconds, which Java's formatter does not have.
        return "SSS";
      case 'b':
      case 'h':
        return "MMM";
      case 'B':
        return "MMMM";
      case 'a':
        return "EEE";
      case 'A':
        return "EEEE";
      case 'j':
        return "DDD";
      case 'p':
        return "a";
      case 'Z':
        return "z";
      case 'z':
        return "Z";
      default:
        return null;
    }
  }

  /** Literal text in a SimpleDateFormat pattern: letters and quotes must be quoted. */
  private static void flushQuoted(StringBuilder out, StringBuilder text) {
    if (text.length() == 0) {
      return;
    }
    boolean needsQuotes = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c) || c == '\'' || c == '"' || c == ',') {
        needsQuotes = true;
      }
    }
    if (needsQuotes) {
      out.append('\'').append(text.toString().replace("'", "''")).append('\'');
    } else {
      out.append(text);
    }
    text.setLength(0);
  }
}
