package io.d2j.ncr.auth;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, which every JRE provides. */
final class Hmac {

  private Hmac() {}

  static byte[] sha256(byte[] secret, byte[] data, int offset, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(data, offset, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JRE has HmacSHA256", e);
    }
  }
}
