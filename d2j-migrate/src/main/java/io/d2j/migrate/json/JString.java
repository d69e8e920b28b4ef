package io.d2j.migrate.json;

import java.util.Objects;

/** A JSON string. */
public record JString(String value) implements JValue {
  public JString {
    Objects.requireNonNull(value, "value");
  }
}
