package io.d2j.keaconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON number. Integers ({@code 53001}, {@code -1}, {@code 123456789012345678901234}) are kept
 * exactly, whatever their size; numbers written with a fraction or an exponent ({@code 0.5}, {@code
 * 1e3}) are reals, as in Kea, whose grammar separates the two by spelling.
 */
public final class ConfigNumber implements ConfigNode {

  private final ConfigPath path;
  private final SourcePosition position;
  private final BigDecimal value;
  private final boolean integer;

  ConfigNumber(ConfigPath path, SourcePosition position, BigInteger value) {
    this(path, position, new BigDecimal(value), true);
  }

  ConfigNumber(ConfigPath path, SourcePosition position, BigDecimal value) {
    this(path, position, value, false);
  }

  private ConfigNumber(
      ConfigPath path, SourcePosition position, BigDecimal value, boolean integer) {
    this.path = Objects.requireNonNull(path, "path");
    this.position = Objects.requireNonNull(position, "position");
    this.value = Objects.requireNonNull(value, "value");
    this.integer = integer;
  }

  /** True when written without fraction or exponent. */
  public boolean isInteger() {
    return integer;
  }

  public BigDecimal value() {
    return value;
  }

  /**
   * The value as a {@code long}.
   *
   * @throws ConfigException at this node for a real ({@code expected an integer, got real}) or an
   *     integer outside the 64-bit range
   */
  public long longValue() {
    if (!integer) {
      throw error("expected an integer, got real");
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw error("integer " + value.toPlainString() + " out of 64-bit range");
    }
  }

  @Override
  public ConfigPath path() {
    return path;
  }

  @Override
  public SourcePosition position() {
    return position;
  }

  @Override
  public String typeName() {
    return integer ? "integer" : "real";
  }

  @Override
  public JsonNode toJson() {
    if (!integer) {
      return DecimalNode.valueOf(value);
    }
    BigInteger exact = value.toBigIntegerExact();
    return exact.bitLength() < Long.SIZE
        ? LongNode.valueOf(exact.longValue())
        : BigIntegerNode.valueOf(exact);
  }

  @Override
  public String toString() {
    return path + "=" + value;
  }
}
