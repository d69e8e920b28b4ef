package io.d2j.ncr;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * DHCID RDATA (RFC 4701 §3.3), carried opaque in the NCR member {@code "dhcid"} as hex.
 *
 * <p>The layout the factories build is identifier-type (2 octets) ‖ digest-type 1 (SHA-256) ‖
 * SHA-256(identifier ‖ lower-case FQDN in wire format), 35 octets:
 *
 * <pre>
 * fromDuid(00 01 02 03 04 05 06, "myhost.example.com.")
 *   = 0002012191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C
 * </pre>
 *
 * <p>{@link #fromHex} accepts any non-empty byte string: D2 copies the sender's bytes into DHCID
 * RRs without checking their structure.
 */
public final class Dhcid {
  private static final int TYPE_HW_ADDRESS = 0;
  private static final int TYPE_CLIENT_ID = 1;
  private static final int TYPE_DUID = 2;
  private static final int DIGEST_SHA256 = 1;

  /** RFC 8415 §11.1: 2-octet DUID type plus at most 128 octets. */
  private static final int MAX_DUID = 130;

  private static final int MIN_DUID = 3;
  private static final int MAX_HW_ADDRESS = 20;

  private final byte[] bytes;

  private Dhcid(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Parses hex text, case-insensitive, no separators.
   *
   * @throws IllegalArgumentException for empty text, an odd number of digits or a non-hex
   *     character, e.g. {@code odd number of hex digits (5) in '00010'}
   */
  public static Dhcid fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return new Dhcid(Hex.decode(hex));
  }

  /** Upper-case hex, the form Kea logs as the request id. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  /** A copy of the RDATA octets. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * DHCID for a DHCPv4 lease with a client identifier (option 61, whole payload including its type
   * octet): identifier-type 1. A client-id of type 255 is an RFC 4361 §6.1 id (255, 4-octet IAID,
   * DUID): its DHCID is the DUID's, identifier-type 2, so that the v4 and v6 leases of one
   * dual-stack host share a DHCID (RFC 4701 §3.5.3).
   *
   * @throws IllegalArgumentException {@code "empty DUID used to create DHCID"}, {@code "embedded
   *     DUID length of: 5, is too short"}, {@code "embedded DUID length of: 136, is too long"}
   */
  public static Dhcid fromClientId(byte[] clientId, Fqdn fqdn) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(fqdn, "fqdn");
    if (clientId.length == 0) {
      throw new IllegalArgumentException("empty DUID used to create DHCID");
    }
    if ((clientId[0] & 0xff) != 255) {
      return compute(TYPE_CLIENT_ID, clientId, fqdn);
    }
    // The length checks count the whole client-id (type + IAID + DUID), as Kea's do.
    if (clientId.length <= 5) {
      throw new IllegalArgumentException(
          "embedded DUID length of: " + clientId.length + ", is too short");
    }
    if (clientId.length > 5 + MAX_DUID) {
      throw new IllegalArgumentException(
          "embedded DUID length of: " + clientId.length + ", is too long");
    }
    return compute(TYPE_DUID, Arrays.copyOfRange(clientId, 5, clientId.length), fqdn);
  }

  /**
   * DHCID for a DHCPv4 lease without client identifier: identifier-type 0, digest input {@code
   * htype ‖ chaddr} (RFC 4701 §3.5.1). Ethernet is htype 1.
   */
  public static Dhcid fromHwAddress(int htype, byte[] chaddr, Fqdn fqdn) {
    Objects.requireNonNull(chaddr, "chaddr");
    Objects.requireNonNull(fqdn, "fqdn");
    if (htype < 0 || htype > 255) {
      throw new IllegalArgumentException("htype " + htype + " is not an octet (0..255)");
    }
    if (chaddr.length == 0) {
      throw new IllegalArgumentException("empty hardware address used to create DHCID");
    }
    if (chaddr.length > MAX_HW_ADDRESS) {
      throw new IllegalArgumentException(
          "hardware address of "
              + chaddr.length
              + " octets is longer than "
              + MAX_HW_ADDRESS
              + " octets");
    }
    byte[] input = new byte[chaddr.length + 1];
    input[0] = (byte) htype;
    System.arraycopy(chaddr, 0, input, 1, chaddr.length);
    return compute(TYPE_HW_ADDRESS, input, fqdn);
  }

  /** DHCID for a DHCPv6 client (RFC 4701 §3.5.2): identifier-type 2, digest input the DUID. */
  public static Dhcid fromDuid(byte[] duid, Fqdn fqdn) {
    Objects.requireNonNull(duid, "duid");
    Objects.requireNonNull(fqdn, "fqdn");
    if (duid.length == 0) {
      throw new IllegalArgumentException("empty DUID used to create DHCID");
    }
    if (duid.length < MIN_DUID || duid.length > MAX_DUID) {
      throw new IllegalArgumentException(
          "DUID of "
              + duid.length
              + " octets is outside "
              + MIN_DUID
              + ".."
              + MAX_DUID
              + " octets (RFC 8415 §11.1)");
    }
    return compute(TYPE_DUID, duid, fqdn);
  }

  private static Dhcid compute(int identifierType, byte[] identifier, Fqdn fqdn) {
    MessageDigest sha256 = Sha256.reset();
    sha256.update(identifier);
    sha256.update(fqdn.canonicalWire());
    byte[] digest = sha256.digest();
    byte[] rdata = new byte[3 + digest.length];
    rdata[0] = (byte) (identifierType >>> 8);
    rdata[1] = (byte) identifierType;
    rdata[2] = DIGEST_SHA256;
    System.arraycopy(digest, 0, rdata, 3, digest.length);
    return new Dhcid(rdata);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dhcid other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
