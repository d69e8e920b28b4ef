package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseChange;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.log.Dhcp4Log;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lease events of the packet thread's current batch, held until the batch's lease changes are
 * durable ({@link QueryBatch#commit}): then {@link #fire()} passes them on in order; a failed sync
 * {@link #discard()}s them. The chain is assembled with this listener; timers and lease commands,
 * whose writes are durable when the store returns, use the target directly.
 *
 * <p>Confined to the packet thread.
 */
final class DeferredLeaseEvents implements LeaseEvents {

  private final LeaseEvents target;
  private final LeaseStore store;
  private final List<Consumer<LeaseEvents>> pending = new ArrayList<>();

  /** The current query's changes, for HA's lease updates ({@link #takeChanges}). */
  private final List<LeaseChange> changes = new ArrayList<>();

  /**
   * @param store where a declined lease is read back (the event carries the lease before probation;
   *     the partner must learn the declined one)
   */
  DeferredLeaseEvents(LeaseEvents target, LeaseStore store) {
    this.target = target;
    this.store = store;
  }

  @Override
  public void onAllocated(Lease4 lease) {
    pending.add(l -> l.onAllocated(lease));
    changes.add(new LeaseChange.Updated(lease));
  }

  @Override
  public void onRenewed(Lease4 previous, Lease4 renewed) {
    pending.add(l -> l.onRenewed(previous, renewed));
    if (!previous.address().equals(renewed.address())) {
      changes.add(new LeaseChange.Deleted(previous));
    }
    changes.add(new LeaseChange.Updated(renewed));
  }

  @Override
  public void onReleased(Lease4 lease) {
    pending.add(l -> l.onReleased(lease));
    changes.add(new LeaseChange.Deleted(lease));
  }

  @Override
  public void onDeclined(Lease4 previous) {
    pending.add(l -> l.onDeclined(previous));
    changes.add(new LeaseChange.Updated(store.get(previous.address()).orElse(previous)));
  }

  /** The lease changes since the last call: one query's, for HA (spec §6.11). */
  List<LeaseChange> takeChanges() {
    List<LeaseChange> out = List.copyOf(changes);
    changes.clear();
    return out;
  }

  @Override
  public void onReclaimed(Lease4 lease) {
    pending.add(l -> l.onReclaimed(lease));
  }

  /** Passes the held events on, in the order they happened; a listener that throws costs one. */
  void fire() {
    fire(pending, target);
    pending.clear();
  }

  /** The held events, handed over (for {@link #fire(List, LeaseEvents)} by their batch). */
  List<Consumer<LeaseEvents>> take() {
    List<Consumer<LeaseEvents>> out = List.copyOf(pending);
    pending.clear();
    return out;
  }

  LeaseEvents target() {
    return target;
  }

  /** Passes {@code events} to {@code target} in order; a listener that throws costs one. */
  static void fire(List<Consumer<LeaseEvents>> events, LeaseEvents target) {
    for (Consumer<LeaseEvents> event : events) {
      try {
        event.accept(target);
      } catch (RuntimeException e) {
        Dhcp4Log.DHCP4_LEASE_EVENT_FAILED.log(e.toString(), e);
      }
    }
  }

  /** Forgets the held events; returns how many there were. */
  int discard() {
    int n = pending.size();
    pending.clear();
    changes.clear();
    return n;
  }
}
