package io.d2j.ncr.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A shared HMAC-SHA256 key that signs NCR datagrams: the same name and secret as a TSIG key ({@code
 * tsig-keys} entry with algorithm HMAC-SHA256), so the D2 takes it from its key ring.
 *
 * @param name the key's name, compared without regard to case and a trailing dot ({@code ncr-key}
 *     and {@code NCR-Key.} are one key); 1 to 255 ASCII octets once canonical
 * @param secret the secret octets (at least 16)
 */
public record NcrAuthKey(String name, byte[] secret) {

  /** The shortest secret taken: 128 bits. */
  public static final int MIN_SECRET_OCTETS = 16;

  public NcrAuthKey {
    name = canonical(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_OCTETS) {
      throw new IllegalArgumentException(
          "secret: "
              + secret.length
              + " octets is too short to sign NCRs (at least "
              + MIN_SECRET_OCTETS
              + ")");
    }
    secret = secret.clone();
  }

  /** The name as the wire carries it: lower case, no trailing dot. */
  public static String canonical(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    n = n.toLowerCase(Locale.ROOT);
    byte[] octets = n.getBytes(StandardCharsets.US_ASCII);
    if (n.isEmpty()
        || octets.length > 255
        || !StandardCharsets.US_ASCII.newEncoder().canEncode(n)) {
      throw new IllegalArgumentException(
          "name: '" + name + "' must be 1 to 255 ASCII characters to sign NCRs");
    }
    return n;
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NcrAuthKey k && k.name.equals(name) && Arrays.equals(k.secret, secret);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "NcrAuthKey[" + name + "]";
  }
}
