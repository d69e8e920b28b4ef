package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import java.util.List;

/** Several listeners as one, called in order (DDNS first, then what the caller passed in). */
final class LeaseEventsChain implements LeaseEvents {

  private final List<LeaseEvents> listeners;

  private LeaseEventsChain(List<LeaseEvents> listeners) {
    this.listeners = listeners;
  }

  static LeaseEvents of(LeaseEvents... listeners) {
    return new LeaseEventsChain(List.of(listeners));
  }

  @Override
  public void onAllocated(Lease4 lease) {
    listeners.forEach(l -> l.onAllocated(lease));
  }

  @Override
  public void onRenewed(Lease4 previous, Lease4 renewed) {
    listeners.forEach(l -> l.onRenewed(previous, renewed));
  }

  @Override
  public void onReleased(Lease4 lease) {
    listeners.forEach(l -> l.onReleased(lease));
  }

  @Override
  public void onDeclined(Lease4 previous) {
    listeners.forEach(l -> l.onDeclined(previous));
  }

  @Override
  public void onReclaimed(Lease4 lease) {
    listeners.forEach(l -> l.onReclaimed(lease));
  }
}
