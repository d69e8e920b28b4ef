package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.config.Addresses;
import io.d2j.dhcp4.config.Pool4;
import io.d2j.dhcp4.config.Reservation;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.lease.LeaseStore;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which address a client may have. Reads leases, never writes them: the caller stores the result.
 * The rules: a reserved address first, then the client's previous lease, then the address it asked
 * for, then the first free pool address. An address is never given while another client's lease on
 * it is unexpired (a declined address is "another client's" for its probation period), nor when it
 * is reserved for another client.
 *
 * <p>Free pool addresses are found as Kea's iterative allocator does: each pool remembers where the
 * last search ended and the next one starts after it, wrapping round. Offers are not stored (RFC
 * 2131 §4.3.1 leaves that to the server), so without the cursor clients whose DISCOVERs arrive
 * before any REQUEST would all be offered the same first free address and all but one NAKed. The
 * cursors are the only mutable state; confined to the packet thread.
 */
public final class AddressChooser {

  private final LeaseStore leases;

  /** Per pool, the next address to try. Confined to the packet thread. */
  private final java.util.Map<Pool4, Long> cursors = new java.util.HashMap<>();

  public AddressChooser(LeaseStore leases) {
    this.leases = leases;
  }

  /** A chosen address, its subnet and the client's reservation there (if any). */
  public record Choice(Subnet4 subnet, Inet4Address address, Optional<Reservation> reservation) {}

  /** An address for a DISCOVER, searching {@code candidates} (one subnet or a shared network). */
  public Optional<Choice> choose(
      Client client, List<Subnet4> candidates, Optional<Inet4Address> requested, Instant now) {
    for (Subnet4 s : candidates) {
      Optional<Reservation> r = reservation(s, client);
      if (r.isPresent() && r.get().ipAddress().isPresent()) {
        Inet4Address a = r.get().ipAddress().get();
        if (free(client, a, now)) {
          return Optional.of(new Choice(s, a, r));
        }
      }
    }
    for (Lease4 previous : previousLeases(client)) {
      Optional<Choice> c = acceptable(client, candidates, previous.address(), now);
      if (c.isPresent()) {
        return c;
      }
    }
    if (requested.isPresent()) {
      Optional<Choice> c = acceptable(client, candidates, requested.get(), now);
      if (c.isPresent()) {
        return c;
      }
    }
    for (Subnet4 s : candidates) {
      for (Pool4 pool : s.pools()) {
        long first = Addresses.toLong(pool.first());
        long start = cursors.getOrDefault(pool, first);
        for (long i = 0; i < pool.size(); i++) {
          long a = first + (start - first + i) % pool.size();
          Inet4Address address = Addresses.fromLong(a);
          if (usableInSubnet(s, address)
              && free(client, address, now)
              && !reservedForOther(s, address, client)) {
            cursors.put(pool, a == Addresses.toLong(pool.last()) ? first : a + 1);
            return Optional.of(new Choice(s, address, reservation(s, client)));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code client} may have {@code address}: in a candidate subnet's pool or reserved for
   * it there, not reserved for another client, and not held by another client's live lease.
   */
  public Optional<Choice> acceptable(
      Client client, List<Subnet4> candidates, Inet4Address address, Instant now) {
    for (Subnet4 s : candidates) {
      if (!s.prefix().contains(address)) {
        continue;
      }
      Optional<Reservation> r = reservation(s, client);
      boolean reservedForClient =
          r.flatMap(Reservation::ipAddress).filter(address::equals).isPresent();
      boolean allowed =
          reservedForClient
              || (s.inPool(address)
                  && usableInSubnet(s, address)
                  && !reservedForOther(s, address, client));
      if (allowed && free(client, address, now)) {
        return Optional.of(new Choice(s, address, r));
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The client's reservation in {@code subnet}. */
  public static Optional<Reservation> reservation(Subnet4 subnet, Client client) {
    return subnet.reservations().stream()
        .filter(r -> r.matches(client.hwaddr(), client.clientId()))
        .findFirst();
  }

  /** The client's leases, client-id matches first, declined ones excluded. */
  private List<Lease4> previousLeases(Client client) {
    java.util.ArrayList<Lease4> out = new java.util.ArrayList<>();
    if (!client.clientId().isEmpty()) {
      out.addAll(leases.getByClientId(client.clientId()));
    }
    if (!client.hwaddr().isEmpty()) {
      leases.getByHwAddress(client.hwaddr()).stream()
          .filter(l -> !out.contains(l) && client.owns(l))
          .forEach(out::add);
    }
    out.removeIf(l -> l.state() == LeaseState.DECLINED);
    return out;
  }

  /** No live lease of someone else (or a declined lease in probation) holds {@code address}. */
  private boolean free(Client client, Inet4Address address, Instant now) {
    Optional<Lease4> lease = leases.get(address);
    if (lease.isEmpty() || lease.get().expiredAt(now)) {
      return true;
    }
    return lease.get().state() != LeaseState.DECLINED && client.owns(lease.get());
  }

  private static boolean reservedForOther(Subnet4 s, Inet4Address address, Client client) {
    return s.reservations().stream()
        .anyMatch(
            r ->
                r.ipAddress().filter(address::equals).isPresent()
                    && !r.matches(client.hwaddr(), client.clientId()));
  }

  /** Not the network or broadcast address of a subnet that has them (prefix up to /30). */
  private static boolean usableInSubnet(Subnet4 s, Inet4Address address) {
    if (s.prefix().length() > 30) {
      return true;
    }
    return !address.equals(s.prefix().network()) && !address.equals(s.prefix().broadcast());
  }
}
