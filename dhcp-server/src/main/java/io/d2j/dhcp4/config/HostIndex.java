package io.d2j.dhcp4.config;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host reservations of the whole configuration, indexed by (subnet, identifier) and by (subnet,
 * address); subnet id 0 holds the global ones ({@code Dhcp4.reservations}). Lookups are hash
 * lookups, so thousands of reservations cost nothing per query.
 */
public final class HostIndex {

  /** Kea's subnet id of global reservations. */
  public static final long GLOBAL = 0;

  private final Map<Long, Map<HostIdentifier, Reservation>> byIdentifier = new HashMap<>();
  private final Map<Long, Map<Inet4Address, List<Reservation>>> byAddress = new HashMap<>();

  HostIndex() {}

  void add(long subnetId, Reservation r) {
    byIdentifier.computeIfAbsent(subnetId, k -> new HashMap<>()).put(r.identifier(), r);
    r.ipAddress()
        .ifPresent(
            a ->
                byAddress
                    .computeIfAbsent(subnetId, k -> new HashMap<>())
                    .computeIfAbsent(a, k -> new java.util.ArrayList<>())
                    .add(r));
  }

  /** The reservation of {@code subnetId} (or {@link #GLOBAL}) keyed by {@code identifier}. */
  public Optional<Reservation> find(long subnetId, HostIdentifier identifier) {
    Map<HostIdentifier, Reservation> m = byIdentifier.get(subnetId);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(identifier));
  }

  /** The reservations of {@code address} in {@code subnetId} (several only when not unique). */
  public List<Reservation> byAddress(long subnetId, Inet4Address address) {
    Map<Inet4Address, List<Reservation>> m = byAddress.get(subnetId);
    List<Reservation> out = m == null ? null : m.get(address);
    return out == null ? List.of() : out;
  }

  /** Whether any reservation exists in {@code subnetId}. */
  public boolean has(long subnetId) {
    return byIdentifier.containsKey(subnetId);
  }
}
