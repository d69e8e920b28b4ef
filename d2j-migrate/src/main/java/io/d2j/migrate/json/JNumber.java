package io.d2j.migrate.json;

import java.math.BigDecimal;
import java.util.Objects;

/** A JSON number: an integer, or a fraction such as Kea's {@code cache-threshold}. */
public record JNumber(BigDecimal value) implements JValue {
  public JNumber {
    Objects.requireNonNull(value, "value");
  }

  /** The number as JSON writes it, without exponent. */
  public String text() {
    return value.toPlainString();
  }
}
