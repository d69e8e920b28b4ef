package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a stored lease change means for DNS and HA, as a pure function of the change and the
 * client's other leases: which {@link LeaseEvent}s it fires, and whether a lease of the same client
 * on another address must lose its names first (the client moved). The allocation handler writes
 * the change and the unnaming, and fires the events; they reach the listeners once the batch is
 * durable.
 */
public final class LeaseEventClassifier {

  /**
   * @param events in the order they happened
   * @param unnamed the client's lease on another address, without its names, to store before the
   *     events fire
   */
  public record Classified(List<LeaseEvent> events, Optional<Lease4> unnamed) {
    public Classified {
      events = List.copyOf(events);
    }
  }

  private LeaseEventClassifier() {}

  /**
   * @param leasesOf a client's leases in the store (looked up only for a lease new to its address)
   */
  public static Classified classify(LeaseChange change, Function<Client, List<Lease4>> leasesOf) {
    List<LeaseEvent> events = new ArrayList<>();
    Optional<Lease4> unnamed = Optional.empty();
    if (change instanceof LeaseChange.Add add) {
      unnamed = allocated(add.lease(), leasesOf, events);
    } else if (change instanceof LeaseChange.Update u) {
      if (u.lease().state() == LeaseState.DECLINED) {
        events.add(new LeaseEvent.Declined(u.previous()));
      } else if (u.previous().state() == LeaseState.DEFAULT
          && u.previous().hwaddr().equals(u.lease().hwaddr())
          && u.previous().clientId().equals(u.lease().clientId())) {
        events.add(new LeaseEvent.Renewed(u.previous(), u.lease()));
      } else {
        if (u.previous().state() == LeaseState.DEFAULT) {
          // Another client's expired, unreclaimed lease: reclaimed inline before reuse (§3.2).
          events.add(new LeaseEvent.Reclaimed(u.previous()));
        }
        unnamed = allocated(u.lease(), leasesOf, events);
      }
    } else if (change instanceof LeaseChange.Delete del) {
      events.add(new LeaseEvent.Released(del.lease()));
    }
    return new Classified(events, unnamed);
  }

  /**
   * A lease new to its address. When the same client still holds a named lease on another address
   * (it moved), that one loses its names and the move is reported as a renewal from it, so that the
   * DNS layer removes the old records and adds the new ones: Kea keeps the stale A/PTR in this case
   * (spec §3.4 #1).
   */
  private static Optional<Lease4> allocated(
      Lease4 lease, Function<Client, List<Lease4>> leasesOf, List<LeaseEvent> events) {
    Client client = new Client(lease.hwaddr(), lease.clientId());
    for (Lease4 old : leasesOf.apply(client)) {
      if (!old.address().equals(lease.address())
          && old.state() == LeaseState.DEFAULT
          && client.owns(old)
          && !old.hostname().isEmpty()
          && (old.fqdnFwd() || old.fqdnRev())) {
        events.add(new LeaseEvent.Renewed(old, lease));
        return Optional.of(old.withDns("", false, false));
      }
    }
    events.add(new LeaseEvent.Allocated(lease));
    return Optional.empty();
  }
}
