package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.config.Reservation;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.Lease4;
import java.util.Optional;

/**
 * Gives a lease its DNS names (hostname, fqdn-fwd, fqdn-rev) once allocation has chosen the subnet
 * and the address, so that the lease is offered and committed with them in one write and a name
 * generated from the address is already in the OFFER (spec §2.4 step 6). The DDNS plugin supplies
 * one per query; {@link #NONE} leaves the lease as allocation built it.
 */
@FunctionalInterface
public interface LeaseNamer {

  /** Keeps the names allocation gave the lease (none for a new lease, the old ones on renewal). */
  LeaseNamer NONE = (subnet, reservation, lease) -> lease;

  /** {@code lease} with its names for a client in {@code subnet}, holding {@code reservation}. */
  Lease4 name(Subnet4 subnet, Optional<Reservation> reservation, Lease4 lease);
}
