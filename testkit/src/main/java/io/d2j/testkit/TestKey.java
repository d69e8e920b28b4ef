package io.d2j.testkit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * A TSIG key for fixtures, spelled both ways: Kea's {@code tsig-keys} entry and BIND's {@code key}
 * clause.
 *
 * <pre>{@code
 * TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
 * key.bindKeyClause();  // key "d2j-key." { algorithm hmac-sha256; secret "q0vY...="; };
 * key.keaJson();        // { "name": "d2j-key.", "algorithm": "HMAC-SHA256", "secret": "q0vY...=" }
 * }</pre>
 *
 * @param name absolute key name, e.g. {@code d2j-key.}
 * @param keaAlgorithm algorithm as Kea spells it, e.g. {@code HMAC-SHA256}
 * @param bindAlgorithm the same algorithm as named.conf spells it, e.g. {@code hmac-sha256}
 * @param secretBase64 the shared secret, base64
 */
public record TestKey(String name, String keaAlgorithm, String bindAlgorithm, String secretBase64) {

  public TestKey {
    if (name == null || !name.endsWith(".") || name.length() < 2 || name.contains("\"")) {
      throw new IllegalArgumentException(
          "name: must be an absolute domain name ending in '.' (" + name + ")");
    }
    TsigAlgorithm algorithm = TsigAlgorithm.requireKeaName(keaAlgorithm);
    if (!algorithm.bindName().equals(bindAlgorithm)) {
      throw new IllegalArgumentException(
          "bindAlgorithm: '"
              + bindAlgorithm
              + "' does not match keaAlgorithm "
              + keaAlgorithm
              + " (expected '"
              + algorithm.bindName()
              + "')");
    }
    keaAlgorithm = algorithm.keaName();
    if (secretBase64 == null || secretBase64.isEmpty() || !isBase64(secretBase64)) {
      throw new IllegalArgumentException("secretBase64: not base64 (" + secretBase64 + ")");
    }
  }

  /** A key with a {@link SecureRandom} secret as long as the algorithm's digest. */
  public static TestKey random(String name, String keaAlgorithm) {
    return random(name, keaAlgorithm, new SecureRandom());
  }

  /** A key whose secret comes from {@code random}: pass a seeded one for repeatable tests. */
  public static TestKey random(String name, String keaAlgorithm, Random random) {
    TsigAlgorithm algorithm = TsigAlgorithm.requireKeaName(keaAlgorithm);
    byte[] secret = new byte[algorithm.secretBytes()];
    random.nextBytes(secret);
    return new TestKey(
        name,
        algorithm.keaName(),
        algorithm.bindName(),
        Base64.getEncoder().encodeToString(secret));
  }

  /** The clause named.conf declares the key with. */
  public String bindKeyClause() {
    return "key \""
        + name
        + "\" { algorithm "
        + bindAlgorithm
        + "; secret \""
        + secretBase64
        + "\"; };";
  }

  /** One element of Kea's {@code DhcpDdns/tsig-keys} list. */
  public String keaJson() {
    return "{ \"name\": \""
        + name
        + "\", \"algorithm\": \""
        + keaAlgorithm
        + "\", \"secret\": \""
        + secretBase64
        + "\" }";
  }

  /** A dnsjava signer for this key, for tests that send UPDATEs by hand. */
  public TSIG tsig() {
    try {
      TsigAlgorithm algorithm = TsigAlgorithm.requireKeaName(keaAlgorithm);
      return new TSIG(algorithm.dnsName(), Name.fromString(name), secretBase64);
    } catch (TextParseException e) {
      throw new IllegalStateException("name: not a domain name (" + name + ")", e);
    }
  }

  private static boolean isBase64(String text) {
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
