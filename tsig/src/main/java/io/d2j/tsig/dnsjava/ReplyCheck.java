package io.d2j.tsig.dnsjava;

import java.util.Objects;
import org.xbill.DNS.Message;

/**
 * The verdict on one received datagram, from {@link SignedRequest#check(byte[])}.
 *
 * <p>{@link Valid} means the reply may be acted upon whatever its RCODE (Kea counts REFUSED or
 * NXRRSET as {@code update-success}); {@link Invalid} means it must not be (Kea: {@code
 * update-error}), except for {@link Reason#ID_MISMATCH}, which is not a reply to this request at
 * all and should simply be ignored while waiting on.
 */
public sealed interface ReplyCheck permits ReplyCheck.Valid, ReplyCheck.Invalid {

  /**
   * An acceptable reply.
   *
   * @param reply the parsed reply
   * @param signed whether the reply carried a TSIG (always verified when the request was signed)
   */
  record Valid(Message reply, boolean signed) implements ReplyCheck {
    public Valid {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * A datagram that must not be acted upon.
   *
   * @param reason the failure class, for counters and log event ids
   * @param detail a human-readable explanation for the log line
   * @param replyOrNull the parsed message when parsing got that far, else {@code null}
   */
  record Invalid(Reason reason, String detail, Message replyOrNull) implements ReplyCheck {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why a datagram was not accepted. The {@code BAD*} values are RFC 8945 §5.2 TSIG errors. */
  enum Reason {
    /** Not a DNS message, or a malformed one. */
    UNPARSEABLE,
    /** The ID differs from the request's: a stray or late datagram, not our reply. */
    ID_MISMATCH,
    /** QR is clear: a query, not a response. */
    NOT_A_RESPONSE,
    /** Opcode other than UPDATE (RFC 2136 §3.8: the response echoes the opcode). */
    WRONG_OPCODE,
    /** The request was signed but the reply carries no TSIG (RFC 8945 §5.3.2: must be rejected). */
    UNSIGNED,
    /** The MAC does not verify, or the server reported it could not verify ours. */
    BADSIG,
    /** Key name or algorithm unknown to the other side (or not the one we used). */
    BADKEY,
    /** Time signed outside the fudge window, on either side. */
    BADTIME,
    /** A MAC truncated below what the other side accepts. */
    BADTRUNC,
    /** Any other TSIG failure (e.g. FORMERR from the verifier); see the detail. */
    TSIG_FAILED
  }
}
