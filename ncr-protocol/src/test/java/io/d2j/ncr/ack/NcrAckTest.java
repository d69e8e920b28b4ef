package io.d2j.ncr.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.ncr.NcrFormatException;
import io.d2j.ncr.NcrFraming;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NcrAckTest {
  private static final String ID = "0123456789abcdef0123456789abcdef";

  @Test
  void forDatagram_hashesTheBodyAfterThePrefix_first16OctetsOfSha256() throws Exception {
    String body = "{\"change-type\":0}";
    byte[] expected =
        MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
    assertThat(NcrAck.forDatagram(NcrFraming.frame(body)).id())
        .isEqualTo(HexFormat.of().formatHex(expected, 0, 16));
  }

  @Test
  void forDatagram_atAnOffset_ignoresTheBytesAround() {
    byte[] framed = NcrFraming.frame("{\"a\":1}");
    byte[] padded = new byte[framed.length + 6];
    padded[0] = 9;
    padded[padded.length - 1] = 9;
    System.arraycopy(framed, 0, padded, 3, framed.length);
    assertThat(NcrAck.forDatagram(padded, 3, framed.length)).isEqualTo(NcrAck.forDatagram(framed));
  }

  @Test
  void forDatagram_differentBodies_differentIds() {
    assertThat(NcrAck.forDatagram(NcrFraming.frame("{\"a\":1}")))
        .isNotEqualTo(NcrAck.forDatagram(NcrFraming.frame("{\"a\":2}")));
  }

  @Test
  void encode_isTheFramedCompactJson() {
    byte[] wire = new NcrAck(ID).encode();
    String json = "{\"d2j-ack\":1,\"id\":\"" + ID + "\"}";
    assertThat(wire).isEqualTo(NcrFraming.frame(json));
    assertThat(wire[0]).isEqualTo((byte) 0);
    assertThat(wire[1]).isEqualTo((byte) json.length());
  }

  @Test
  void decode_roundTrips() throws Exception {
    NcrAck ack = NcrAck.forDatagram(NcrFraming.frame("{\"x\":true}"));
    assertThat(NcrAck.decode(ack.encode())).isEqualTo(ack);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown members ignored | {\"d2j-ack\":1,\"id\":\"" + ID + "\",\"later\":[1]}",
        "members in any order | {\"id\":\"" + ID + "\",\"d2j-ack\":1}",
      })
  void decode_accepted(String name, String json) throws Exception {
    assertThat(NcrAck.decode(NcrFraming.frame(json))).isEqualTo(new NcrAck(ID));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | {oops | json: not valid JSON: Unexpected character ('o' (code 111)): was"
            + " expecting double-quote to start field name",
        "array | [1] | json: an ack must be a JSON object",
        "no version | {\"id\":\"" + ID + "\"} | d2j-ack: missing",
        "version as string | {\"d2j-ack\":\"1\",\"id\":\""
            + ID
            + "\"} | d2j-ack: must be an"
            + " integer, got \"1\"",
        "version 2 | {\"d2j-ack\":2,\"id\":\""
            + ID
            + "\"} | d2j-ack: version 2 is not supported (1"
            + " is)",
        "no id | {\"d2j-ack\":1} | id: missing",
        "id a number | {\"d2j-ack\":1,\"id\":7} | id: must be a string, got 7",
        "id upper case | {\"d2j-ack\":1,\"id\":\"0123456789ABCDEF0123456789ABCDEF\"} | id: must be"
            + " 32 lower-case hex digits, got '0123456789ABCDEF0123456789ABCDEF'",
        "id too short | {\"d2j-ack\":1,\"id\":\"abcd\"} | id: must be 32 lower-case hex digits,"
            + " got 'abcd'",
      })
  void decode_rejected(String name, String json, String message) {
    assertThatThrownBy(() -> NcrAck.decode(NcrFraming.frame(json)))
        .isInstanceOf(NcrFormatException.class)
        .hasMessage(message);
  }

  @Test
  void decode_badFraming_isAFormatError() {
    assertThatThrownBy(() -> NcrAck.decode(new byte[] {0, 5, '{'}))
        .isInstanceOf(NcrFormatException.class)
        .hasMessage("length: declared body length 5 does not match the 1 octets received");
  }

  @Test
  void forDatagram_shorterThanThePrefix_isRefused() {
    assertThatThrownBy(() -> NcrAck.forDatagram(new byte[] {0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("datagram: 1 octets is shorter than the 2-octet length prefix");
  }
}
