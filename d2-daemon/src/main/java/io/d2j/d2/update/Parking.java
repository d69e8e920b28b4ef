package io.d2j.d2.update;

import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.NameChangeRequest;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NCRs parked until their retry, each with its timer and the domain that did not answer (for
 * {@code d2j-queue-get}'s waiting-by-domain). Not thread-safe: confined to the D2 event loop.
 */
final class Parking {

  private record Parked(String domain, Scheduler.Timer timer) {}

  private final Map<NameChangeRequest, Parked> parked = new IdentityHashMap<>();

  void add(NameChangeRequest ncr, String domain, Scheduler.Timer timer) {
    parked.put(ncr, new Parked(domain, timer));
  }

  /** Takes {@code ncr} out; false when it was not parked (released already). */
  boolean remove(NameChangeRequest ncr) {
    return parked.remove(ncr) != null;
  }

  /** Every parked NCR, their timers cancelled; they stay parked until {@link #remove}d. */
  List<NameChangeRequest> cancelAll() {
    List<NameChangeRequest> all = List.copyOf(parked.keySet());
    parked.values().forEach(p -> p.timer().cancel());
    return all;
  }

  /** Parked NCRs by the domain that did not answer. */
  Map<String, Integer> byDomain() {
    Map<String, Integer> out = new HashMap<>();
    parked.values().forEach(p -> out.merge(p.domain(), 1, Integer::sum));
    return out;
  }
}
