package io.d2j.dhcp4.lease;

import java.net.Inet4Address;

/** One data row of a lease4 file: a lease to store, or a deletion marker (valid_lifetime 0). */
sealed interface LeaseFileRow {
  /** The address the row is about. */
  Inet4Address address();

  /** A lease added or updated; replaces any earlier row for its address. */
  record Upsert(Lease4 lease) implements LeaseFileRow {
    @Override
    public Inet4Address address() {
      return lease.address();
    }
  }

  /** The lease of {@code address} is gone (spec §5.2). */
  record Delete(Inet4Address address) implements LeaseFileRow {}
}
