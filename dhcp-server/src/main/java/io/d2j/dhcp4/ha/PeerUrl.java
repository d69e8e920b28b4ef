package io.d2j.dhcp4.ha;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A peer's {@code url}: {@code http://} or {@code https://}, an address literal (IPv4, or IPv6 in
 * brackets; host names are refused, as Kea refuses them) and a port. Kea sends every request to
 * {@code /} whatever path the URL has, and so does d2j.
 *
 * @param https whether the scheme is {@code https}
 * @param address the peer's address
 * @param port the port, 80 or 443 when the URL names none
 * @param text the URL as configured
 */
public record PeerUrl(boolean https, InetAddress address, int port, String text) {

  public PeerUrl {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(text, "text");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1-65535");
    }
  }

  /** The {@code Host} header value Kea sends: the address without the port (spec §6.7). */
  public String hostHeader() {
    String literal = io.d2j.ncr.IpAddresses.format(address);
    return address instanceof Inet6Address ? "[" + literal + "]" : literal;
  }

  @Override
  public String toString() {
    return text;
  }
}
