package io.d2j.tsig;

import java.util.Locale;

/**
 * The TSIG algorithms a Kea {@code tsig-keys} entry may name, with their RFC 8945 wire names.
 *
 * <p>Kea spells them {@code HMAC-MD5} … {@code HMAC-SHA512} and accepts any letter case:
 *
 * <pre>{@code
 * "tsig-keys": [ { "name": "d2key", "algorithm": "hmac-sha256", "secret": "..." } ]
 * TsigAlgorithm.fromKeaName("hmac-sha256").wireName()   // "hmac-sha256."
 * TsigAlgorithm.fromKeaName("HMAC-MD5").wireName()      // "hmac-md5.sig-alg.reg.int."
 * }</pre>
 */
public enum TsigAlgorithm {
  /** RFC 8945 §6 keeps the historical owner-style name for MD5. */
  HMAC_MD5("HMAC-MD5", "hmac-md5.sig-alg.reg.int.", 128, 80),
  HMAC_SHA1("HMAC-SHA1", "hmac-sha1.", 160, 80),
  HMAC_SHA224("HMAC-SHA224", "hmac-sha224.", 224, 112),
  HMAC_SHA256("HMAC-SHA256", "hmac-sha256.", 256, 128),
  HMAC_SHA384("HMAC-SHA384", "hmac-sha384.", 384, 192),
  HMAC_SHA512("HMAC-SHA512", "hmac-sha512.", 512, 256);

  private final String keaName;
  private final String wireName;
  private final int macBits;
  private final int minDigestBits;

  TsigAlgorithm(String keaName, String wireName, int macBits, int minDigestBits) {
    this.keaName = keaName;
    this.wireName = wireName;
    this.macBits = macBits;
    this.minDigestBits = minDigestBits;
  }

  /** The name as Kea's configuration spells it, e.g. {@code HMAC-SHA256}. */
  public String keaName() {
    return keaName;
  }

  /**
   * The absolute, lower-case algorithm name carried in the TSIG RDATA, e.g. {@code hmac-sha256.}.
   */
  public String wireName() {
    return wireName;
  }

  /** Length of the untruncated MAC in bits (the HMAC output size). */
  public int macBits() {
    return macBits;
  }

  /**
   * The smallest {@code digest-bits} Kea accepts for this algorithm: 80 bits (10 octets, RFC 8945
   * §5.2.2.1) in general, and half the MAC for the SHA-2 family (RFC 4635 §3.1).
   */
  public int minDigestBits() {
    return minDigestBits;
  }

  /**
   * Looks an algorithm up by its Kea name, ignoring case.
   *
   * @throws IllegalArgumentException {@code Unknown TSIG Key algorithm: X} for any other name
   */
  public static TsigAlgorithm fromKeaName(String name) {
    if (name != null) {
      String upper = name.toUpperCase(Locale.ROOT);
      for (TsigAlgorithm algorithm : values()) {
        if (algorithm.keaName.equals(upper)) {
          return algorithm;
        }
      }
    }
    throw new IllegalArgumentException("Unknown TSIG Key algorithm: " + name);
  }

  @Override
  public String toString() {
    return keaName;
  }
}
