package io.d2j.dhcp4.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: any datagram on the DHCP port is decoded as the packet loop decodes it; nothing
 * but {@link DhcpFormatException} may come out, and an accepted packet re-encodes to one that
 * decodes equal (the same fixed fields and the same options; the encoder puts the message type
 * first, so the order of the options may change). Seeds: a DISCOVER with client-id, hostname, FQDN
 * and parameter list, a relayed REQUEST with option 82, a BOOTP request without options, an option
 * area with overload.
 */
class DhcpPacketFuzzTarget {

  @FuzzTest(maxDuration = "30s")
  void decode(byte[] datagram) {
    DhcpPacket packet;
    try {
      packet = DhcpCodec.decode(datagram);
    } catch (DhcpFormatException e) {
      assertThat(e.getMessage()).startsWith(e.where() + ": ");
      return;
    }
    try {
      DhcpPacket again = DhcpCodec.decode(DhcpCodec.encode(packet, 65535));
      assertThat(again.options().asMap())
          .containsExactlyInAnyOrderEntriesOf(packet.options().asMap());
      assertThat(again.withOptions(packet.options())).isEqualTo(packet);
    } catch (DhcpFormatException e) {
      throw new AssertionError("re-encoded packet rejected: " + e.getMessage(), e);
    }
  }
}
