package io.d2j.d2.listener;

import io.d2j.ncr.auth.NcrVerifier;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Which NCR datagrams the D2 takes, as far as signatures go (issue 16 item 2, {@code
 * user-context.d2j.ncr-authentication}): off, every datagram is taken (a d2j signature trailer is
 * then ignored); on, a datagram must carry a signature that verifies with a configured key, fresh
 * (not replayed, signed within the time window), unless it is unsigned and its source is in {@code
 * unsigned-senders} (Kea's DHCP servers, which cannot sign).
 *
 * <p>Used by the listener's decoder thread only.
 */
public final class NcrAuthPolicy {

  /** Off: every datagram is taken. */
  public static final NcrAuthPolicy OFF = new NcrAuthPolicy(null, SenderFilter.ANYONE);

  /** What to do with a datagram. */
  public enum Verdict {
    /** Decode {@link Decision#framedLength()} octets. */
    TAKE,
    /** A signed datagram seen before: drop, count as replayed. */
    REPLAY,
    /** Drop, count as rejected: {@link Decision#reason()}. */
    REFUSE
  }

  /**
   * @param framedLength octets of the framed NCR to decode
   * @param signed whether a verified signature came with it
   */
  public record Decision(Verdict verdict, int framedLength, boolean signed, String reason) {}

  private final NcrVerifier verifier;
  private final SenderFilter unsigned;

  private NcrAuthPolicy(NcrVerifier verifier, SenderFilter unsigned) {
    this.verifier = verifier;
    this.unsigned = unsigned;
  }

  /**
   * Authentication on: signatures checked by {@code verifier}; unsigned datagrams taken only from
   * {@code unsigned} (may be {@link SenderFilter#parse} of an empty list: nobody).
   */
  public static NcrAuthPolicy required(NcrVerifier verifier, SenderFilter unsigned) {
    return new NcrAuthPolicy(
        Objects.requireNonNull(verifier, "verifier"), Objects.requireNonNull(unsigned, "unsigned"));
  }

  public boolean on() {
    return verifier != null;
  }

  /** The decision for {@code length} octets from {@code from} (null: unknown source). */
  public Decision decide(byte[] data, int length, InetAddress from) {
    if (verifier == null) {
      return new Decision(Verdict.TAKE, NcrVerifier.ncrLength(data, 0, length), false, "");
    }
    NcrVerifier.Check c = verifier.check(data, 0, length);
    return switch (c.outcome()) {
      case SIGNED -> new Decision(Verdict.TAKE, c.framedLength(), true, "");
      case REPLAYED -> new Decision(Verdict.REPLAY, c.framedLength(), true, c.reason());
      case REFUSED -> new Decision(Verdict.REFUSE, c.framedLength(), false, c.reason());
      case UNSIGNED ->
          from != null && unsigned.allows(from)
              ? new Decision(Verdict.TAKE, length, false, "")
              : new Decision(
                  Verdict.REFUSE,
                  length,
                  false,
                  "unsigned, and its source is not in ncr-authentication.unsigned-senders ("
                      + (unsigned.toString().isEmpty() ? "none" : unsigned)
                      + ")");
    };
  }
}
