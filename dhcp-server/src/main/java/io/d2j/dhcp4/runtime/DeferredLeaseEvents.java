package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lease events of the packet thread's current batch, held until the batch's lease changes are
 * durable ({@link QueryBatch#commit}): then {@link #fire()} passes them on in order; a failed sync
 * {@link #discard()}s them. The chain is assembled with this listener; timers and lease commands,
 * whose writes are durable when the store returns, use the target directly.
 *
 * <p>Confined to the packet thread.
 */
final class DeferredLeaseEvents implements LeaseEvents {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.packets");

  private final LeaseEvents target;
  private final List<Consumer<LeaseEvents>> pending = new ArrayList<>();

  DeferredLeaseEvents(LeaseEvents target) {
    this.target = target;
  }

  @Override
  public void onAllocated(Lease4 lease) {
    pending.add(l -> l.onAllocated(lease));
  }

  @Override
  public void onRenewed(Lease4 previous, Lease4 renewed) {
    pending.add(l -> l.onRenewed(previous, renewed));
  }

  @Override
  public void onReleased(Lease4 lease) {
    pending.add(l -> l.onReleased(lease));
  }

  @Override
  public void onDeclined(Lease4 previous) {
    pending.add(l -> l.onDeclined(previous));
  }

  @Override
  public void onReclaimed(Lease4 lease) {
    pending.add(l -> l.onReclaimed(lease));
  }

  /** Passes the held events on, in the order they happened; a listener that throws costs one. */
  void fire() {
    for (Consumer<LeaseEvents> event : pending) {
      try {
        event.accept(target);
      } catch (RuntimeException e) {
        LOG.error("DHCP4_LEASE_EVENT_FAILED a lease-event listener failed: {}", e.toString(), e);
      }
    }
    pending.clear();
  }

  /** Forgets the held events; returns how many there were. */
  int discard() {
    int n = pending.size();
    pending.clear();
    return n;
  }
}
