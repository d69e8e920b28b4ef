package io.d2j.dhcp4.config;

import io.d2j.dhcp4.ddns.DdnsParams;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code subnet4} entry, with what it inherits from its shared network and the globals already
 * applied.
 *
 * @param id the subnet id (leases refer to it)
 * @param prefix the subnet
 * @param pools the dynamic ranges
 * @param options option-data of the global, shared-network and subnet scopes, merged by code (the
 *     most specific wins), in the order they apply
 * @param times lease lifetime and T1/T2 settings
 * @param relayAddresses relay (giaddr) addresses that select this subnet, from {@code relay} of the
 *     subnet or its shared network
 * @param reservations host reservations
 * @param sharedNetwork the name of the shared network it belongs to, if any
 * @param iface the {@code interface} the subnet is reachable on, if set
 * @param ddns the DDNS behaviour, inherited from the shared network and the globals
 */
public record Subnet4(
    long id,
    Prefix4 prefix,
    List<Pool4> pools,
    List<OptionData> options,
    LeaseTimes times,
    List<Inet4Address> relayAddresses,
    List<Reservation> reservations,
    Optional<String> sharedNetwork,
    Optional<String> iface,
    DdnsParams ddns) {

  public Subnet4 {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(times, "times");
    Objects.requireNonNull(sharedNetwork, "sharedNetwork");
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(ddns, "ddns");
    pools = List.copyOf(pools);
    options = List.copyOf(options);
    relayAddresses = List.copyOf(relayAddresses);
    reservations = List.copyOf(reservations);
    if (id < 1 || id > 0xFFFF_FFFEL) {
      throw new IllegalArgumentException("subnet id " + id + " is outside 1-4294967294");
    }
  }

  /** Whether {@code address} lies in one of the pools. */
  public boolean inPool(Inet4Address address) {
    return pool(address).isPresent();
  }

  /** The pool holding {@code address}. */
  public Optional<Pool4> pool(Inet4Address address) {
    return pools.stream().filter(p -> p.contains(address)).findFirst();
  }
}
