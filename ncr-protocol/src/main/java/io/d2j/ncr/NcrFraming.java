package io.d2j.ncr;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One NCR per UDP datagram: a 2-octet big-endian body length, then that many octets of UTF-8 JSON.
 * A 17-octet body is sent as {@code 00 11 7b 22 ...}.
 *
 * <p>Unlike Kea, which ignores octets after the declared body, {@link #unframe} rejects a datagram
 * whose remaining length differs from the declared one: a mismatch means a truncated or corrupted
 * datagram, or a sender that is not speaking this protocol.
 */
public final class NcrFraming {
  /** The largest body the 2-octet prefix can declare. */
  public static final int MAX_BODY = 0xffff;

  private NcrFraming() {}

  /**
   * Prefixes the UTF-8 body with its length.
   *
   * @throws IllegalArgumentException if the body is longer than 65535 octets
   */
  public static byte[] frame(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException(
          "NCR body of " + body.length + " octets exceeds the " + MAX_BODY + "-octet frame limit");
    }
    byte[] out = new byte[body.length + 2];
    out[0] = (byte) (body.length >>> 8);
    out[1] = (byte) body.length;
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }

  /**
   * Checks the prefix against the datagram and returns the body text.
   *
   * @throws NcrFormatException {@code "length: datagram of 1 octet is shorter than the 2-octet
   *     length prefix"}, {@code "length: declared body length 17 does not match the 15 octets
   *     received"}, an empty body, or a body that is not UTF-8
   */
  public static String unframe(byte[] datagram, int offset, int length) throws NcrFormatException {
    Objects.checkFromIndexSize(offset, length, datagram.length);
    if (length < 2) {
      throw new NcrFormatException(
          "length",
          "datagram of "
              + length
              + (length == 1 ? " octet" : " octets")
              + " is shorter than the 2-octet length prefix");
    }
    int declared = ((datagram[offset] & 0xff) << 8) | (datagram[offset + 1] & 0xff);
    int received = length - 2;
    if (declared != received) {
      throw new NcrFormatException(
          "length",
          "declared body length "
              + declared
              + " does not match the "
              + received
              + " octets received");
    }
    if (declared == 0) {
      throw new NcrFormatException("length", "declared body length is 0, the body is empty");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(datagram, offset + 2, declared))
          .toString();
    } catch (CharacterCodingException e) {
      throw new NcrFormatException("body", "not valid UTF-8", e);
    }
  }

  /** {@link #unframe} then {@link NcrJsonCodec#decode}. */
  public static NameChangeRequest decode(
      byte[] datagram, int offset, int length, NcrJsonCodec codec) throws NcrFormatException {
    return codec.decode(unframe(datagram, offset, length));
  }

  /** {@link NcrJsonCodec#encode} then {@link #frame}. */
  public static byte[] encode(NameChangeRequest ncr, NcrJsonCodec codec) {
    return frame(codec.encode(ncr));
  }
}
