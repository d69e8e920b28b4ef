/**
 * DHCPv4 messages: the immutable {@link io.d2j.dhcp4.packet.DhcpPacket} and its {@link
 * io.d2j.dhcp4.packet.DhcpOptions}, and {@link io.d2j.dhcp4.packet.DhcpCodec}, the RFC 2131/2132
 * wire codec with option overload and RFC 3396 long options. No sockets here.
 */
package io.d2j.dhcp4.packet;
