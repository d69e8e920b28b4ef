package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host reservation is keyed by (Kea 2.2's DHCPv4 identifiers).
 *
 * @param type which identifier
 * @param value its octets
 */
public record HostIdentifier(Type type, Octets value) {

  /** The identifier types, by Kea's names, in Kea's default lookup order. */
  public enum Type {
    /** chaddr. */
    HW_ADDRESS("hw-address"),
    /** The DUID inside an RFC 4361 client identifier (type 255, IAID, DUID). */
    DUID("duid"),
    /** Option 82's circuit-id (sub-option 1). */
    CIRCUIT_ID("circuit-id"),
    /** The whole option 61. */
    CLIENT_ID("client-id"),
    /** Set by Kea's flex_id hook; d2j has no such hook, so nothing carries it. */
    FLEX_ID("flex-id");

    private final String keaName;

    Type(String keaName) {
      this.keaName = keaName;
    }

    public String keaName() {
      return keaName;
    }

    public static Optional<Type> byKeaName(String name) {
      for (Type t : values()) {
        if (t.keaName.equals(name)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  public HostIdentifier {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(type.keaName() + " must not be empty");
    }
  }

  @Override
  public String toString() {
    return type.keaName() + "=" + value.toColonHex();
  }
}
