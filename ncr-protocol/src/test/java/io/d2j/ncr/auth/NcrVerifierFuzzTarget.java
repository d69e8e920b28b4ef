package io.d2j.ncr.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.d2j.ncr.auth.NcrVerifier.Check;
import io.d2j.ncr.auth.NcrVerifier.Outcome;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jazzer target: datagrams on a listener that checks NCR signatures ({@link NcrVerifier#check}).
 * Any octets get an answer (unsigned, signed, replayed or refused with a reason), never an
 * exception; only a datagram whose MAC verifies under the configured key is signed or replayed.
 *
 * <p>The input is a run of records, each checked in turn by one verifier (so that the replay window
 * carries over between them): an op octet, a 2-octet big-endian length, that many octets. Op bit 0
 * clear: the octets are the datagram as received. Op bit 0 set: the octets are {@code sender id
 * (1), counter (8), signing time relative to the verifier's clock (8), NCR body}; the target frames
 * the body and signs it as {@link NcrSigner} does, with the configured key (bit 1 clear) or an
 * unknown one (bit 1 set), with exactly the counter and time given, and for those whose bits 2 and
 * 3 are set flips one octet of the result. Bits 4-6 of the op place the datagram at that offset in
 * a larger buffer with junk around it. For a datagram signed with the configured key and left
 * intact the expected outcome is computed independently (time window, replay window per sender id)
 * and must be the one the verifier gives. Seeds: real signed datagrams (raw), a replay, counters
 * out of order, a stale signature, an unknown key, a flipped octet, a plain Kea NCR.
 */
class NcrVerifierFuzzTarget {
  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final NcrAuthKey KEY = new NcrAuthKey("ncr-key", SECRET);
  private static final NcrAuthKey UNKNOWN = new NcrAuthKey("other-key", SECRET);
  private static final long NOW = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private static final long WINDOW_MILLIS = 30_000;
  private static final int SIGN_HEADER = 1 + 8 + 8;

  @FuzzTest(maxDuration = "30s")
  void check(byte[] input) {
    NcrVerifier verifier = new NcrVerifier(List.of(KEY), Duration.ofMillis(WINDOW_MILLIS), CLOCK);
    Map<Long, Model> senders = new HashMap<>();
    // Once a raw record was taken as signed (a seed's real datagram, say), the verifier's replay
    // window holds a counter the model never saw: from then on an intact in-window datagram may be
    // signed or replayed, but nothing else.
    boolean exact = true;
    ByteBuffer in = ByteBuffer.wrap(input);
    while (in.remaining() >= 3) {
      int op = in.get() & 0xff;
      byte[] payload = new byte[Math.min(in.getShort() & 0xffff, in.remaining())];
      in.get(payload);
      int offset = (op >>> 4) & 7;
      if ((op & 1) == 0 || payload.length < SIGN_HEADER) {
        Outcome raw = checkRaw(verifier, payload, offset);
        exact &= raw != Outcome.SIGNED && raw != Outcome.REPLAYED;
        continue;
      }
      ByteBuffer p = ByteBuffer.wrap(payload);
      long senderId = p.get() & 0xff;
      long counter = p.getLong();
      long signedAt = NOW + p.getLong();
      byte[] body = Arrays.copyOfRange(payload, SIGN_HEADER, payload.length);
      boolean known = (op & 2) == 0;
      byte[] datagram = sign(known ? KEY : UNKNOWN, body, senderId, counter, signedAt);
      boolean tampered = (op & 0x0c) == 0x0c;
      if (tampered) {
        datagram[Byte.toUnsignedInt(payload[0]) % datagram.length] ^= (byte) (op | 1);
      }
      Check c = checkAt(verifier, datagram, offset);
      assertWellFormed(c, datagram, offset);
      Outcome expected;
      if (tampered) {
        expected = c.outcome() == Outcome.UNSIGNED ? Outcome.UNSIGNED : Outcome.REFUSED;
      } else if (!known) {
        expected = Outcome.REFUSED;
      } else if (BigInteger.valueOf(NOW)
              .subtract(BigInteger.valueOf(signedAt))
              .abs()
              .compareTo(BigInteger.valueOf(WINDOW_MILLIS))
          > 0) {
        expected = Outcome.REFUSED;
      } else {
        expected = senders.computeIfAbsent(senderId, k -> new Model()).offer(counter);
      }
      boolean acceptedEitherWay =
          !exact
              && expected != Outcome.REFUSED
              && (c.outcome() == Outcome.SIGNED || c.outcome() == Outcome.REPLAYED);
      if (c.outcome() != expected && !acceptedEitherWay) {
        throw new AssertionError(
            "signed datagram (known key "
                + known
                + ", tampered "
                + tampered
                + ", sender "
                + senderId
                + ", counter "
                + counter
                + ", signed at "
                + signedAt
                + "): expected "
                + expected
                + ", got "
                + c);
      }
    }
  }

  /** Anything as received: signed or replayed only if the MAC verifies under the known key. */
  private static Outcome checkRaw(NcrVerifier verifier, byte[] datagram, int offset) {
    Check c = checkAt(verifier, datagram, offset);
    assertWellFormed(c, datagram, offset);
    if (c.outcome() == Outcome.SIGNED || c.outcome() == Outcome.REPLAYED) {
      int macAt = datagram.length - NcrSigner.MAC_OCTETS;
      if (macAt < 0
          || !MessageDigest.isEqual(
              Hmac.sha256(SECRET, datagram, 0, macAt),
              Arrays.copyOfRange(datagram, macAt, datagram.length))) {
        throw new AssertionError("accepted without a valid MAC: " + c);
      }
    }
    return c.outcome();
  }

  /** Checks the datagram at {@code offset} in a buffer with junk on both sides. */
  private static Check checkAt(NcrVerifier verifier, byte[] datagram, int offset) {
    byte[] buffer = new byte[offset + datagram.length + 7];
    Arrays.fill(buffer, (byte) 0x55);
    System.arraycopy(datagram, 0, buffer, offset, datagram.length);
    Check c = verifier.check(buffer, offset, datagram.length);
    int plain = NcrVerifier.ncrLength(buffer, offset, datagram.length);
    if (plain != NcrVerifier.ncrLength(datagram, 0, datagram.length)) {
      throw new AssertionError("ncrLength depends on the offset: " + plain);
    }
    return c;
  }

  private static void assertWellFormed(Check c, byte[] datagram, int offset) {
    if (c == null
        || c.outcome() == null
        || c.keyName() == null
        || c.reason() == null
        || c.framedLength() < 0
        || c.framedLength() > datagram.length) {
      throw new AssertionError("malformed answer: " + c);
    }
    boolean ok =
        switch (c.outcome()) {
          case UNSIGNED ->
              c.framedLength() == datagram.length && c.keyName().isEmpty() && c.reason().isEmpty();
          case SIGNED -> c.keyName().equals(KEY.name()) && c.reason().isEmpty();
          case REPLAYED -> c.keyName().equals(KEY.name()) && !c.reason().isBlank();
          case REFUSED -> c.keyName().isEmpty() && !c.reason().isBlank();
        };
    if (!ok) {
      throw new AssertionError("inconsistent answer: " + c);
    }
    if (c.outcome() == Outcome.SIGNED || c.outcome() == Outcome.REPLAYED) {
      // A receiver without keys must cut the same NCR out of the datagram.
      if (NcrVerifier.ncrLength(datagram, 0, datagram.length) != c.framedLength()) {
        throw new AssertionError("ncrLength disagrees with " + c + " at offset " + offset);
      }
    }
  }

  /** The datagram {@link NcrSigner} would send, with this counter and signing time. */
  static byte[] sign(NcrAuthKey key, byte[] body, long senderId, long counter, long signedAt) {
    byte[] name = key.name().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out =
        ByteBuffer.allocate(2 + body.length + NcrSigner.FIXED_OCTETS + name.length)
            .putShort((short) body.length)
            .put(body)
            .put(NcrSigner.MARKER)
            .put((byte) NcrSigner.VERSION)
            .put((byte) name.length)
            .put(name)
            .putLong(senderId)
            .putLong(counter)
            .putLong(signedAt);
    out.put(Hmac.sha256(key.secret(), out.array(), 0, out.position()));
    return out.array();
  }

  /** The replay rule, written out plainly: what one sender id has had accepted. */
  private static final class Model {
    private long highest;
    private final Set<Long> taken = new HashSet<>();

    Outcome offer(long counter) {
      if (counter > highest) {
        highest = counter;
        taken.add(counter);
        return Outcome.SIGNED;
      }
      if (counter <= 0 || counter <= highest - NcrVerifier.REPLAY_WINDOW) {
        return Outcome.REFUSED;
      }
      return taken.add(counter) ? Outcome.SIGNED : Outcome.REPLAYED;
    }
  }
}
