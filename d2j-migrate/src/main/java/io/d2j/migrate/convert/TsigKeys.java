package io.d2j.migrate.convert;

import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.tsig.TsigAlgorithm;
import io.d2j.tsig.TsigKeySpec;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dhcpd {@code key} statements to Kea's {@code tsig-keys} entries (spec §9.1): algorithm names as
 * Kea spells them ({@code HMAC-SHA256}), {@code digest-bits} from BIND's truncated names ({@code
 * hmac-sha256-128}), checked by the same rules Kea's D2 applies ({@link TsigKeySpec}).
 *
 * <pre>{@code
 * key "ddns" { algorithm hmac-sha256-128; secret "LSWXnfkKZjdPJI5QxlpnfQ=="; }
 *   -> { "name": "ddns", "algorithm": "HMAC-SHA256", "digest-bits": 128, "secret": "LSWX..." }
 * }</pre>
 */
final class TsigKeys {
  private static final Pattern ALGORITHM =
      Pattern.compile("hmac-(md5|sha1|sha224|sha256|sha384|sha512)(?:-(\\d+))?");

  /**
   * A key.
   *
   * @param name the key name as written (the DNS name the server knows it by)
   * @param algorithm Kea's name of the algorithm
   * @param digestBits 0, or the truncated MAC length
   * @param secret the base64 secret (for the D2 document only: never logged or reported)
   * @param statement where it was declared
   */
  record Key(
      String name, TsigAlgorithm algorithm, int digestBits, String secret, Statement statement) {
    @Override
    public String toString() {
      return "Key[" + name + ", " + algorithm + ", " + digestBits + ", secret=[redacted]]";
    }
  }

  private TsigKeys() {}

  static Key parse(Statement s) {
    if (s.block().isEmpty() || s.words().size() != 2) {
      throw new ConfSyntaxException(s.position(), "key: expecting a name and '{'");
    }
    String name = s.words().get(1).text();
    Statement algorithm = null;
    String secret = null;
    for (Statement k : s.children()) {
      switch (k.keyword()) {
        case "algorithm" -> {
          if (k.words().size() != 2) {
            throw new ConfSyntaxException(
                k.position(), "key " + name + ": expecting one algorithm name");
          }
          algorithm = k;
        }
        case "secret" -> {
          StringBuilder b = new StringBuilder();
          for (Token t : k.words().subList(1, k.words().size())) {
            b.append(t.text()); // BIND also takes the secret unquoted, split at '+' and '='
          }
          secret = b.toString();
        }
        default ->
            throw new ConfSyntaxException(
                k.position(), "key " + name + ": unexpected '" + k.keyword() + "'");
      }
    }
    if (algorithm == null) {
      throw new ConfSyntaxException(s.position(), "key " + name + ": no algorithm");
    }
    if (secret == null || secret.isEmpty()) {
      throw new ConfSyntaxException(s.position(), "key " + name + ": no secret");
    }
    Token a = algorithm.words().get(1);
    String text = a.text().toLowerCase(Locale.ROOT);
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.equals("hmac-md5.sig-alg.reg.int")) {
      text = "hmac-md5";
    }
    Matcher m = ALGORITHM.matcher(text);
    if (!m.matches()) {
      throw new ConfSyntaxException(
          a.position(),
          "key "
              + name
              + ": algorithm "
              + a.text()
              + " has no Kea counterpart (Kea's D2 signs with"
              + " HMAC-MD5, HMAC-SHA1, HMAC-SHA224, HMAC-SHA256, HMAC-SHA384, HMAC-SHA512)");
    }
    TsigAlgorithm alg = TsigAlgorithm.fromKeaName("HMAC-" + m.group(1).toUpperCase(Locale.ROOT));
    int bits = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    if (bits == alg.macBits()) {
      bits = 0;
    }
    try {
      TsigKeySpec.of(name, alg.keaName(), bits, secret);
    } catch (IllegalArgumentException e) {
      throw new ConfSyntaxException(
          bits != 0 && e.getMessage().contains("digest") ? a.position() : s.position(),
          "key " + name + ": " + e.getMessage());
    }
    return new Key(name, alg, bits, secret, s);
  }
}
