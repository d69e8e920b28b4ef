package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Leases in memory, indexed by address, hardware address and client id. Kea's memfile with {@code
 * persist: false}, and the index behind {@link MemfileLeaseStore}. The leases are packed in a
 * {@link LeaseTable} (about 100 bytes a lease, no object per lease); a {@link Lease4} is built for
 * each one asked for. Methods are synchronized, so the packet path and the control socket can share
 * one instance.
 */
public final class InMemoryLeaseStore implements LeaseStore {
  private final LeaseTable table = new LeaseTable();

  @Override
  public synchronized boolean add(Lease4 lease) {
    if (table.contains(lease.address())) {
      return false;
    }
    table.put(lease);
    return true;
  }

  @Override
  public synchronized boolean update(Lease4 lease) {
    if (!table.contains(lease.address())) {
      return false;
    }
    table.put(lease);
    return true;
  }

  /** Adds or replaces {@code lease}, as the lease file's replay does. */
  public synchronized void put(Lease4 lease) {
    table.put(lease);
  }

  @Override
  public synchronized boolean delete(Inet4Address address) {
    return table.remove(address);
  }

  @Override
  public synchronized Optional<Lease4> get(Inet4Address address) {
    return Optional.ofNullable(table.get(address));
  }

  /** Whether {@code address} has a lease (no {@link Lease4} is built). */
  public synchronized boolean contains(Inet4Address address) {
    return table.contains(address);
  }

  @Override
  public synchronized List<Lease4> getByHwAddress(Octets hwaddr) {
    return List.copyOf(table.byHwAddress(hwaddr));
  }

  @Override
  public synchronized List<Lease4> getByClientId(Octets clientId) {
    return List.copyOf(table.byClientId(clientId));
  }

  @Override
  public synchronized List<Lease4> all() {
    return List.copyOf(table.all());
  }

  /** {@inheritDoc} Builds one {@link Lease4} at a time, holding the store's monitor throughout. */
  @Override
  public synchronized void forEach(Consumer<Lease4> action) {
    table.forEach(action);
  }

  @Override
  public synchronized List<Lease4> expired(Instant before, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit: " + limit + " is negative");
    }
    return List.copyOf(table.expired(before.getEpochSecond(), limit));
  }

  @Override
  public synchronized int size() {
    return table.size();
  }

  /** Removes every lease. */
  public synchronized void clear() {
    table.clear();
  }

  @Override
  public void close() {}
}
