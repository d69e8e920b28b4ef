package io.d2j.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * The HMAC algorithms that both Kea (upper-case names in {@code tsig-keys}) and BIND (lower-case
 * names in {@code key} clauses) accept for TSIG (RFC 8945 section 6), with the digest size that a
 * generated secret gets.
 */
enum TsigAlgorithm {
  HMAC_MD5("HMAC-MD5", TSIG.HMAC_MD5, 16),
  HMAC_SHA1("HMAC-SHA1", TSIG.HMAC_SHA1, 20),
  HMAC_SHA224("HMAC-SHA224", TSIG.HMAC_SHA224, 28),
  HMAC_SHA256("HMAC-SHA256", TSIG.HMAC_SHA256, 32),
  HMAC_SHA384("HMAC-SHA384", TSIG.HMAC_SHA384, 48),
  HMAC_SHA512("HMAC-SHA512", TSIG.HMAC_SHA512, 64);

  private final String keaName;
  private final Name dnsName;
  private final int secretBytes;

  TsigAlgorithm(String keaName, Name dnsName, int secretBytes) {
    this.keaName = keaName;
    this.dnsName = dnsName;
    this.secretBytes = secretBytes;
  }

  /** Kea spells algorithms upper-case and matches them case-insensitively. */
  static Optional<TsigAlgorithm> byKeaName(String name) {
    return Arrays.stream(values()).filter(a -> a.keaName.equalsIgnoreCase(name)).findFirst();
  }

  static TsigAlgorithm requireKeaName(String name) {
    return byKeaName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "keaAlgorithm: unknown TSIG algorithm '"
                        + name
                        + "' (expected one of "
                        + Arrays.stream(values())
                            .map(a -> a.keaName)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  String keaName() {
    return keaName;
  }

  /** The name named.conf's {@code algorithm} clause uses, e.g. {@code hmac-sha256}. */
  String bindName() {
    return keaName.toLowerCase(Locale.ROOT);
  }

  /** The algorithm's domain name in the TSIG RR (RFC 8945 section 6). */
  Name dnsName() {
    return dnsName;
  }

  /** The digest length: RFC 2104 section 3 recommends keys no shorter than the hash output. */
  int secretBytes() {
    return secretBytes;
  }
}
