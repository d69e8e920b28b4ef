package io.d2j.dhcp4.lease;

import java.util.Objects;

/**
 * One lease change a query caused, as an HA partner must learn it (spec §6.11): a lease to create
 * or overwrite ({@code lease4-update}) or one to remove ({@code lease4-del}). A client that moved
 * to another address causes a {@link Deleted} of the old lease, then an {@link Updated}.
 */
public sealed interface LeaseChange permits LeaseChange.Updated, LeaseChange.Deleted {

  /** The lease as the partner must store it. */
  Lease4 lease();

  /** Allocated, renewed or declined: the partner stores this lease. */
  record Updated(Lease4 lease) implements LeaseChange {
    public Updated {
      Objects.requireNonNull(lease, "lease");
    }
  }

  /** Released, or left for another address: the partner removes it. */
  record Deleted(Lease4 lease) implements LeaseChange {
    public Deleted {
      Objects.requireNonNull(lease, "lease");
    }
  }
}
