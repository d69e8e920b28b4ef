package io.d2j.dhcp4.packet;

import static io.d2j.dhcp4.packet.Wire.bytes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The malformed corpus: each datagram is rejected with a message naming its defect. */
class MalformedPacketTest {

  /** A file field holding options: {@code content}, zero-filled to 128 octets. */
  private static byte[] fileField(int... content) {
    return Arrays.copyOf(bytes(content), 128);
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
        bad(
            "empty datagram",
            () -> new byte[0],
            "header: packet of 0 octets is shorter than the 236-octet fixed header"),
        bad(
            "truncated header",
            () -> Arrays.copyOf(RealClientPacketsTest.dhclientDiscover(), 100),
            "header: packet of 100 octets is shorter than the 236-octet fixed header"),
        bad(
            "truncated cookie",
            () -> Arrays.copyOf(RealClientPacketsTest.dhclientDiscover(), 238),
            "magic cookie: missing: the packet ends at offset 238"),
        bad(
            "no cookie (plain BOOTP vendor area)",
            () -> Wire.request().noCookie().raw(1, 2, 3, 4).bytes(),
            "magic cookie: 01020304, expected 63825363"),
        bad(
            "bad cookie",
            () -> {
              byte[] b = RealClientPacketsTest.dhclientDiscover();
              b[239] = 0x64;
              return b;
            },
            "magic cookie: 63825364, expected 63825363"),
        bad(
            "op 3",
            () -> Wire.request().u8(0, 3).opt(53, bytes(1)).end().bytes(),
            "op: 3, expected 1 (BOOTREQUEST) or 2 (BOOTREPLY)"),
        bad(
            "hlen 17",
            () -> Wire.request().u8(2, 17).opt(53, bytes(1)).end().bytes(),
            "hlen: 17 exceeds the 16-octet chaddr field"),
        bad(
            "option runs past the end",
            () -> Wire.request().opt(53, bytes(1)).raw(55, 12, 1, 3, 6).bytes(),
            "option 55 at offset 243: length 12 runs past the end of the packet"),
        bad(
            "option code without a length",
            () -> Wire.request().opt(53, bytes(1)).raw(12).bytes(),
            "option 12 at offset 243: no length octet before the end of the packet"),
        bad(
            "missing end",
            () -> Wire.request().opt(53, bytes(1)).opt(12, "host").bytes(),
            "options: the packet ends at offset 249 without an end option (255)"),
        bad(
            "missing end, only padding after the options",
            () -> Wire.request().opt(53, bytes(1)).padTo(300).bytes(),
            "options: the packet ends at offset 300 without an end option (255)"),
        bad(
            "overload pointing at garbage in file",
            () ->
                Wire.request()
                    .opt(53, bytes(1))
                    .opt(52, bytes(1))
                    .field(108, fileField(43, 0xf0, 1, 2, 3))
                    .end()
                    .bytes(),
            "option 43 at offset 108: length 240 runs past the end of the file field"),
        bad(
            "overload into a file field with no end",
            () -> Wire.request().opt(53, bytes(1)).opt(52, bytes(1)).end().bytes(),
            "options: the file field (overloaded by option 52) has no end option (255)"),
        bad(
            "overload into sname with garbage",
            () ->
                Wire.request()
                    .opt(53, bytes(1))
                    .opt(52, bytes(2))
                    .field(44, bytes(12, 80, 65))
                    .end()
                    .bytes(),
            "option 12 at offset 44: length 80 runs past the end of the sname field"),
        bad(
            "overload value 4",
            () -> Wire.request().opt(53, bytes(1)).opt(52, bytes(4)).end().bytes(),
            "option 52 at offset 243: overload value 4 is not 1 (file), 2 (sname) or 3 (both)"),
        bad(
            "overload of length 2",
            () -> Wire.request().opt(53, bytes(1)).opt(52, bytes(1, 2)).end().bytes(),
            "option 52 at offset 243: length 2, expected 1"),
        bad(
            "overload twice",
            () ->
                Wire.request()
                    .opt(53, bytes(1))
                    .opt(52, bytes(1))
                    .opt(52, bytes(1))
                    .field(108, fileField(255))
                    .end()
                    .bytes(),
            "option 52 at offset 246: option overload appears twice"),
        bad(
            "overload inside the overloaded file field",
            () ->
                Wire.request()
                    .opt(53, bytes(1))
                    .opt(52, bytes(1))
                    .field(108, fileField(52, 1, 2, 255))
                    .end()
                    .bytes(),
            "option 52 at offset 108: option overload inside the file field"),
        bad(
            "message type of two octets",
            () -> Wire.request().opt(53, bytes(1, 1)).end().bytes(),
            "option 53: length 2, expected 1"),
        bad(
            "message type split in two instances (RFC 3396 concatenation)",
            () -> Wire.request().opt(53, bytes(1)).opt(53, bytes(3)).end().bytes(),
            "option 53: length 2, expected 1"),
        bad(
            "requested address of three octets",
            () -> Wire.request().opt(53, bytes(3)).opt(50, bytes(10, 0, 0)).end().bytes(),
            "option 50: length 3, expected 4"),
        bad(
            "client id of one octet",
            () -> Wire.request().opt(53, bytes(1)).opt(61, bytes(1)).end().bytes(),
            "option 61: length 1, expected at least 2"),
        bad(
            "routers not a multiple of four",
            () -> Wire.reply().opt(53, bytes(2)).opt(3, bytes(10, 0, 0, 1, 10)).end().bytes(),
            "option 3: length 5, expected a non-zero multiple of 4"),
        bad(
            "empty parameter request list",
            () -> Wire.request().opt(53, bytes(1)).opt(55).end().bytes(),
            "option 55: length 0, expected at least 1"));
  }

  private static Arguments bad(String name, Supplier<byte[]> datagram, String message) {
    return Arguments.of(name, datagram, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void malformedDatagram_isRejectedNamingTheDefect(
      String name, Supplier<byte[]> datagram, String message) {
    assertThatThrownBy(() -> DhcpCodec.decode(datagram.get()))
        .isInstanceOf(DhcpFormatException.class)
        .hasMessage(message);
  }
}
