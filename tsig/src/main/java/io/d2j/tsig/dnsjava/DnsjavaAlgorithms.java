package io.d2j.tsig.dnsjava;

import io.d2j.tsig.TsigAlgorithm;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * Our own mapping from Kea algorithm names to dnsjava's. We never let dnsjava guess: its
 * string-based constructors default to HMAC-MD5 or reject {@code hmac-md5.} (d2-behaviour §14,
 * pitfall 2).
 */
final class DnsjavaAlgorithms {
  /**
   * dnsjava spells MD5 in upper case; the name compares equal either way (RFC 4343), but we send
   * the lower-case form Kea sends.
   */
  private static final Name HMAC_MD5_LOWER =
      Name.fromConstantString(TsigAlgorithm.HMAC_MD5.wireName());

  private DnsjavaAlgorithms() {}

  /** The algorithm name for the TSIG RDATA. */
  static Name wireName(TsigAlgorithm algorithm) {
    return switch (algorithm) {
      case HMAC_MD5 -> HMAC_MD5_LOWER;
      case HMAC_SHA1 -> TSIG.HMAC_SHA1;
      case HMAC_SHA224 -> TSIG.HMAC_SHA224;
      case HMAC_SHA256 -> TSIG.HMAC_SHA256;
      case HMAC_SHA384 -> TSIG.HMAC_SHA384;
      case HMAC_SHA512 -> TSIG.HMAC_SHA512;
    };
  }

  /** The JCA MAC name for the {@link javax.crypto.spec.SecretKeySpec}. */
  static String jcaName(TsigAlgorithm algorithm) {
    return switch (algorithm) {
      case HMAC_MD5 -> "HmacMD5";
      case HMAC_SHA1 -> "HmacSHA1";
      case HMAC_SHA224 -> "HmacSHA224";
      case HMAC_SHA256 -> "HmacSHA256";
      case HMAC_SHA384 -> "HmacSHA384";
      case HMAC_SHA512 -> "HmacSHA512";
    };
  }
}
