package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Leases in memory, indexed by address, hardware address, client id and expiry. Kea's memfile with
 * {@code persist: false}, and the index behind {@link MemfileLeaseStore}. Methods are synchronized,
 * so the packet path and the control socket can share one instance.
 */
public final class InMemoryLeaseStore implements LeaseStore {
  private static final Comparator<Inet4Address> BY_ADDRESS =
      Comparator.comparingLong(InMemoryLeaseStore::unsigned);
  private static final Comparator<Lease4> BY_EXPIRY =
      Comparator.comparingLong(Lease4::expire).thenComparing(Lease4::address, BY_ADDRESS);

  private final TreeMap<Inet4Address, Lease4> byAddress = new TreeMap<>(BY_ADDRESS);
  private final Map<Octets, NavigableSet<Inet4Address>> byHwaddr = new HashMap<>();
  private final Map<Octets, NavigableSet<Inet4Address>> byClientId = new HashMap<>();

  /** Leases that reclamation may still pick up (state not expired-reclaimed). */
  private final TreeSet<Lease4> byExpiry = new TreeSet<>(BY_EXPIRY);

  private static long unsigned(Inet4Address a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  @Override
  public synchronized boolean add(Lease4 lease) {
    if (byAddress.containsKey(lease.address())) {
      return false;
    }
    put(lease);
    return true;
  }

  @Override
  public synchronized boolean update(Lease4 lease) {
    if (!byAddress.containsKey(lease.address())) {
      return false;
    }
    put(lease);
    return true;
  }

  /** Adds or replaces {@code lease}, as the lease file's replay does. */
  public synchronized void put(Lease4 lease) {
    remove(lease.address());
    byAddress.put(lease.address(), lease);
    index(byHwaddr, lease.hwaddr(), lease.address());
    index(byClientId, lease.clientId(), lease.address());
    if (lease.state() != LeaseState.EXPIRED_RECLAIMED) {
      byExpiry.add(lease);
    }
  }

  @Override
  public synchronized boolean delete(Inet4Address address) {
    return remove(address);
  }

  private boolean remove(Inet4Address address) {
    Lease4 old = byAddress.remove(address);
    if (old == null) {
      return false;
    }
    unindex(byHwaddr, old.hwaddr(), address);
    unindex(byClientId, old.clientId(), address);
    byExpiry.remove(old);
    return true;
  }

  private static void index(
      Map<Octets, NavigableSet<Inet4Address>> index, Octets key, Inet4Address address) {
    if (!key.isEmpty()) {
      index.computeIfAbsent(key, k -> new TreeSet<>(BY_ADDRESS)).add(address);
    }
  }

  private static void unindex(
      Map<Octets, NavigableSet<Inet4Address>> index, Octets key, Inet4Address address) {
    NavigableSet<Inet4Address> set = index.get(key);
    if (set != null) {
      set.remove(address);
      if (set.isEmpty()) {
        index.remove(key);
      }
    }
  }

  @Override
  public synchronized Optional<Lease4> get(Inet4Address address) {
    return Optional.ofNullable(byAddress.get(address));
  }

  @Override
  public synchronized List<Lease4> getByHwAddress(Octets hwaddr) {
    return lookup(byHwaddr.get(hwaddr));
  }

  @Override
  public synchronized List<Lease4> getByClientId(Octets clientId) {
    return lookup(byClientId.get(clientId));
  }

  private List<Lease4> lookup(Collection<Inet4Address> addresses) {
    List<Lease4> out = new ArrayList<>();
    if (addresses != null) {
      addresses.forEach(a -> out.add(byAddress.get(a)));
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized List<Lease4> all() {
    return List.copyOf(byAddress.values());
  }

  @Override
  public synchronized List<Lease4> expired(Instant before, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit: " + limit + " is negative");
    }
    List<Lease4> out = new ArrayList<>();
    for (Lease4 lease : byExpiry) {
      if (lease.expire() >= before.getEpochSecond() || (limit > 0 && out.size() == limit)) {
        break;
      }
      out.add(lease);
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized int size() {
    return byAddress.size();
  }

  /** Removes every lease. */
  public synchronized void clear() {
    byAddress.clear();
    byHwaddr.clear();
    byClientId.clear();
    byExpiry.clear();
  }

  @Override
  public void close() {}
}
