/**
 * DHCPv4 leases: the {@link io.d2j.dhcp4.lease.Lease4} model, the {@link
 * io.d2j.dhcp4.lease.LeaseStore} contract, an in-memory store, {@link
 * io.d2j.dhcp4.lease.MemfileLeaseStore}, which persists in Kea 2.2's lease4 CSV format, and {@link
 * io.d2j.dhcp4.lease.PgLeaseStore}, which keeps leases in Kea 2.2's PostgreSQL schema, with {@link
 * io.d2j.dhcp4.lease.DatabaseRecovery} for Kea's {@code on-fail}. Stores know nothing of allocation
 * (ARCHITECTURE.md).
 */
package io.d2j.dhcp4.lease;
