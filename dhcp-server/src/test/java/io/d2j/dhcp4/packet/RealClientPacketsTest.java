package io.d2j.dhcp4.packet;

import static io.d2j.dhcp4.packet.Wire.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Messages laid out as real clients send them (option sets and order as those clients use, bytes
 * written here from the RFC layout), decoded and re-encoded.
 */
class RealClientPacketsTest {

  /**
   * ISC dhclient 4.4 DISCOVER after a reboot: asks for its old address (50), sends its host name
   * (12) and its default request list (55), no client id, padded to the 300-octet BOOTP minimum.
   */
  static byte[] dhclientDiscover() {
    return Wire.request()
        .xid(0x3903f326L)
        .secs(3)
        .chaddr("52:54:00:12:34:56")
        .opt(53, bytes(1))
        .opt(50, bytes(192, 168, 122, 77))
        .opt(12, "laptop")
        .opt(55, bytes(1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42))
        .end()
        .padTo(300)
        .bytes();
  }

  /**
   * BusyBox udhcpc DISCOVER: client id (61, type 1 + MAC), max message size (57), request list,
   * vendor class (60), then zeros to the end of its fixed 548-octet buffer.
   */
  static byte[] udhcpcDiscover() {
    return Wire.request()
        .xid(0x7a1c0e2bL)
        .chaddr("02:42:ac:11:00:02")
        .opt(53, bytes(1))
        .opt(61, bytes(1, 0x02, 0x42, 0xac, 0x11, 0x00, 0x02))
        .opt(57, bytes(0x02, 0x40))
        .opt(55, bytes(1, 3, 6, 12, 15, 28, 42))
        .opt(60, "udhcp 1.36.1")
        .end()
        .padTo(548)
        .bytes();
  }

  /**
   * A Windows-style REQUEST in SELECTING state, relayed: client id, requested address, server id,
   * host name, option 81 with flags 0 and an ASCII name, vendor class "MSFT 5.0", broadcast flag.
   */
  static byte[] windowsRequest() {
    byte[] fqdn =
        "DESKTOP-7QK2M1.corp.example".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] opt81 = new byte[3 + fqdn.length];
    System.arraycopy(fqdn, 0, opt81, 3, fqdn.length); // flags 0, RCODE1 0, RCODE2 0
    return Wire.request()
        .xid(0x5c1a2b3dL)
        .flags(0x8000)
        .u8(3, 1) // hops: one relay
        .ip(24, "10.20.0.1")
        .chaddr("00:15:5d:01:02:03")
        .opt(53, bytes(3))
        .opt(61, bytes(1, 0x00, 0x15, 0x5d, 0x01, 0x02, 0x03))
        .opt(50, bytes(10, 20, 0, 57))
        .opt(54, bytes(10, 20, 0, 2))
        .opt(12, "DESKTOP-7QK2M1")
        .opt(81, opt81)
        .opt(60, "MSFT 5.0")
        .opt(55, bytes(1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252))
        .end()
        .padTo(300)
        .bytes();
  }

  @Test
  void dhclientDiscover_decodesEveryField() throws Exception {
    DhcpPacket p = DhcpCodec.decode(dhclientDiscover());

    assertThat(p.op()).isEqualTo(DhcpPacket.BOOTREQUEST);
    assertThat(p.htype()).isEqualTo(1);
    assertThat(p.hlen()).isEqualTo(6);
    assertThat(p.xid()).isEqualTo(0x3903f326);
    assertThat(p.secs()).isEqualTo(3);
    assertThat(p.broadcastFlag()).isFalse();
    assertThat(p.relayed()).isFalse();
    assertThat(p.ciaddr()).isEqualTo(DhcpPacket.ANY);
    assertThat(p.hardwareAddress().toColonHex()).isEqualTo("52:54:00:12:34:56");
    assertThat(p.chaddr().length()).isEqualTo(16);
    assertThat(p.sname()).isEqualTo(Octets.EMPTY);
    assertThat(p.messageType()).contains(DhcpMessageType.DISCOVER);
    assertThat(p.options().requestedAddress()).contains(ip("192.168.122.77"));
    assertThat(p.options().hostName()).contains("laptop");
    assertThat(p.options().parameterRequestList())
        .containsExactly(1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42);
    assertThat(p.options().clientIdentifier()).isEmpty();
    assertThat(p.options().asMap().keySet()).containsExactly(53, 50, 12, 55);
  }

  @Test
  void dhclientDiscover_reencodesToTheSameOctets() throws Exception {
    byte[] wire = dhclientDiscover();
    assertThat(DhcpCodec.encode(DhcpCodec.decode(wire))).isEqualTo(wire);
  }

  @Test
  void udhcpcDiscover_decodesClientIdAndMaxMessageSize() throws Exception {
    DhcpPacket p = DhcpCodec.decode(udhcpcDiscover());

    assertThat(p.messageType()).contains(DhcpMessageType.DISCOVER);
    assertThat(p.options().clientIdentifier())
        .contains(Octets.parseColonHex("01:02:42:ac:11:00:02"));
    assertThat(p.options().maxMessageSize()).hasValue(576);
    assertThat(DhcpCodec.replySizeLimit(p.options())).isEqualTo(576);
    assertThat(p.options().parameterRequestList()).containsExactly(1, 3, 6, 12, 15, 28, 42);
    assertThat(p.options().get(60).map(o -> new String(o.toByteArray()))).contains("udhcp 1.36.1");
    // The zeros after end are padding, not options.
    assertThat(p.options().size()).isEqualTo(5);
  }

  @Test
  void windowsRequest_decodesRelayFqdnAndIdentifiers() throws Exception {
    DhcpPacket p = DhcpCodec.decode(windowsRequest());

    assertThat(p.messageType()).contains(DhcpMessageType.REQUEST);
    assertThat(p.broadcastFlag()).isTrue();
    assertThat(p.relayed()).isTrue();
    assertThat(p.hops()).isEqualTo(1);
    assertThat(p.giaddr()).isEqualTo(ip("10.20.0.1"));
    assertThat(p.options().serverIdentifier()).contains(ip("10.20.0.2"));
    assertThat(p.options().requestedAddress()).contains(ip("10.20.0.57"));
    assertThat(p.options().hostName()).contains("DESKTOP-7QK2M1");
    Octets fqdn = p.options().clientFqdn().orElseThrow();
    assertThat(fqdn.get(0)).isZero();
    assertThat(new String(fqdn.slice(3, fqdn.length() - 3).toByteArray()))
        .isEqualTo("DESKTOP-7QK2M1.corp.example");
    assertThat(p.options().clientIdentifier().orElseThrow().toColonHex())
        .isEqualTo("01:00:15:5d:01:02:03");
    assertThat(p.options().parameterRequestList()).hasSize(14).contains(249, 252);
  }

  @Test
  void everyClientPacket_survivesARoundTrip() throws Exception {
    for (byte[] wire : List.of(dhclientDiscover(), udhcpcDiscover(), windowsRequest())) {
      DhcpPacket p = DhcpCodec.decode(wire);
      byte[] again = DhcpCodec.encode(p);
      assertThat(again.length).isBetween(DhcpCodec.BOOTP_MIN_LENGTH, 548);
      assertThat(DhcpCodec.decode(again)).isEqualTo(p);
    }
  }

  static java.net.Inet4Address ip(String dotted) throws Exception {
    return (java.net.Inet4Address) InetAddress.getByName(dotted);
  }
}
