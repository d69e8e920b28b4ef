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
 * @param options option-data of the subnet over its shared network's, merged by code (the global
 *     ones and the classes' rank below these: see {@code OptionsHandler})
 * @param times lease lifetime and T1/T2 settings
 * @param relayAddresses relay (giaddr) addresses that select this subnet, from {@code relay} of the
 *     subnet or its shared network
 * @param reservations host reservations
 * @param sharedNetwork the name of the shared network it belongs to, if any
 * @param iface the {@code interface} the subnet is reachable on, if set
 * @param ddns the DDNS behaviour, inherited from the shared network and the globals
 * @param clientClass the subnet's {@code client-class}: only clients of that class may use it
 * @param networkClientClass its shared network's {@code client-class}
 * @param requiredClasses the subnet's {@code require-client-classes}
 * @param networkRequiredClasses its shared network's {@code require-client-classes}
 * @param policy match-client-id, authoritative, boot fields, reservation modes, lease reuse
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
    DdnsParams ddns,
    Optional<String> clientClass,
    Optional<String> networkClientClass,
    List<String> requiredClasses,
    List<String> networkRequiredClasses,
    SubnetPolicy policy) {

  public Subnet4 {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(times, "times");
    Objects.requireNonNull(sharedNetwork, "sharedNetwork");
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(ddns, "ddns");
    Objects.requireNonNull(clientClass, "clientClass");
    Objects.requireNonNull(networkClientClass, "networkClientClass");
    Objects.requireNonNull(policy, "policy");
    pools = List.copyOf(pools);
    options = List.copyOf(options);
    relayAddresses = List.copyOf(relayAddresses);
    reservations = List.copyOf(reservations);
    requiredClasses = List.copyOf(requiredClasses);
    networkRequiredClasses = List.copyOf(networkRequiredClasses);
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
    for (Pool4 p : pools) {
      if (p.contains(address)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a client in {@code classes} may use this subnet: its shared network's and its own
   * {@code client-class}, where set, must be among them (Kea's clientSupported).
   */
  public boolean allows(java.util.function.Predicate<String> inClass) {
    return networkClientClass.map(inClass::test).orElse(true)
        && clientClass.map(inClass::test).orElse(true);
  }
}
