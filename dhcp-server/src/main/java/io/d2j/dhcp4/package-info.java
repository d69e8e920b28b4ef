/**
 * The d2j DHCPv4 server. {@code packet} is the RFC 2131/2132 wire codec, {@code lease} the lease
 * model and its stores (Kea's memfile CSV). Both are pure of sockets and Vert.x; the I/O shell and
 * the handler chain come on top (ARCHITECTURE.md, "Inside dhcp-server").
 */
package io.d2j.dhcp4;
