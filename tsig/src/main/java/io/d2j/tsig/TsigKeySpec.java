package io.d2j.tsig;

import java.util.Objects;

/**
 * One {@code tsig-keys} entry, validated as Kea validates it (d2_config.cc, d2_simple_parser.cc).
 *
 * <pre>{@code
 * { "name": "d2key", "algorithm": "HMAC-SHA256", "digest-bits": 128, "secret": "LSWXnfkKZjdPJI5QxlpnfQ==" }
 * TsigKeySpec.of("d2key", "HMAC-SHA256", 128, "LSWXnfkKZjdPJI5QxlpnfQ==").name()   // "d2key."
 * }</pre>
 *
 * @param name the key name, stored absolute ({@code d2key} becomes {@code d2key.}) because it is
 *     the owner name of the TSIG record and the name in Kea's per-key statistics ({@code
 *     key[d2key.]})
 * @param algorithm the HMAC algorithm
 * @param digestBits 0 for the full MAC, else the truncated MAC length in bits (RFC 8945 §5.2.2.1)
 * @param secret the shared secret; {@link #toString()} shows it as {@code [redacted]}
 */
public record TsigKeySpec(String name, TsigAlgorithm algorithm, int digestBits, TsigSecret secret) {

  /**
   * Longest presentation name without the trailing dot (RFC 1035 §2.3.4: 255 octets on the wire).
   */
  private static final int MAX_NAME_CHARS = 253;

  private static final int MAX_LABEL_CHARS = 63;

  /** RFC 8945 §5.2.2.1: never fewer than 10 octets, whatever the algorithm. */
  private static final int MIN_TRUNCATED_BITS = 80;

  public TsigKeySpec {
    name = absoluteName(name);
    Objects.requireNonNull(algorithm, "algorithm: must not be null");
    Objects.requireNonNull(secret, "secret: must not be null");
    requireValidDigestBits(digestBits, algorithm);
  }

  /**
   * Builds a spec from configuration text.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public static TsigKeySpec of(String name, String algorithm, int digestBits, String base64Secret) {
    return new TsigKeySpec(
        name,
        TsigAlgorithm.fromKeaName(algorithm),
        digestBits,
        TsigSecret.fromBase64(base64Secret));
  }

  /** Whether the MAC is sent truncated to {@link #digestBits()}. */
  public boolean truncated() {
    return digestBits != 0 && digestBits != algorithm.macBits();
  }

  /** Octets of MAC sent: {@code digestBits / 8}, or the full MAC length when 0. */
  public int macOctets() {
    return (digestBits == 0 ? algorithm.macBits() : digestBits) / 8;
  }

  private static String absoluteName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: must not be blank");
    }
    if (name.equals(".")) {
      return name;
    }
    String relative = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (relative.length() > MAX_NAME_CHARS) {
      throw new IllegalArgumentException(
          "name: '" + name + "' is longer than " + MAX_NAME_CHARS + " characters");
    }
    for (String label : relative.split("\\.", -1)) {
      if (label.isEmpty()) {
        throw new IllegalArgumentException("name: '" + name + "' has an empty label");
      }
      if (label.length() > MAX_LABEL_CHARS) {
        throw new IllegalArgumentException(
            "name: '" + name + "' has a label longer than " + MAX_LABEL_CHARS + " characters");
      }
      if (label.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\\')) {
        throw new IllegalArgumentException(
            "name: '" + name + "' contains whitespace or a backslash");
      }
    }
    return relative + ".";
  }

  private static void requireValidDigestBits(int digestBits, TsigAlgorithm algorithm) {
    if (digestBits < 0) {
      throw new IllegalArgumentException("digest-bits: must not be negative (" + digestBits + ")");
    }
    if (digestBits == 0) {
      return;
    }
    if (digestBits % 8 != 0) {
      throw new IllegalArgumentException("digest-bits: " + digestBits + " is not a multiple of 8");
    }
    int minimum = Math.max(MIN_TRUNCATED_BITS, algorithm.minDigestBits());
    if (digestBits < minimum) {
      throw new IllegalArgumentException(
          "digest-bits: "
              + digestBits
              + " is too small for "
              + algorithm.keaName()
              + " (minimum "
              + minimum
              + ")");
    }
    if (digestBits > algorithm.macBits()) {
      throw new IllegalArgumentException(
          "digest-bits: "
              + digestBits
              + " is larger than the "
              + algorithm.macBits()
              + "-bit MAC of "
              + algorithm.keaName());
    }
  }

  /**
   * Written out, as {@link #hashCode}: the D2 hashes its servers, keys included, from the first NCR
   * on, and a record's generated methods are bootstrapped through method handles at their first
   * call (issue 14, start-to-serving). The secret compares as {@link TsigSecret#equals} does.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TsigKeySpec k
        && digestBits == k.digestBits
        && name.equals(k.name)
        && algorithm == k.algorithm
        && secret.equals(k.secret);
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + algorithm.hashCode()) * 31 + digestBits) * 31
        + secret.hashCode();
  }

  @Override
  public String toString() {
    return "TsigKeySpec[name="
        + name
        + ", algorithm="
        + algorithm.keaName()
        + ", digestBits="
        + digestBits
        + ", secret="
        + secret
        + "]";
  }
}
