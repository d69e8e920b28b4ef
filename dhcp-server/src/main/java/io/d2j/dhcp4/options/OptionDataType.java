package io.d2j.dhcp4.options;

import java.util.Locale;
import java.util.Optional;

/**
 * The data types of option fields, by the names Kea's {@code option-def} uses ({@code "uint16"},
 * {@code "ipv4-address"}, ...).
 */
public enum OptionDataType {
  EMPTY("empty", 0),
  BINARY("binary", -1),
  BOOLEAN("boolean", 1),
  INT8("int8", 1),
  INT16("int16", 2),
  INT32("int32", 4),
  UINT8("uint8", 1),
  UINT16("uint16", 2),
  UINT32("uint32", 4),
  IPV4_ADDRESS("ipv4-address", 4),
  IPV6_ADDRESS("ipv6-address", 16),
  /** One octet of prefix length, then the prefix's significant octets. */
  IPV6_PREFIX("ipv6-prefix", -1),
  /** RFC 7597's port set id: one octet of length, two of PSID. */
  PSID("psid", 3),
  STRING("string", -1),
  /** One octet of length, then the data (DHCPv4's tuple). */
  TUPLE("tuple", -1),
  FQDN("fqdn", -1),
  RECORD("record", -1);

  private final String keaName;
  private final int size;

  OptionDataType(String keaName, int size) {
    this.keaName = keaName;
    this.size = size;
  }

  /** The name in Kea's configuration and output. */
  public String keaName() {
    return keaName;
  }

  /** Octets one value takes, or -1 when that depends on the value. */
  public int fixedSize() {
    return size;
  }

  /** Whether values are numbers. */
  public boolean isInteger() {
    return switch (this) {
      case INT8, INT16, INT32, UINT8, UINT16, UINT32 -> true;
      default -> false;
    };
  }

  public static Optional<OptionDataType> byKeaName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (OptionDataType t : values()) {
      if (t.keaName.equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return keaName;
  }
}
