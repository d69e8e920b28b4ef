package io.d2j.tsig.dnsjava;

import io.d2j.tsig.dnsjava.ReplyCheck.Invalid;
import io.d2j.tsig.dnsjava.ReplyCheck.Reason;
import io.d2j.tsig.dnsjava.ReplyCheck.Valid;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * A rendered request, ready to send, that knows how to judge its reply.
 *
 * <p>{@link #check(byte[])} applies, in order: parse; the ID must match (else {@link
 * Reason#ID_MISMATCH}, a datagram to ignore rather than a failed attempt); QR set; opcode UPDATE;
 * and for a signed request a TSIG whose MAC verifies against ours (RFC 8945 §5.3.2, the request MAC
 * is part of the reply's MAC input) and whose error field is NOERROR. A server that could not
 * verify our request answers NOTAUTH with a MAC-less TSIG carrying BADSIG/BADKEY/BADTIME (§5.2):
 * that is {@link Invalid}, never {@link Valid}. For an unsigned request, any well-formed response
 * is valid, signed or not, as in Kea.
 */
public final class SignedRequest {
  private static final Logger log = LoggerFactory.getLogger(SignedRequest.class);

  private final byte[] wire;
  private final int id;
  private final TSIG verifier;
  private final TSIGRecord requestTsig;
  private final String keyName;

  SignedRequest(byte[] wire, int id, TSIG verifier, TSIGRecord requestTsig, String keyName) {
    this.wire = wire;
    this.id = id;
    this.verifier = verifier;
    this.requestTsig = requestTsig;
    this.keyName = keyName;
  }

  /** The datagram to send (a copy). */
  public byte[] wire() {
    return wire.clone();
  }

  /** Octets of {@link #wire()}, without copying it. */
  public int length() {
    return wire.length;
  }

  /** The DNS message ID of the request. */
  public int id() {
    return id;
  }

  /** Whether a TSIG record was appended. */
  public boolean signed() {
    return verifier != null;
  }

  /** The absolute name of the signing key, when signed. */
  public Optional<String> keyName() {
    return Optional.ofNullable(keyName);
  }

  /** Parses and verifies a reply to this request. Never throws. */
  public ReplyCheck check(byte[] replyWire) {
    ReplyCheck result;
    try {
      result = judge(replyWire);
    } catch (RuntimeException e) {
      // dnsjava may throw unchecked exceptions on hostile input; a datagram must never crash us.
      result = new Invalid(Reason.UNPARSEABLE, "reply: " + e, null);
    }
    if (result instanceof Invalid invalid) {
      log.debug("reply to id={} rejected: {} {}", id, invalid.reason(), invalid.detail());
    }
    return result;
  }

  private ReplyCheck judge(byte[] replyWire) {
    if (replyWire == null || replyWire.length < Header.LENGTH) {
      int length = replyWire == null ? 0 : replyWire.length;
      return new Invalid(
          Reason.UNPARSEABLE, "reply: " + length + " octets, shorter than a DNS header", null);
    }
    Message reply;
    try {
      reply = new Message(replyWire);
    } catch (IOException e) {
      return new Invalid(Reason.UNPARSEABLE, "reply: " + e.getMessage(), null);
    }
    Header header = reply.getHeader();
    if (header.getID() != id) {
      return new Invalid(
          Reason.ID_MISMATCH,
          "reply: id " + header.getID() + " differs from the request's " + id,
          reply);
    }
    if (!header.getFlag(Flags.QR)) {
      return new Invalid(Reason.NOT_A_RESPONSE, "reply: QR flag is clear", reply);
    }
    if (header.getOpcode() != Opcode.UPDATE) {
      return new Invalid(
          Reason.WRONG_OPCODE,
          "reply: opcode " + Opcode.string(header.getOpcode()) + ", expected UPDATE",
          reply);
    }
    TSIGRecord replyTsig = reply.getTSIG();
    if (verifier == null) {
      return new Valid(reply, replyTsig != null);
    }
    String rcode = Rcode.string(header.getRcode());
    if (replyTsig == null) {
      return new Invalid(
          Reason.UNSIGNED, "reply: rcode " + rcode + " without TSIG, key " + keyName, reply);
    }
    int verified = verifier.verify(reply, replyWire, requestTsig);
    int reported = replyTsig.getError();
    if (reported != Rcode.NOERROR) {
      return new Invalid(
          reasonFor(reported),
          "reply: rcode "
              + rcode
              + ", server reported TSIG error "
              + Rcode.TSIGstring(reported)
              + " for key "
              + keyName,
          reply);
    }
    if (verified != Rcode.NOERROR || !reply.isVerified()) {
      return new Invalid(
          reasonFor(verified),
          "reply: rcode "
              + rcode
              + ", TSIG verification failed with "
              + Rcode.TSIGstring(verified)
              + " for key "
              + keyName,
          reply);
    }
    return new Valid(reply, true);
  }

  private static Reason reasonFor(int tsigError) {
    return switch (tsigError) {
      case Rcode.BADSIG -> Reason.BADSIG;
      case Rcode.BADKEY -> Reason.BADKEY;
      case Rcode.BADTIME -> Reason.BADTIME;
      case Rcode.BADTRUNC -> Reason.BADTRUNC;
      default -> Reason.TSIG_FAILED;
    };
  }

  @Override
  public String toString() {
    return "SignedRequest[id=" + id + ", key=" + (keyName == null ? "none" : keyName) + "]";
  }
}
