package io.d2j.dhcp4.classify;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The packets the expression tables run against; shared with the Kea cross-check. */
final class TestPackets {

  private TestPackets() {}

  static final Octets MAC = Octets.parseColonHex("00:11:22:33:44:55");

  /**
   * A PXE client's DISCOVER, relayed by 127.0.0.1 with option 82 (circuit-id "eth0/1/2", remote-id
   * 0a0b0c), carrying 60, 93, 61, 12 (with trailing NULs), 124 and 125 of enterprise 4491.
   */
  static DhcpPacket pxe() {
    DhcpOptions options =
        DhcpOptions.builder()
            .messageType(DhcpMessageType.DISCOVER)
            .put(55, (byte) 1, (byte) 3, (byte) 6, (byte) 66, (byte) 67)
            .text(60, "PXEClient:Arch:00007:UNDI:003016")
            .put(93, (byte) 0, (byte) 7)
            .put(61, Octets.parseColonHex("01:00:11:22:33:44:55"))
            .put(12, Octets.of("host1\0\0".getBytes(StandardCharsets.US_ASCII)))
            .put(124, Octets.parseColonHex("00:00:11:8b:05:64:6f:63:73:69:00:00:11:8b:02:61:62"))
            .put(125, Octets.parseColonHex("00:00:11:8b:06:01:02:02:03:02:00"))
            .put(82, Octets.parseColonHex("01:08:65:74:68:30:2f:31:2f:32:02:03:0a:0b:0c"))
            .build();
    return new DhcpPacket(
        DhcpPacket.BOOTREQUEST,
        1,
        6,
        1,
        0x12345678,
        0,
        0,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        ip("127.0.0.1"),
        MAC,
        Octets.EMPTY,
        Octets.EMPTY,
        options);
  }

  /** A DISCOVER from 00:11:22:33:44:55 with a message type only, relayed by 127.0.0.1. */
  static DhcpPacket bare() {
    return new DhcpPacket(
        DhcpPacket.BOOTREQUEST,
        1,
        6,
        1,
        7,
        0,
        0,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        ip("127.0.0.1"),
        MAC,
        Octets.EMPTY,
        Octets.EMPTY,
        DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build());
  }

  /** As kea-dhcp4 sees them in the cross-check: from a relay on loopback, received on lo. */
  static PacketFacts facts(DhcpPacket p) {
    return new PacketFacts(p, "lo", ip("127.0.0.1"), ip("127.0.0.1"));
  }

  static Map<String, DhcpPacket> all() {
    return Map.of("pxe", pxe(), "bare", bare());
  }

  static Inet4Address ip(String text) {
    try {
      return (Inet4Address) InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
