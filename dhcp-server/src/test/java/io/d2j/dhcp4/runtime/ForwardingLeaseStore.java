package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseStore;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory lease store for tests that replace only how a deferral is committed ({@link
 * #commitDeferred}, {@link #prepareDeferred}): every lease operation goes to an {@link
 * InMemoryLeaseStore}.
 */
abstract class ForwardingLeaseStore implements LeaseStore {

  private final InMemoryLeaseStore leases = new InMemoryLeaseStore();

  @Override
  public boolean add(Lease4 lease) {
    return leases.add(lease);
  }

  @Override
  public boolean update(Lease4 lease) {
    return leases.update(lease);
  }

  @Override
  public boolean delete(Inet4Address address) {
    return leases.delete(address);
  }

  @Override
  public Optional<Lease4> get(Inet4Address address) {
    return leases.get(address);
  }

  @Override
  public List<Lease4> getByHwAddress(Octets hwaddr) {
    return leases.getByHwAddress(hwaddr);
  }

  @Override
  public List<Lease4> getByClientId(Octets clientId) {
    return leases.getByClientId(clientId);
  }

  @Override
  public List<Lease4> all() {
    return leases.all();
  }

  @Override
  public List<Lease4> expired(Instant before, int limit) {
    return leases.expired(before, limit);
  }

  @Override
  public int size() {
    return leases.size();
  }

  @Override
  public void close() {
    leases.close();
  }
}
