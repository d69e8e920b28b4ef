package io.d2j.ncr.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends d2j's signature trailer to framed NCR datagrams. Each datagram gets the next counter, so
 * a retransmission is signed anew and never looks like a replay; the sender id is random per
 * signer, so a restarted sender starts a fresh replay window at the D2.
 *
 * <p>Trailer, after the 2-octet length and the JSON body it counts (all integers big-endian):
 *
 * <pre>
 *   "d2js"            4 octets, the marker
 *   version           1 octet, 1
 *   name length n     1 octet
 *   key name          n octets, ASCII, lower case, no trailing dot
 *   sender id         8 octets, random per sender
 *   counter           8 octets, 1, 2, 3... per sender id
 *   time              8 octets, milliseconds since 1970 (UTC) when signed
 *   MAC               32 octets, HMAC-SHA256 over everything before it, length prefix first
 * </pre>
 *
 * A D2 that reads only the framed NCR (Kea's) ignores the trailer.
 *
 * <pre>{@code
 * NcrSigner signer = new NcrSigner(new NcrAuthKey("ncr-key", secret), Clock.systemUTC());
 * byte[] datagram = signer.sign(NcrFraming.encode(ncr, codec));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class NcrSigner {

  static final byte[] MARKER = "d2js".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int MAC_OCTETS = 32;

  /** Octets of the trailer besides the key name. */
  static final int FIXED_OCTETS = MARKER.length + 1 + 1 + 8 + 8 + 8 + MAC_OCTETS;

  private final NcrAuthKey key;
  private final byte[] name;
  private final Clock clock;
  private final long senderId;
  private final AtomicLong counter = new AtomicLong();

  public NcrSigner(NcrAuthKey key, Clock clock) {
    this(key, clock, new SecureRandom().nextLong());
  }

  /** With a given sender id (tests). */
  NcrSigner(NcrAuthKey key, Clock clock, long senderId) {
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.name = key.name().getBytes(StandardCharsets.US_ASCII);
    this.senderId = senderId;
  }

  /** The key's name, as the trailer carries it. */
  public String keyName() {
    return key.name();
  }

  /**
   * A new array: {@code framed} (a whole framed NCR, length prefix first) followed by a trailer
   * signed with the next counter.
   */
  public byte[] sign(byte[] framed) {
    Objects.requireNonNull(framed, "framed");
    ByteBuffer out = ByteBuffer.allocate(framed.length + FIXED_OCTETS + name.length);
    out.put(framed)
        .put(MARKER)
        .put((byte) VERSION)
        .put((byte) name.length)
        .put(name)
        .putLong(senderId)
        .putLong(counter.incrementAndGet())
        .putLong(clock.millis());
    byte[] mac = Hmac.sha256(key.secret(), out.array(), 0, out.position());
    out.put(mac);
    return out.array();
  }
}
