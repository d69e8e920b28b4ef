package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.lease.Lease4;
import java.util.Objects;

/** The one store change a decision needs; the allocation handler applies it. */
public sealed interface LeaseChange
    permits LeaseChange.None, LeaseChange.Add, LeaseChange.Update, LeaseChange.Delete {

  None NONE = new None();

  /** Nothing to store. */
  record None() implements LeaseChange {}

  /** A new lease for an address that had none. */
  record Add(Lease4 lease) implements LeaseChange {
    public Add {
      Objects.requireNonNull(lease, "lease");
    }
  }

  /** {@code previous} replaced by {@code lease} (same address). */
  record Update(Lease4 previous, Lease4 lease) implements LeaseChange {
    public Update {
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(lease, "lease");
    }
  }

  /** The lease removed. */
  record Delete(Lease4 lease) implements LeaseChange {
    public Delete {
      Objects.requireNonNull(lease, "lease");
    }
  }
}
