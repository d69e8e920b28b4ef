package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import java.util.Objects;

/**
 * One thing that happened to a lease, as {@link LeaseEventClassifier} reads it off a stored change;
 * {@link #fire} tells a {@link LeaseEvents} listener (DDNS, HA) about it.
 */
public sealed interface LeaseEvent {

  /** Tells {@code listener}. */
  void fire(LeaseEvents listener);

  /** A client got a lease new to it. */
  record Allocated(Lease4 lease) implements LeaseEvent {
    public Allocated {
      Objects.requireNonNull(lease, "lease");
    }

    @Override
    public void fire(LeaseEvents listener) {
      listener.onAllocated(lease);
    }
  }

  /** A client's lease was extended, or the client moved from {@code previous}'s address. */
  record Renewed(Lease4 previous, Lease4 renewed) implements LeaseEvent {
    public Renewed {
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(renewed, "renewed");
    }

    @Override
    public void fire(LeaseEvents listener) {
      listener.onRenewed(previous, renewed);
    }
  }

  /** A client released its lease. */
  record Released(Lease4 lease) implements LeaseEvent {
    public Released {
      Objects.requireNonNull(lease, "lease");
    }

    @Override
    public void fire(LeaseEvents listener) {
      listener.onReleased(lease);
    }
  }

  /** A client declined its address; {@code previous} is the lease before probation. */
  record Declined(Lease4 previous) implements LeaseEvent {
    public Declined {
      Objects.requireNonNull(previous, "previous");
    }

    @Override
    public void fire(LeaseEvents listener) {
      listener.onDeclined(previous);
    }
  }

  /** An expired lease was reclaimed (here: inline, as another client takes its address). */
  record Reclaimed(Lease4 lease) implements LeaseEvent {
    public Reclaimed {
      Objects.requireNonNull(lease, "lease");
    }

    @Override
    public void fire(LeaseEvents listener) {
      listener.onReclaimed(lease);
    }
  }
}
