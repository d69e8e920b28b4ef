package io.d2j.dhcp4.config;

import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An address range of a subnet, both ends included.
 *
 * @param first the lowest address
 * @param last the highest address
 * @param options pool-scope option-data (override the subnet's)
 * @param clientClass only clients of this class may get addresses from it, when set
 * @param requiredClasses its {@code require-client-classes}
 */
public record Pool4(
    Inet4Address first,
    Inet4Address last,
    List<OptionData> options,
    Optional<String> clientClass,
    List<String> requiredClasses) {

  public Pool4 {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(clientClass, "clientClass");
    options = List.copyOf(options);
    requiredClasses = List.copyOf(requiredClasses);
    if (Addresses.toLong(first) > Addresses.toLong(last)) {
      throw new IllegalArgumentException(
          "pool "
              + IpAddresses.format(first)
              + " - "
              + IpAddresses.format(last)
              + ": the first address is above the last");
    }
  }

  /** A pool open to every client, without options. */
  public Pool4(Inet4Address first, Inet4Address last, List<OptionData> options) {
    this(first, last, options, Optional.empty(), List.of());
  }

  public boolean contains(Inet4Address address) {
    long a = Addresses.toLong(address);
    return a >= Addresses.toLong(first) && a <= Addresses.toLong(last);
  }

  public long size() {
    return Addresses.toLong(last) - Addresses.toLong(first) + 1;
  }

  /** Whether a client in these classes may get an address from this pool. */
  public boolean allows(java.util.function.Predicate<String> inClass) {
    return clientClass.map(inClass::test).orElse(true);
  }

  @Override
  public String toString() {
    return IpAddresses.format(first) + " - " + IpAddresses.format(last);
  }
}
