package io.d2j.ncr.ack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.d2j.ncr.NcrFormatException;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.Sha256;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * d2j's acknowledgement of one NCR datagram (a d2j-only extension; Kea's D2 never answers and Kea's
 * DHCP servers never read their NCR socket, so they ignore it). A d2j D2 sends it back to the
 * datagram's source address once the NCR is accepted (durable in the journal, or queued when the
 * journal is off); a datagram that does not decode gets none.
 *
 * <p>Wire: the NCR framing (2-octet big-endian length, UTF-8 JSON), body {@code
 * {"d2j-ack":1,"id":"<32 lower-case hex digits>"}}. The id names the NCR by its bytes: the first 16
 * octets of SHA-256 over the JSON body exactly as sent (the octets after the length prefix), so a
 * sender matches an ack to its request without parsing anything back, and a retransmission has the
 * same id as the original.
 *
 * <pre>{@code
 * 00 33 {"d2j-ack":1,"id":"5d41402abc4b2a76b9719d911017c592"}
 * }</pre>
 *
 * @param id 32 lower-case hex digits
 */
public record NcrAck(String id) {

  /** The only version of the format; a decoder refuses any other. */
  public static final int VERSION = 1;

  private static final int ID_OCTETS = 16;
  private static final HexFormat HEX = HexFormat.of();

  /**
   * The decoder's mapper, made at the first {@link #decode}: a D2 only encodes acks, and building a
   * mapper loads Jackson's data binding (issue 14, start-up).
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  public NcrAck {
    Objects.requireNonNull(id, "id");
    if (id.length() != 2 * ID_OCTETS || !id.chars().allMatch(NcrAck::isLowerHex)) {
      throw new IllegalArgumentException(
          "id: must be " + 2 * ID_OCTETS + " lower-case hex digits, got '" + id + "'");
    }
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /**
   * The ack of the framed NCR in {@code datagram[offset, offset + length)}: hashes the octets after
   * the 2-octet length prefix.
   *
   * @throws IllegalArgumentException if the range is shorter than the prefix
   */
  public static NcrAck forDatagram(byte[] datagram, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, datagram.length);
    if (length < 2) {
      throw new IllegalArgumentException(
          "datagram: " + length + " octets is shorter than the 2-octet length prefix");
    }
    MessageDigest sha256 = Sha256.reset();
    sha256.update(datagram, offset + 2, length - 2);
    return new NcrAck(HEX.formatHex(Arrays.copyOf(sha256.digest(), ID_OCTETS)));
  }

  /** {@link #forDatagram} of a whole framed NCR. */
  public static NcrAck forDatagram(byte[] datagram) {
    return forDatagram(datagram, 0, datagram.length);
  }

  /** The framed ack datagram. */
  public byte[] encode() {
    return NcrFraming.frame("{\"d2j-ack\":" + VERSION + ",\"id\":\"" + id + "\"}");
  }

  /**
   * Decodes an ack datagram. Unknown members are ignored, so later versions may add some.
   *
   * @throws NcrFormatException e.g. {@code "d2j-ack: version 2 is not supported (1 is)"}, {@code
   *     "id: missing"}, or a framing error
   */
  public static NcrAck decode(byte[] datagram, int offset, int length) throws NcrFormatException {
    String body = NcrFraming.unframe(datagram, offset, length);
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new NcrFormatException("json", "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new NcrFormatException("json", "an ack must be a JSON object");
    }
    JsonNode version = root.get("d2j-ack");
    if (version == null) {
      throw new NcrFormatException("d2j-ack", "missing");
    }
    if (!version.isIntegralNumber()) {
      throw new NcrFormatException("d2j-ack", "must be an integer, got " + version);
    }
    if (version.asLong() != VERSION) {
      throw new NcrFormatException(
          "d2j-ack", "version " + version + " is not supported (" + VERSION + " is)");
    }
    JsonNode id = root.get("id");
    if (id == null) {
      throw new NcrFormatException("id", "missing");
    }
    if (!id.isTextual()) {
      throw new NcrFormatException("id", "must be a string, got " + id);
    }
    try {
      return new NcrAck(id.asText());
    } catch (IllegalArgumentException e) {
      throw new NcrFormatException("id", e.getMessage().substring("id: ".length()), e);
    }
  }

  /** {@link #decode} of a whole datagram. */
  public static NcrAck decode(byte[] datagram) throws NcrFormatException {
    return decode(datagram, 0, datagram.length);
  }
}
