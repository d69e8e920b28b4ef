package io.d2j.tsig.dnsjava;

import io.d2j.tsig.TsigKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TextParseException;

/**
 * Signs DNS UPDATE requests with one TSIG key (RFC 8945 §5.1) into wire bytes that the caller sends
 * itself, and hands back a {@link SignedRequest} that verifies the reply.
 *
 * <pre>{@code
 * var signer = new TsigSigner(TsigKeySpec.of("d2key", "HMAC-SHA256", 0, secret), clock);
 * SignedRequest req = signer.sign(update);          // header | zone | prereq | update | TSIG
 * socket.send(req.wire());
 * ReplyCheck check = req.check(datagram);           // Valid, or Invalid with a Reason
 * }</pre>
 *
 * <p>Fudge is dnsjava's default of 300 s (RFC 8945 §10 recommends 300), provided the global dnsjava
 * option {@code tsigfudge} is left unset. No EDNS OPT record is added, as Kea adds none.
 *
 * <p>With {@code digest-bits} set, the MAC is computed in full and its leftmost {@code
 * digest-bits/8} octets are sent under the plain algorithm name, as Kea and BIND do (RFC 8945
 * §5.2.2.1). dnsjava's {@code hmac-sha256-128.} names are a different algorithm to BIND and are
 * never used.
 */
public final class TsigSigner {
  private final TsigKeySpec key;
  private final TSIG tsig;

  /**
   * @param key the key; its secret is copied into the JCA key and not kept otherwise
   * @param clock the source of "time signed" and of the verifier's notion of now
   */
  public TsigSigner(TsigKeySpec key, Clock clock) {
    this.key = Objects.requireNonNull(key, "key");
    Objects.requireNonNull(clock, "clock");
    Name keyName;
    try {
      keyName = Name.fromString(key.name());
    } catch (TextParseException e) {
      throw new IllegalArgumentException("name: '" + key.name() + "' is not a DNS name", e);
    }
    byte[] secret = key.secret().bytes();
    try {
      SecretKeySpec jcaKey =
          new SecretKeySpec(secret, DnsjavaAlgorithms.jcaName(key.algorithm())); // copies
      this.tsig = new TSIG(DnsjavaAlgorithms.wireName(key.algorithm()), keyName, jcaKey, clock);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The key this signer uses. */
  public TsigKeySpec key() {
    return key;
  }

  /**
   * Renders the request and appends a TSIG record signed with this key. The message itself is not
   * modified.
   *
   * @throws IllegalArgumentException if the message already carries a TSIG record
   */
  public SignedRequest sign(Message request) {
    if (request.getTSIG() != null) {
      throw new IllegalArgumentException("request: already carries a TSIG record");
    }
    return signRendered(request.toWire());
  }

  /**
   * Appends a TSIG record signed with this key to a request someone else rendered (the D2's own
   * UPDATE renderer): {@code unsigned} is a complete DNS message without a TSIG record, its ID in
   * the first two octets. The array is not modified.
   *
   * @throws IllegalArgumentException if {@code unsigned} is shorter than a DNS header
   */
  public SignedRequest signRendered(byte[] unsigned) {
    int id = idOf(unsigned);
    // dnsjava reads only the header's ID from the message; the MAC covers the rendered octets.
    TSIGRecord full = tsig.generate(new Message(id), unsigned, Rcode.NOERROR, null);
    TSIGRecord sent = key.truncated() ? truncate(full, key.macOctets()) : full;
    return new SignedRequest(appendAdditional(unsigned, sent), id, tsig, sent, key.name());
  }

  /** The request rendered as is, for servers configured without a key. */
  public static SignedRequest unsigned(Message request) {
    return unsignedRendered(request.toWire());
  }

  /**
   * A request someone else rendered, sent as is (no key). The array is kept, not copied.
   *
   * @throws IllegalArgumentException if {@code wire} is shorter than a DNS header
   */
  public static SignedRequest unsignedRendered(byte[] wire) {
    return new SignedRequest(wire, idOf(wire), null, null, null);
  }

  private static int idOf(byte[] wire) {
    if (wire.length < Header.LENGTH) {
      throw new IllegalArgumentException(
          "request: " + wire.length + " octets, shorter than a DNS header");
    }
    return ((wire[0] & 0xff) << 8) | (wire[1] & 0xff);
  }

  /**
   * RFC 8945 §5.2.2.1: a truncated MAC is the leftmost octets of the full one. The MAC covers the
   * message and the TSIG variables (§4.3.3), which do not include the MAC length, so cutting the
   * computed MAC is all there is to it.
   */
  private static TSIGRecord truncate(TSIGRecord full, int octets) {
    Duration fudge = full.getFudge();
    return new TSIGRecord(
        full.getName(),
        DClass.ANY,
        0,
        full.getAlgorithm(),
        full.getTimeSigned(),
        fudge,
        Arrays.copyOf(full.getSignature(), octets),
        full.getOriginalID(),
        Rcode.NOERROR,
        null);
  }

  /** Appends the record as the last additional RR (RFC 8945 §4.2) and increments ARCOUNT. */
  private static byte[] appendAdditional(byte[] message, TSIGRecord record) {
    byte[] rr = record.toWire(Section.ADDITIONAL);
    byte[] out = Arrays.copyOf(message, message.length + rr.length);
    System.arraycopy(rr, 0, out, message.length, rr.length);
    int arcount = (((out[10] & 0xff) << 8) | (out[11] & 0xff)) + 1;
    out[10] = (byte) (arcount >>> 8);
    out[11] = (byte) arcount;
    return out;
  }

  @Override
  public String toString() {
    return "TsigSigner[" + key + "]";
  }
}
