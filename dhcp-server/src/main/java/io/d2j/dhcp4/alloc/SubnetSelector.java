package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Picks the subnet a query belongs to, as Kea does for DHCPv4: a relayed query by its giaddr (a
 * subnet listing it in {@code relay.ip-addresses}, else the subnet containing it); otherwise by
 * ciaddr (a renewing client); otherwise by the {@code interface} of the subnet (or its shared
 * network) naming the interface the query arrived on, else by that interface's address. Only
 * subnets the query's classes may use count ({@code client-class} of the subnet and of its shared
 * network). With a shared network, its usable subnets are all candidates (RFC 2131 §4.3.1 leaves
 * the choice to the server).
 */
public final class SubnetSelector {

  private final List<Subnet4> subnets;

  public SubnetSelector(Dhcp4Config config) {
    this.subnets = config.subnets();
  }

  /**
   * The selected subnet.
   *
   * @param localAddresses addresses of the interface the query arrived on (directly connected
   *     clients), in preference order
   */
  public Optional<Subnet4> select(DhcpPacket query, List<Inet4Address> localAddresses) {
    return select(query, Ingress.addresses(localAddresses));
  }

  /**
   * The selected subnet, by Kea's order: a relayed query by giaddr; a unicast query by ciaddr; a
   * query that came in on a served interface by the subnet naming that {@code interface}, else by
   * the interface's address.
   */
  public Optional<Subnet4> select(DhcpPacket query, Ingress ingress) {
    return select(query, ingress, c -> false);
  }

  /**
   * As {@link #select(DhcpPacket, Ingress)}, among the subnets a query in these classes may use.
   */
  public Optional<Subnet4> select(DhcpPacket query, Ingress ingress, Predicate<String> inClass) {
    if (query.relayed()) {
      Inet4Address giaddr = query.giaddr();
      // Indexed loops: this runs per query, and C1 allocates every stream stage and iterator.
      for (int i = 0; i < subnets.size(); i++) {
        Subnet4 s = subnets.get(i);
        if (s.relayAddresses().contains(giaddr) && s.allows(inClass)) {
          return Optional.of(s);
        }
      }
      return containing(giaddr, inClass);
    }
    if (!query.ciaddr().equals(DhcpPacket.ANY) && !ingress.broadcast()) {
      Optional<Subnet4> byCiaddr = containing(query.ciaddr(), inClass);
      if (byCiaddr.isPresent()) {
        return byCiaddr;
      }
    }
    if (ingress.interfaceName().isPresent()) {
      String name = ingress.interfaceName().get();
      for (int i = 0; i < subnets.size(); i++) {
        Subnet4 s = subnets.get(i);
        if (s.iface().isPresent() && s.iface().get().equals(name) && s.allows(inClass)) {
          return Optional.of(s);
        }
      }
    }
    for (Inet4Address local : ingress.addresses()) {
      Optional<Subnet4> s = containing(local, inClass);
      if (s.isPresent()) {
        return s;
      }
    }
    return Optional.empty();
  }

  /** {@code selected} and the other subnets of its shared network, selected one first. */
  public List<Subnet4> candidates(Subnet4 selected) {
    return candidates(selected, c -> false);
  }

  /**
   * {@code selected} and the other subnets of its shared network that the query's classes may use,
   * selected one first.
   */
  public List<Subnet4> candidates(Subnet4 selected, Predicate<String> inClass) {
    if (selected.sharedNetwork().isEmpty()) {
      return List.of(selected);
    }
    java.util.ArrayList<Subnet4> out = new java.util.ArrayList<>();
    out.add(selected);
    for (Subnet4 s : subnets) {
      if (s != selected
          && s.sharedNetwork().equals(selected.sharedNetwork())
          && s.allows(inClass)) {
        out.add(s);
      }
    }
    return out;
  }

  private Optional<Subnet4> containing(Inet4Address address, Predicate<String> inClass) {
    return subnets.stream()
        .filter(s -> s.prefix().contains(address) && s.allows(inClass))
        .findFirst();
  }
}
