package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.Inet4Address;

/** Building and changing replies (RFC 2131 §4.3.1, table 3). */
public final class Replies {

  private Replies() {}

  /**
   * The reply skeleton every chain starts from: BOOTREPLY with the query's xid, flags, giaddr and
   * chaddr, every address zero, no options.
   */
  public static DhcpPacket start(DhcpPacket query) {
    return new DhcpPacket(
        DhcpPacket.BOOTREPLY,
        query.htype(),
        query.hlen(),
        0,
        query.xid(),
        0,
        query.flags(),
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        query.giaddr(),
        query.chaddr(),
        Octets.EMPTY,
        Octets.EMPTY,
        DhcpOptions.EMPTY);
  }

  /** {@code reply} with new ciaddr and yiaddr. */
  public static DhcpPacket withAddresses(DhcpPacket r, Inet4Address ciaddr, Inet4Address yiaddr) {
    return new DhcpPacket(
        r.op(),
        r.htype(),
        r.hlen(),
        r.hops(),
        r.xid(),
        r.secs(),
        r.flags(),
        ciaddr,
        yiaddr,
        r.siaddr(),
        r.giaddr(),
        r.chaddr(),
        r.sname(),
        r.file(),
        r.options());
  }
}
