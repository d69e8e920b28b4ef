/**
 * DHCPv4 leases: the {@link io.d2j.dhcp4.lease.Lease4} model, the {@link
 * io.d2j.dhcp4.lease.LeaseStore} contract, an in-memory store and {@link
 * io.d2j.dhcp4.lease.MemfileLeaseStore}, which persists in Kea 2.2's lease4 CSV format. Stores know
 * nothing of allocation (ARCHITECTURE.md).
 */
package io.d2j.dhcp4.lease;
