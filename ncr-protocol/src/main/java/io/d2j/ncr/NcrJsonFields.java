package io.d2j.ncr;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Member-by-member decoding of an NCR object, in Kea's member order so that the first error
 * reported is the one Kea reports. Every failure is an {@link NcrFormatException} naming the
 * member.
 */
final class NcrJsonFields {

  /** The JSON kinds a member's value can have. */
  enum Kind {
    OBJECT,
    ARRAY,
    NULL,
    STRING,
    BOOLEAN,
    INTEGER,
    FLOAT
  }

  /**
   * One member's value as the parser gave it: its kind and, for a scalar, what decoding and error
   * messages need (a container's contents are skipped: no NCR member is one).
   *
   * @param text the string's value; a number's decimal text
   * @param integer an integer's value, else null
   */
  record Value(Kind kind, String text, BigInteger integer, boolean bool) {

    /** Reads the value at the parser's current token (a container up to its end). */
    static Value read(JsonParser p) throws IOException {
      JsonToken t = p.currentToken();
      return switch (t) {
        case START_OBJECT -> skipped(p, Kind.OBJECT);
        case START_ARRAY -> skipped(p, Kind.ARRAY);
        case VALUE_NULL -> new Value(Kind.NULL, null, null, false);
        case VALUE_TRUE -> new Value(Kind.BOOLEAN, null, null, true);
        case VALUE_FALSE -> new Value(Kind.BOOLEAN, null, null, false);
        case VALUE_STRING -> new Value(Kind.STRING, p.getText(), null, false);
        case VALUE_NUMBER_INT -> {
          BigInteger v =
              p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                  ? p.getBigIntegerValue()
                  : BigInteger.valueOf(p.getLongValue());
          yield new Value(Kind.INTEGER, v.toString(), v, false);
        }
        // As a tree of Jackson's would show it: a double.
        case VALUE_NUMBER_FLOAT ->
            new Value(Kind.FLOAT, Double.toString(p.getDoubleValue()), null, false);
        default -> throw new IllegalStateException("not a value token: " + t);
      };
    }

    private static Value skipped(JsonParser p, Kind kind) throws IOException {
      p.skipChildren();
      return new Value(kind, null, null, false);
    }
  }

  private static final BigInteger MAX_LEASE_LENGTH =
      BigInteger.valueOf(NameChangeRequest.MAX_LEASE_LENGTH);
  private static final DateTimeFormatter EXPIRY =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final int MAX_SHOWN = 40;

  private NcrJsonFields() {}

  static NameChangeRequest decode(Map<String, Value> o) throws NcrFormatException {
    ChangeType type = changeType(o);
    boolean forward = bool(o, "forward-change", true);
    boolean reverse = bool(o, "reverse-change", true);
    Fqdn fqdn = fqdn(o);
    InetAddress address = address(o);
    Dhcid dhcid = dhcid(o);
    // Required up to Kea 3.1.5, dropped by 3.1.6 senders (Kea #4280): checked only when present.
    Instant expires =
        o.containsKey("lease-expires-on") ? expiry(text(o, "lease-expires-on")) : null;
    long leaseLength = leaseLength(o);
    ConflictResolutionMode mode = ConflictResolutionMode.CHECK_WITH_DHCID;
    if (o.containsKey("use-conflict-resolution")) {
      mode = ConflictResolutionMode.fromLegacyBoolean(bool(o, "use-conflict-resolution", false));
    }
    if (o.containsKey("conflict-resolution-mode")) {
      String name = text(o, "conflict-resolution-mode");
      try {
        mode = ConflictResolutionMode.fromKeaName(name);
      } catch (IllegalArgumentException e) {
        throw new NcrFormatException("conflict-resolution-mode", e.getMessage());
      }
    }
    if (!forward && !reverse) {
      throw new NcrFormatException(
          "forward-change/reverse-change", "forward and reverse flags are both false");
    }
    return new NameChangeRequest(
        type, forward, reverse, fqdn, address, dhcid, expires, leaseLength, mode);
  }

  private static ChangeType changeType(Map<String, Value> o) throws NcrFormatException {
    BigInteger code = integer(o, "change-type");
    if (code.equals(BigInteger.ZERO)) {
      return ChangeType.ADD;
    }
    if (code.equals(BigInteger.ONE)) {
      return ChangeType.REMOVE;
    }
    throw new NcrFormatException(
        "change-type", "invalid value " + code + " (expected 0 for add or 1 for remove)");
  }

  private static Fqdn fqdn(Map<String, Value> o) throws NcrFormatException {
    String text = text(o, "fqdn");
    try {
      return Fqdn.of(text);
    } catch (IllegalArgumentException e) {
      throw new NcrFormatException("fqdn", e.getMessage());
    }
  }

  private static InetAddress address(Map<String, Value> o) throws NcrFormatException {
    String text = text(o, "ip-address");
    try {
      return IpAddresses.parse(text);
    } catch (IllegalArgumentException e) {
      throw new NcrFormatException("ip-address", e.getMessage());
    }
  }

  private static Dhcid dhcid(Map<String, Value> o) throws NcrFormatException {
    String text = text(o, "dhcid");
    try {
      return Dhcid.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new NcrFormatException("dhcid", e.getMessage());
    }
  }

  private static long leaseLength(Map<String, Value> o) throws NcrFormatException {
    BigInteger value = integer(o, "lease-length");
    if (value.signum() < 0) {
      throw new NcrFormatException("lease-length", "value " + value + " is negative");
    }
    if (value.compareTo(MAX_LEASE_LENGTH) > 0) {
      throw new NcrFormatException(
          "lease-length", "value " + value + " is larger than " + MAX_LEASE_LENGTH);
    }
    return value.longValueExact();
  }

  /** {@code YYYYMMDDHHMMSS} in UTC, each field range-checked; second 60 (a leap second) allowed. */
  static Instant expiry(String text) throws NcrFormatException {
    if (text.length() != 14 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw badExpiry(text, "expected 14 digits YYYYMMDDHHMMSS");
    }
    int year = Integer.parseInt(text.substring(0, 4));
    int month = Integer.parseInt(text.substring(4, 6));
    int day = Integer.parseInt(text.substring(6, 8));
    int hour = Integer.parseInt(text.substring(8, 10));
    int minute = Integer.parseInt(text.substring(10, 12));
    int second = Integer.parseInt(text.substring(12, 14));
    checkRange(text, "year", year, 1970, 9999);
    checkRange(text, "month", month, 1, 12);
    checkRange(text, "day", day, 1, YearMonth.of(year, month).lengthOfMonth());
    checkRange(text, "hour", hour, 0, 23);
    checkRange(text, "minute", minute, 0, 59);
    checkRange(text, "second", second, 0, 60);
    // java.time has no leap seconds: :60 becomes the first second of the next minute.
    LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
    Instant instant = t.toInstant(ZoneOffset.UTC).plus(second == 60 ? 1 : 0, ChronoUnit.SECONDS);
    return instant.isAfter(NameChangeRequest.MAX_EXPIRY) ? NameChangeRequest.MAX_EXPIRY : instant;
  }

  static String formatExpiry(Instant instant) {
    return EXPIRY.format(instant);
  }

  private static void checkRange(String text, String name, int value, int min, int max)
      throws NcrFormatException {
    if (value < min || value > max) {
      throw badExpiry(text, name + " " + value + " is outside " + min + ".." + max);
    }
  }

  private static NcrFormatException badExpiry(String text, String reason) {
    return new NcrFormatException(
        "lease-expires-on", "invalid date-time '" + text + "': " + reason);
  }

  private static Value required(Map<String, Value> o, String name) throws NcrFormatException {
    Value v = o.get(name);
    if (v == null) {
      throw new NcrFormatException(name, "required member is missing");
    }
    return v;
  }

  private static BigInteger integer(Map<String, Value> o, String name) throws NcrFormatException {
    Value v = required(o, name);
    if (v.kind() != Kind.INTEGER) {
      throw wrongType(name, "an integer", v);
    }
    return v.integer();
  }

  private static boolean bool(Map<String, Value> o, String name, boolean required)
      throws NcrFormatException {
    Value v = required ? required(o, name) : o.get(name);
    if (v.kind() != Kind.BOOLEAN) {
      throw wrongType(name, "a boolean", v);
    }
    return v.bool();
  }

  private static String text(Map<String, Value> o, String name) throws NcrFormatException {
    Value v = required(o, name);
    if (v.kind() != Kind.STRING) {
      throw wrongType(name, "a string", v);
    }
    return v.text();
  }

  private static NcrFormatException wrongType(String name, String expected, Value v) {
    return new NcrFormatException(name, "expected " + expected + " but got " + describe(v));
  }

  /** {@code string "0"}, {@code number 1.5}, {@code null}, {@code an array}: for type errors. */
  static String describe(Value v) {
    if (v == null) {
      return "empty input";
    }
    return switch (v.kind()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      case STRING -> "string " + shorten(quoted(v.text()));
      case BOOLEAN -> "boolean " + v.bool();
      case INTEGER, FLOAT -> "number " + shorten(v.text());
    };
  }

  /** The string as JSON text: in quotes, with JSON's escapes. */
  private static String quoted(String s) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }

  static String shorten(String s) {
    return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...";
  }
}
