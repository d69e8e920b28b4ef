package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.config.Addresses;
import io.d2j.dhcp4.config.HostIndex;
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
import java.util.function.Predicate;

/**
 * Which address a client may have. Reads leases, never writes them: the caller stores the result.
 * The rules: a reserved address first, then the client's previous lease, then the address it asked
 * for, then the first free pool address. An address is never given while another client's lease on
 * it is unexpired (a declined address is "another client's" for its probation period), nor when it
 * is reserved for another client (unless the subnet declares its reservations out of its pools),
 * nor from a pool whose {@code client-class} the client is not in.
 *
 * <p>Free pool addresses are found as Kea's iterative allocator does: each pool remembers where the
 * last search ended and the next one starts after it, wrapping round. Offers are not stored (RFC
 * 2131 §4.3.1 leaves that to the server), so without the cursor clients whose DISCOVERs arrive
 * before any REQUEST would all be offered the same first free address and all but one NAKed. The
 * cursors are the only mutable state; confined to the packet thread.
 */
public final class AddressChooser {

  private final LeaseStore leases;
  private final HostIndex hosts;

  /** Per pool, the next address to try. Confined to the packet thread. */
  private final java.util.Map<Pool4, Long> cursors = new java.util.HashMap<>();

  public AddressChooser(LeaseStore leases, HostIndex hosts) {
    this.leases = leases;
    this.hosts = hosts;
  }

  /** A chosen address, its subnet and the client's reservation there (if any). */
  public record Choice(Subnet4 subnet, Inet4Address address, Optional<Reservation> reservation) {}

  /** Who is asking, as the chooser needs it. */
  public record Asker(Client client, HostLookup.Found hosts, Predicate<String> inClass) {}

  /** An address for a DISCOVER, searching {@code candidates} (one subnet or a shared network). */
  public Optional<Choice> choose(
      Asker asker, List<Subnet4> candidates, Optional<Inet4Address> requested, Instant now) {
    for (Subnet4 s : candidates) {
      Optional<Reservation> r = asker.hosts().current(s);
      if (r.isPresent() && r.get().ipAddress().filter(a -> s.prefix().contains(a)).isPresent()) {
        Inet4Address a = r.get().ipAddress().get();
        if (free(asker.client(), a, now)) {
          return Optional.of(new Choice(s, a, r));
        }
      }
    }
    for (Lease4 previous : previousLeases(asker.client())) {
      Optional<Choice> c = acceptable(asker, candidates, previous.address(), now);
      if (c.isPresent()) {
        return c;
      }
    }
    if (requested.isPresent()) {
      Optional<Choice> c = acceptable(asker, candidates, requested.get(), now);
      if (c.isPresent()) {
        return c;
      }
    }
    for (Subnet4 s : candidates) {
      for (Pool4 pool : s.pools()) {
        if (!pool.allows(asker.inClass())) {
          continue;
        }
        long first = Addresses.toLong(pool.first());
        long start = cursors.getOrDefault(pool, first);
        for (long i = 0; i < pool.size(); i++) {
          long a = first + (start - first + i) % pool.size();
          Inet4Address address = Addresses.fromLong(a);
          if (usableInSubnet(s, address)
              && free(asker.client(), address, now)
              && !reservedForOther(s, address, asker)) {
            cursors.put(pool, a == Addresses.toLong(pool.last()) ? first : a + 1);
            return Optional.of(new Choice(s, address, asker.hosts().current(s)));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the client may have {@code address}: reserved for it in a candidate subnet, or in a
   * pool there that its classes may use and not reserved for another client; and not held by
   * another client's live lease.
   */
  public Optional<Choice> acceptable(
      Asker asker, List<Subnet4> candidates, Inet4Address address, Instant now) {
    for (Subnet4 s : candidates) {
      if (!s.prefix().contains(address)) {
        continue;
      }
      Optional<Reservation> r = asker.hosts().current(s);
      boolean reservedForClient =
          r.flatMap(Reservation::ipAddress).filter(address::equals).isPresent();
      Optional<Pool4> pool = s.pool(address);
      boolean allowed =
          reservedForClient
              || (pool.isPresent()
                  && pool.get().allows(asker.inClass())
                  && usableInSubnet(s, address)
                  && !reservedForOther(s, address, asker));
      if (allowed && free(asker.client(), address, now)) {
        return Optional.of(new Choice(s, address, r));
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The client's leases, client-id matches first, declined ones excluded. */
  private List<Lease4> previousLeases(Client client) {
    java.util.ArrayList<Lease4> out = new java.util.ArrayList<>();
    if (!client.clientId().isEmpty()) {
      out.addAll(leases.getByClientId(client.clientId()));
    }
    if (!client.hwaddr().isEmpty()) {
      // Indexed loops: this runs per query, and C1 allocates every stream stage and lambda.
      List<Lease4> byHw = leases.getByHwAddress(client.hwaddr());
      for (int i = 0; i < byHw.size(); i++) {
        Lease4 l = byHw.get(i);
        if (!out.contains(l) && client.owns(l)) {
          out.add(l);
        }
      }
    }
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i).state() == LeaseState.DECLINED) {
        out.remove(i);
      }
    }
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

  /**
   * Whether a reservation of another client holds {@code address} in {@code s} (or globally, when
   * {@code s} uses global reservations). Skipped when the subnet keeps reservations out of its
   * pools ({@code reservations-out-of-pool}), as Kea skips it.
   */
  private boolean reservedForOther(Subnet4 s, Inet4Address address, Asker asker) {
    if (s.policy().reservationsOutOfPool()) {
      return false;
    }
    if (s.policy().reservationsInSubnet()) {
      for (Reservation r : hosts.byAddress(s.id(), address)) {
        if (!asker.hosts().isMine(r)) {
          return true;
        }
      }
    }
    if (s.policy().reservationsGlobal()) {
      for (Reservation r : hosts.byAddress(HostIndex.GLOBAL, address)) {
        if (!asker.hosts().isMine(r)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Not the network or broadcast address of a subnet that has them (prefix up to /30). */
  private static boolean usableInSubnet(Subnet4 s, Inet4Address address) {
    if (s.prefix().length() > 30) {
      return true;
    }
    return !s.prefix().isNetworkOrBroadcast(address);
  }
}
