package io.d2j.ncr.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the signature trailer of {@link NcrSigner} on received datagrams: a known key, a MAC that
 * verifies, a signing time within the window of this clock, and a counter this sender id has not
 * used before (a sliding window of {@value #REPLAY_WINDOW} counters per sender id, as IPsec's
 * anti-replay window; older counters are refused).
 *
 * <pre>{@code
 * NcrVerifier v = new NcrVerifier(List.of(key), Duration.ofSeconds(30), Clock.systemUTC());
 * NcrVerifier.Check c = v.check(datagram, 0, length);
 * switch (c.outcome()) { case SIGNED -> decode(datagram, 0, c.framedLength()); ... }
 * }</pre>
 *
 * <p>Thread-safe (a moved listener and the one it replaces may overlap briefly). Memory is bounded:
 * at most {@value #MAX_SENDERS} sender ids are remembered, the least recently seen forgotten first;
 * only a holder of a key can create one.
 */
public final class NcrVerifier {

  /** How many counters below the highest seen are still taken once, out of order. */
  public static final int REPLAY_WINDOW = 1024;

  /** How many sender ids are remembered. */
  public static final int MAX_SENDERS = 4096;

  /** What {@link #check} found. */
  public enum Outcome {
    /** No trailer: a plain framed NCR (from Kea, or a d2j sender without a key). */
    UNSIGNED,
    /** Signed, verified, fresh: decode {@link Check#framedLength()} octets. */
    SIGNED,
    /** Signed and verified, but this sender id already used this counter. */
    REPLAYED,
    /** A trailer that does not verify: {@link Check#reason()} says why. */
    REFUSED
  }

  /**
   * @param framedLength octets of the framed NCR (the whole datagram when unsigned)
   * @param keyName the key that signed it; empty unless SIGNED or REPLAYED
   * @param reason why it was refused or replayed; empty otherwise
   */
  public record Check(Outcome outcome, int framedLength, String keyName, String reason) {}

  private final Map<String, NcrAuthKey> keys = new HashMap<>();
  private final long windowMillis;
  private final Clock clock;

  private final Map<SenderKey, ReplayWindow> senders =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SenderKey, ReplayWindow> eldest) {
          return size() > MAX_SENDERS;
        }
      };

  private record SenderKey(String key, long id) {}

  /**
   * @param keys the keys a datagram may be signed with
   * @param window how far a signing time may lie from this clock, either way
   */
  public NcrVerifier(List<NcrAuthKey> keys, Duration window, Clock clock) {
    for (NcrAuthKey k : keys) {
      this.keys.put(k.name(), k);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window: must be positive, got " + window);
    }
    this.windowMillis = window.toMillis();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Where the framed NCR ends when a receiver does not check signatures: before a d2j signature
   * trailer (recognised by its marker, not verified), else at {@code length}.
   */
  public static int ncrLength(byte[] datagram, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, datagram.length);
    if (length < 2) {
      return length;
    }
    int framed = 2 + (((datagram[offset] & 0xff) << 8) | (datagram[offset + 1] & 0xff));
    boolean marked =
        length - framed > NcrSigner.FIXED_OCTETS
            && Arrays.equals(
                datagram,
                offset + framed,
                offset + framed + NcrSigner.MARKER.length,
                NcrSigner.MARKER,
                0,
                NcrSigner.MARKER.length);
    return marked ? framed : length;
  }

  /** Checks {@code length} octets at {@code offset}; never throws for any content. */
  public synchronized Check check(byte[] datagram, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, datagram.length);
    if (length < 2) {
      return new Check(Outcome.UNSIGNED, length, "", "");
    }
    int framed = 2 + (((datagram[offset] & 0xff) << 8) | (datagram[offset + 1] & 0xff));
    if (framed >= length) {
      return new Check(Outcome.UNSIGNED, length, "", "");
    }
    ByteBuffer t = ByteBuffer.wrap(datagram, offset + framed, length - framed).slice();
    int fixed = NcrSigner.FIXED_OCTETS;
    if (t.remaining() < fixed + 1
        || !Arrays.equals(
            datagram,
            offset + framed,
            offset + framed + NcrSigner.MARKER.length,
            NcrSigner.MARKER,
            0,
            NcrSigner.MARKER.length)) {
      return refused(framed, "octets after the NCR are not a d2j signature");
    }
    t.position(NcrSigner.MARKER.length);
    int version = t.get() & 0xff;
    if (version != NcrSigner.VERSION) {
      return refused(
          framed,
          "signature version " + version + " is not supported (" + NcrSigner.VERSION + " is)");
    }
    int nameLength = t.get() & 0xff;
    if (nameLength == 0 || t.remaining() != nameLength + fixed - NcrSigner.MARKER.length - 2) {
      return refused(framed, "the signature's length does not match its key name's");
    }
    byte[] nameOctets = new byte[nameLength];
    t.get(nameOctets);
    String name = new String(nameOctets, StandardCharsets.ISO_8859_1);
    long senderId = t.getLong();
    long counter = t.getLong();
    long signedAt = t.getLong();
    NcrAuthKey key = keys.get(name);
    if (key == null) {
      // The name comes from whoever sent the datagram and ends up in a log line: no control
      // characters (a newline would start a forged line) and no quote that ends ours.
      return refused(framed, "signed with key '" + printable(name) + "', which is not configured");
    }
    int macAt = length - NcrSigner.MAC_OCTETS;
    byte[] expected = Hmac.sha256(key.secret(), datagram, offset, macAt);
    byte[] given = Arrays.copyOfRange(datagram, offset + macAt, offset + length);
    if (!MessageDigest.isEqual(expected, given)) {
      return refused(framed, "the signature with key '" + name + "' does not verify");
    }
    long now = clock.millis();
    boolean past = signedAt <= now;
    // The distance either way, exact as an unsigned value: now - signedAt may overflow a long
    // (a signing time half the long range away once came out as Long.MIN_VALUE, whose absolute
    // value is negative, and passed as fresh).
    long distance = past ? now - signedAt : signedAt - now;
    if (Long.compareUnsigned(distance, windowMillis) > 0) {
      return refused(
          framed,
          "signed "
              + Long.toUnsignedString(Long.divideUnsigned(distance, 1000))
              + " s "
              + (past ? "ago" : "in the future")
              + ", outside the "
              + windowMillis / 1000
              + " s window");
    }
    ReplayWindow w =
        senders.computeIfAbsent(new SenderKey(name, senderId), k -> new ReplayWindow());
    return switch (w.offer(counter)) {
      case FRESH -> new Check(Outcome.SIGNED, framed, name, "");
      case SEEN ->
          new Check(Outcome.REPLAYED, framed, name, "counter " + counter + " was already received");
      case TOO_OLD ->
          refused(
              framed,
              "counter "
                  + counter
                  + " is more than "
                  + REPLAY_WINDOW
                  + " below the highest received ("
                  + w.highest()
                  + ")");
    };
  }

  /** {@code text} with control characters, DEL, C1 and quotes written as {@code \\xNN}. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\'' || c == '\\') {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Check refused(int framed, String reason) {
    return new Check(Outcome.REFUSED, framed, "", reason);
  }

  /** The counters one sender id has used: the highest, and which of the window below it. */
  static final class ReplayWindow {
    enum Verdict {
      FRESH,
      SEEN,
      TOO_OLD
    }

    private final long[] bits = new long[REPLAY_WINDOW / 64];
    private long highest;

    long highest() {
      return highest;
    }

    Verdict offer(long counter) {
      if (counter > highest) {
        long advance = counter - highest;
        if (advance >= REPLAY_WINDOW) {
          Arrays.fill(bits, 0L);
        } else {
          for (long c = highest + 1; c < counter; c++) {
            clear(c);
          }
        }
        highest = counter;
        set(counter);
        return Verdict.FRESH;
      }
      if (counter <= highest - REPLAY_WINDOW || counter <= 0) {
        return Verdict.TOO_OLD;
      }
      if (isSet(counter)) {
        return Verdict.SEEN;
      }
      set(counter);
      return Verdict.FRESH;
    }

    private int slot(long c) {
      return (int) Math.floorMod(c, (long) REPLAY_WINDOW);
    }

    private boolean isSet(long c) {
      int s = slot(c);
      return (bits[s >>> 6] & (1L << (s & 63))) != 0;
    }

    private void set(long c) {
      int s = slot(c);
      bits[s >>> 6] |= 1L << (s & 63);
    }

    private void clear(long c) {
      int s = slot(c);
      bits[s >>> 6] &= ~(1L << (s & 63));
    }
  }
}
