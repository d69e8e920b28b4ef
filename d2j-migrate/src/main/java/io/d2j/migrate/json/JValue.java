package io.d2j.migrate.json;

/**
 * A value of the output document: Kea's JSON with comments. Maps and lists keep insertion order and
 * may hold commented-out members and explanatory notes, which {@link JsonWriter} prints as {@code
 * //} lines (Kea and d2j accept {@code //}, {@code #} and {@code /* *}{@code /} comments).
 */
public sealed interface JValue permits JMap, JList, JString, JNumber, JBool {

  /** A string value. */
  static JValue of(String s) {
    return new JString(s);
  }

  /** An integer value. */
  static JValue of(long n) {
    return new JNumber(java.math.BigDecimal.valueOf(n));
  }

  /** A boolean value. */
  static JValue of(boolean b) {
    return new JBool(b);
  }
}
