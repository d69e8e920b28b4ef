package io.d2j.dhcp4.config;

import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/**
 * An address range of a subnet, both ends included.
 *
 * @param first the lowest address
 * @param last the highest address
 * @param options pool-scope option-data (override the subnet's)
 */
public record Pool4(Inet4Address first, Inet4Address last, List<OptionData> options) {

  public Pool4 {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    options = List.copyOf(options);
    if (Addresses.toLong(first) > Addresses.toLong(last)) {
      throw new IllegalArgumentException(
          "pool "
              + IpAddresses.format(first)
              + " - "
              + IpAddresses.format(last)
              + ": the first address is above the last");
    }
  }

  public boolean contains(Inet4Address address) {
    long a = Addresses.toLong(address);
    return a >= Addresses.toLong(first) && a <= Addresses.toLong(last);
  }

  public long size() {
    return Addresses.toLong(last) - Addresses.toLong(first) + 1;
  }

  @Override
  public String toString() {
    return IpAddresses.format(first) + " - " + IpAddresses.format(last);
  }
}
