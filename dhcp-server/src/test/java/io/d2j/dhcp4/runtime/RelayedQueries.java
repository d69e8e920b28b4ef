package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.Inet4Address;

/** Client queries as a relay agent one hop away forwards them, for the runtime's tests. */
final class RelayedQueries {

  private RelayedQueries() {}

  /**
   * {@code query} as relayed by {@code giaddr}: hops 1, secs and flags 0, ciaddr, yiaddr and siaddr
   * 0.0.0.0; xid, hardware address, sname, file and options kept.
   */
  static DhcpPacket viaRelay(DhcpPacket query, Inet4Address giaddr) {
    return new DhcpPacket(
        query.op(),
        query.htype(),
        query.hlen(),
        1,
        query.xid(),
        0,
        0,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        giaddr,
        query.chaddr(),
        query.sname(),
        query.file(),
        query.options());
  }
}
