package io.d2j.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NcrFramingTest {
  private static final NcrJsonCodec CODEC =
      NcrJsonCodec.compatible(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void frame_17OctetBody_startsWithBigEndianLength() {
    byte[] framed = NcrFraming.frame("{\"a\":\"123456789\"}");
    assertThat(framed).hasSize(19);
    assertThat(Arrays.copyOf(framed, 4)).isEqualTo(bytes(0x00, 0x11, 0x7b, 0x22));
  }

  @Test
  void unframe_goodDatagramAtAnOffset_returnsTheBody() throws Exception {
    byte[] framed = NcrFraming.frame("{\"é\":1}");
    byte[] padded = new byte[framed.length + 5];
    System.arraycopy(framed, 0, padded, 3, framed.length);
    assertThat(NcrFraming.unframe(padded, 3, framed.length)).isEqualTo("{\"é\":1}");
  }

  @Test
  void decode_framedKea26Ncr_decodes() throws Exception {
    byte[] framed = NcrFraming.frame(NcrJsonCodecTest.KEA_2_6);
    assertThat(NcrFraming.decode(framed, 0, framed.length, CODEC))
        .isEqualTo(CODEC.decode(NcrJsonCodecTest.KEA_2_6));
  }

  @Test
  void encode_isFrameOfTheCodecsJson() throws Exception {
    NcrJsonCodec codec = NcrJsonCodec.of(NcrJsonCodec.Shape.KEA_3_1_6, Clock.systemUTC());
    NameChangeRequest ncr = codec.decode(NcrJsonCodecTest.KEA_3_1_6);
    byte[] datagram = NcrFraming.encode(ncr, codec);
    assertThat(datagram).isEqualTo(NcrFraming.frame(NcrJsonCodecTest.KEA_3_1_6));
    assertThat(NcrFraming.decode(datagram, 0, datagram.length, codec)).isEqualTo(ncr);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''            | length: datagram of 0 octets is shorter than the 2-octet length prefix",
        "00            | length: datagram of 1 octet is shorter than the 2-octet length prefix",
        "0000          | length: declared body length is 0, the body is empty",
        "00037b7d      | length: declared body length 3 does not match the 2 octets received",
        "00017b7d      | length: declared body length 1 does not match the 2 octets received",
        "7b227b22      | length: declared body length 31522 does not match the 2 octets received",
        "0002c328      | body: not valid UTF-8",
      })
  void unframe_badDatagram_isRejectedNamingBothLengths(String hex, String message) {
    byte[] datagram = hex.isEmpty() ? new byte[0] : Hex.decode(hex);
    assertThatThrownBy(() -> NcrFraming.unframe(datagram, 0, datagram.length))
        .isInstanceOf(NcrFormatException.class)
        .hasMessage(message);
  }

  @Test
  void unframe_rawJsonWithoutPrefix_isRejected() {
    byte[] raw = NcrJsonCodecTest.KEA_2_6.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> NcrFraming.unframe(raw, 0, raw.length))
        .isInstanceOf(NcrFormatException.class)
        .hasMessage(
            "length: declared body length 31522 does not match the "
                + (raw.length - 2)
                + " octets received");
  }

  @Test
  void truncatedAndExtendedDatagrams_areRejected() {
    byte[] framed = NcrFraming.frame(NcrJsonCodecTest.KEA_2_6);
    int body = framed.length - 2;
    byte[] longer = Arrays.copyOf(framed, framed.length + 3);
    assertThatThrownBy(() -> NcrFraming.unframe(framed, 0, framed.length - 1))
        .hasMessage(
            "length: declared body length "
                + body
                + " does not match the "
                + (body - 1)
                + " octets received");
    assertThatThrownBy(() -> NcrFraming.unframe(longer, 0, longer.length))
        .hasMessage(
            "length: declared body length "
                + body
                + " does not match the "
                + (body + 3)
                + " octets received");
  }

  @Test
  void largestBody_65535Octets_roundTrips() throws Exception {
    String body = "x".repeat(NcrFraming.MAX_BODY);
    byte[] framed = NcrFraming.frame(body);
    assertThat(framed).hasSize(65537);
    assertThat(framed[0]).isEqualTo((byte) 0xff);
    assertThat(framed[1]).isEqualTo((byte) 0xff);
    assertThat(NcrFraming.unframe(framed, 0, framed.length)).isEqualTo(body);
  }

  @Test
  void frame_bodyOver65535Octets_isRefused() {
    // 32768 two-octet characters: 65536 octets although only 32768 chars.
    String body = "é".repeat(32768);
    assertThatThrownBy(() -> NcrFraming.frame(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NCR body of 65536 octets exceeds the 65535-octet frame limit");
  }
}
