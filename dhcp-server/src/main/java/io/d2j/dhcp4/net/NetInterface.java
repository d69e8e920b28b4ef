package io.d2j.dhcp4.net;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One network interface as detected: name, kernel index, link-layer address, state and IPv4
 * addresses (with prefix length), in the kernel's order.
 *
 * @param mac the link-layer address; empty for loopback and tunnels
 * @param up administratively up ({@code IFF_UP})
 * @param carrier up and running ({@code IFF_RUNNING}: the link has a carrier); Kea serves only such
 *     interfaces
 */
public record NetInterface(
    String name,
    int index,
    byte[] mac,
    boolean up,
    boolean carrier,
    boolean loopback,
    List<Address> addresses) {

  /** An IPv4 address with its prefix length. */
  public record Address(Inet4Address address, int prefixLength) {
    @Override
    public String toString() {
      return address.getHostAddress() + "/" + prefixLength;
    }
  }

  public NetInterface {
    Objects.requireNonNull(name, "name");
    mac = mac.clone();
    carrier = up && carrier;
    addresses = List.copyOf(addresses);
  }

  @Override
  public byte[] mac() {
    return mac.clone();
  }

  public List<Inet4Address> inet4() {
    return addresses.stream().map(Address::address).toList();
  }

  /** {@code 02:00:5e:00:01:01}, or "no link-layer address". */
  public String macText() {
    return mac.length == 0 ? "no link-layer address" : HexFormat.ofDelimiter(":").formatHex(mac);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetInterface n
        && n.name.equals(name)
        && n.index == index
        && java.util.Arrays.equals(n.mac, mac)
        && n.up == up
        && n.carrier == carrier
        && n.loopback == loopback
        && n.addresses.equals(addresses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, index, java.util.Arrays.hashCode(mac), up, carrier, loopback, addresses);
  }

  @Override
  public String toString() {
    return name
        + " (index "
        + index
        + ", "
        + macText()
        + ", "
        + (!up ? "down" : carrier ? "up" : "up, no carrier")
        + ", "
        + (addresses.isEmpty()
            ? "no IPv4 address"
            : addresses.stream().map(Address::toString).collect(Collectors.joining(" ")))
        + ")";
  }
}
