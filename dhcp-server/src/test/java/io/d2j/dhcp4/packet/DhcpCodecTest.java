package io.d2j.dhcp4.packet;

import static io.d2j.dhcp4.packet.RealClientPacketsTest.ip;
import static io.d2j.dhcp4.packet.Wire.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DhcpCodecTest {
  private static final Octets MAC = Octets.parseColonHex("00:0c:01:02:03:04");

  private static DhcpPacket offer(DhcpOptions options) throws Exception {
    return new DhcpPacket(
        DhcpPacket.BOOTREPLY,
        1,
        6,
        0,
        0x01020304,
        0,
        0,
        DhcpPacket.ANY,
        ip("10.0.0.14"),
        ip("10.0.0.1"),
        ip("127.0.0.1"),
        MAC,
        Octets.EMPTY,
        Octets.EMPTY,
        options);
  }

  private static Octets filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return Octets.of(b);
  }

  @Test
  void encode_writesTheRfc2131LayoutOctetForOctet() throws Exception {
    DhcpOptions options =
        DhcpOptions.builder()
            .messageType(DhcpMessageType.OFFER)
            .address(54, ip("10.0.0.1"))
            .uint32(51, 3600)
            .build();
    byte[] expected =
        Wire.reply()
            .xid(0x01020304)
            .ip(16, "10.0.0.14")
            .ip(20, "10.0.0.1")
            .ip(24, "127.0.0.1")
            .chaddr("00:0c:01:02:03:04")
            .opt(53, bytes(2))
            .opt(54, bytes(10, 0, 0, 1))
            .opt(51, bytes(0, 0, 0x0e, 0x10))
            .end()
            .padTo(300)
            .bytes();

    assertThat(DhcpCodec.encode(offer(options))).isEqualTo(expected);
  }

  @Test
  void encode_putsTheMessageTypeFirst() throws Exception {
    DhcpOptions options =
        DhcpOptions.builder().uint32(51, 60).messageType(DhcpMessageType.ACK).build();
    byte[] wire = DhcpCodec.encode(offer(options));
    assertThat(Arrays.copyOfRange(wire, 240, 243)).isEqualTo(bytes(53, 1, 5));
  }

  @Test
  void longOption_isSplitIntoInstancesOf255AndConcatenatedOnDecode() throws Exception {
    Octets vendor = filled(600, 0xab);
    DhcpOptions options =
        DhcpOptions.builder().messageType(DhcpMessageType.ACK).put(43, vendor).build();
    byte[] wire = DhcpCodec.encode(offer(options), 1500);

    // 53 (3 octets), then 43 as 255 + 255 + 90 (RFC 3396 §5), then end.
    assertThat(wire[243] & 0xff).isEqualTo(43);
    assertThat(wire[244] & 0xff).isEqualTo(255);
    assertThat(wire[243 + 257] & 0xff).isEqualTo(43);
    assertThat(wire[243 + 514] & 0xff).isEqualTo(43);
    assertThat(wire[243 + 515] & 0xff).isEqualTo(90);
    assertThat(wire[243 + 514 + 92] & 0xff).isEqualTo(255);
    assertThat(DhcpCodec.decode(wire).options().get(43)).contains(vendor);
  }

  @ParameterizedTest(name = "{0} octets of option 43 in a {1}-octet limit: overload {2}")
  @CsvSource({
    // payload, max message size, expected option-52 value (0 = none)
    "250, 576, 0",
    "300, 576, 0",
    "400, 576, 1", // 548 - 240 - 1 (end) - 3 (52) - 3 (53) leaves 301: the rest goes to file
    "470, 576, 3", // options field, file and sname all needed
    "470, 1500, 0",
  })
  void options_overflowIntoFileThenSname_withinTheSizeLimit(
      int payload, int maxMessageSize, int overload) throws Exception {
    Octets vendor = filled(payload, 0x5a);
    DhcpPacket packet =
        offer(DhcpOptions.builder().messageType(DhcpMessageType.OFFER).put(43, vendor).build());

    byte[] wire = DhcpCodec.encode(packet, maxMessageSize);

    assertThat(wire.length).isLessThanOrEqualTo(maxMessageSize - 28);
    // Option 52, when needed, is the first option (RFC 2131 §4.1: it must be in the options field).
    boolean hasOverload = wire[240] == 52;
    assertThat(hasOverload ? wire[242] & 0xff : 0).isEqualTo(overload);
    assertThat(DhcpCodec.decode(wire)).isEqualTo(packet);
  }

  @Test
  void overload_leavesAnSnameInUseAlone() throws Exception {
    DhcpPacket base =
        offer(
            DhcpOptions.builder()
                .messageType(DhcpMessageType.OFFER)
                .put(43, filled(420, 1))
                .build());
    DhcpPacket packet =
        new DhcpPacket(
            base.op(),
            base.htype(),
            base.hlen(),
            base.hops(),
            base.xid(),
            base.secs(),
            base.flags(),
            base.ciaddr(),
            base.yiaddr(),
            base.siaddr(),
            base.giaddr(),
            base.chaddr(),
            Octets.of("tftp.example".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
            Octets.EMPTY,
            base.options());

    byte[] wire = DhcpCodec.encode(packet);

    assertThat(Arrays.copyOfRange(wire, 240, 243)).isEqualTo(bytes(52, 1, 1));
    assertThat(DhcpCodec.decode(wire)).isEqualTo(packet);
  }

  @Test
  void optionsTooLargeForAnyLayout_areAContractFailure() throws Exception {
    DhcpPacket packet =
        offer(
            DhcpOptions.builder()
                .messageType(DhcpMessageType.OFFER)
                .put(43, filled(700, 1))
                .build());
    assertThatThrownBy(() -> DhcpCodec.encode(packet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "options: 709 octets do not fit a 576-octet message, even with file and sname"
                + " overloaded");
  }

  @Test
  void maxMessageSizeBelow576_isRejected() throws Exception {
    DhcpPacket packet = offer(DhcpOptions.EMPTY);
    assertThatThrownBy(() -> DhcpCodec.encode(packet, 548))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxMessageSize: 548 is outside the RFC 2132 range 576-65535");
  }

  @ParameterizedTest(name = "option 57 = {0} gives a reply limit of {1}")
  @CsvSource({"-1, 576", "300, 576", "576, 576", "1500, 1500", "65535, 65535"})
  void replySizeLimit_neverGoesBelow576(int announced, int limit) {
    DhcpOptions options =
        announced < 0 ? DhcpOptions.EMPTY : DhcpOptions.builder().uint16(57, announced).build();
    assertThat(DhcpCodec.replySizeLimit(options)).isEqualTo(limit);
  }

  @Test
  void fixedFields_roundTripAtTheirLimits() throws Exception {
    DhcpPacket packet =
        new DhcpPacket(
            DhcpPacket.BOOTREQUEST,
            255,
            16,
            255,
            -1,
            65535,
            65535,
            ip("255.255.255.255"),
            ip("1.2.3.4"),
            ip("5.6.7.8"),
            ip("9.10.11.12"),
            filled(16, 0xee),
            filled(64, 's'),
            filled(128, 'f'),
            DhcpOptions.builder().messageType(DhcpMessageType.INFORM).build());
    assertThat(DhcpCodec.decode(DhcpCodec.encode(packet))).isEqualTo(packet);
  }

  @Test
  void snameAndFile_areTextUpToTheFirstNul() throws Exception {
    byte[] sname =
        Arrays.copyOf("boot-server".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 64);
    sname[20] = 'x'; // after the NUL: not part of the name
    byte[] wire = Wire.reply().field(44, sname).opt(53, bytes(2)).end().bytes();
    assertThat(DhcpCodec.decode(wire).sname().toByteArray())
        .isEqualTo("boot-server".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void optionsAfterEnd_areIgnoredAsPadding() throws Exception {
    byte[] wire = Wire.request().opt(53, bytes(1)).end().raw(12, 3, 'a', 'b', 'c').bytes();
    assertThat(DhcpCodec.decode(wire).options().asMap().keySet()).containsExactly(53);
  }

  @Test
  void overloadedFields_contributeOptionsInRfc3396Order() throws Exception {
    // Host name split: "lap" in the options field, "to" in file, "p" in sname.
    byte[] file = Arrays.copyOf(bytes(12, 2, 't', 'o', 255), 128);
    byte[] sname = Arrays.copyOf(bytes(0, 12, 1, 'p', 255), 64);
    byte[] wire =
        Wire.request()
            .field(108, file)
            .field(44, sname)
            .opt(53, bytes(1))
            .opt(52, bytes(3))
            .opt(12, "lap")
            .end()
            .bytes();

    DhcpPacket p = DhcpCodec.decode(wire);

    assertThat(p.options().hostName()).contains("laptop");
    assertThat(p.sname()).isEqualTo(Octets.EMPTY);
    assertThat(p.file()).isEqualTo(Octets.EMPTY);
    assertThat(p.options().asMap().keySet()).containsExactly(53, 12);
  }

  @Test
  void manyInstancesOfOneOption_areJoinedInLinearTimeAndSpace() throws Exception {
    // A 64 KiB datagram of one-octet instances of option 43: joining at each instance copied all
    // before it, about 460 MB of garbage for this one datagram (review of mt8).
    byte[] head = Wire.request().opt(53, bytes(1)).bytes();
    int instances = (65_507 - head.length - 1) / 3;
    byte[] wire = Arrays.copyOf(head, head.length + 3 * instances + 1);
    for (int i = 0, at = head.length; i < instances; i++, at += 3) {
      wire[at] = 43;
      wire[at + 1] = 1;
      wire[at + 2] = (byte) i;
    }
    wire[wire.length - 1] = (byte) 255;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    DhcpCodec.decode(wire); // classes loaded, first allocations done

    long before = threads.getCurrentThreadAllocatedBytes();
    DhcpPacket p = DhcpCodec.decode(wire);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    Octets joined = p.options().find(43);
    assertThat(joined.length()).isEqualTo(instances);
    assertThat(List.of(joined.get(0), joined.get(1), joined.get(instances - 1)))
        .containsExactly(0, 1, (instances - 1) & 0xff);
    assertThat(p.options().asMap().keySet()).containsExactly(53, 43);
    assertThat(allocated).isLessThan(2_000_000L);
  }

  @Test
  void decode_ofASlice_countsOffsetsFromTheSlice() {
    byte[] inner = Wire.request().opt(53, bytes(1)).raw(55, 12, 1).bytes();
    byte[] buffer = new byte[inner.length + 10];
    System.arraycopy(inner, 0, buffer, 10, inner.length);
    assertThatThrownBy(() -> DhcpCodec.decode(buffer, 10, inner.length))
        .hasMessage("option 55 at offset 243: length 12 runs past the end of the packet");
  }

  @Test
  void messageTypes_allRoundTrip() throws Exception {
    for (DhcpMessageType t : DhcpMessageType.values()) {
      DhcpPacket p = offer(DhcpOptions.builder().messageType(t).build());
      assertThat(DhcpCodec.decode(DhcpCodec.encode(p)).messageType()).contains(t);
    }
    assertThat(List.of(DhcpMessageType.fromCode(0), DhcpMessageType.fromCode(19)))
        .allMatch(java.util.Optional::isEmpty);
  }
}
