package io.d2j.d2.update;

import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.NameChangeRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The queue of accepted NCRs and the bookkeeping of which ones run. FIFO, except that an NCR waits
 * while another one with the same DHCID or the same FQDN runs: one client's changes apply in
 * arrival order, and two clients racing for one name do not interleave their conflict-resolution
 * steps (Kea serialises by DHCID only). Pure: no I/O.
 *
 * <p>Not thread-safe: confined to the D2 event loop.
 */
public final class UpdateManager {

  private final int maxQueue;
  private final int maxTransactions;
  private final ArrayDeque<NameChangeRequest> queue = new ArrayDeque<>();
  private final Set<Dhcid> activeDhcids = new HashSet<>();
  private final Set<Fqdn> activeNames = new HashSet<>();
  private int active;

  public UpdateManager(int maxQueue, int maxTransactions) {
    if (maxQueue < 1 || maxTransactions < 1) {
      throw new IllegalArgumentException(
          "maxQueue and maxTransactions must be >= 1, got " + maxQueue + ", " + maxTransactions);
    }
    this.maxQueue = maxQueue;
    this.maxTransactions = maxTransactions;
  }

  /** Queues an NCR; false when the queue is at capacity (the caller counts and reports it). */
  public boolean enqueue(NameChangeRequest ncr) {
    if (queue.size() >= maxQueue) {
      return false;
    }
    queue.addLast(ncr);
    return true;
  }

  /**
   * Removes and returns, in queue order, the NCRs that may start now, marking them running: as many
   * as free transaction slots allow, skipping any whose DHCID or FQDN is busy. An NCR that waits
   * holds back every later NCR sharing its DHCID or FQDN, so neither one client's NCRs nor one
   * name's NCRs are ever reordered (a rename's late remove would otherwise delete the PTR its add
   * just wrote).
   */
  public List<NameChangeRequest> takeEligible() {
    List<NameChangeRequest> out = new ArrayList<>();
    Set<Dhcid> waitingDhcids = new HashSet<>();
    Set<Fqdn> waitingNames = new HashSet<>();
    Iterator<NameChangeRequest> it = queue.iterator();
    while (active < maxTransactions && it.hasNext()) {
      NameChangeRequest ncr = it.next();
      if (activeDhcids.contains(ncr.dhcid())
          || activeNames.contains(ncr.fqdn())
          || waitingDhcids.contains(ncr.dhcid())
          || waitingNames.contains(ncr.fqdn())) {
        waitingDhcids.add(ncr.dhcid());
        waitingNames.add(ncr.fqdn());
        continue;
      }
      it.remove();
      activeDhcids.add(ncr.dhcid());
      activeNames.add(ncr.fqdn());
      active++;
      out.add(ncr);
    }
    return out;
  }

  /** Marks a running NCR finished, whatever its outcome, so the next ones may start. */
  public void finished(NameChangeRequest ncr) {
    if (!activeDhcids.remove(ncr.dhcid()) | !activeNames.remove(ncr.fqdn())) {
      throw new IllegalStateException("finished an NCR that was not running: " + ncr.requestId());
    }
    active--;
  }

  /** Whether {@link #enqueue} would take one more NCR. */
  public boolean hasRoom() {
    return queue.size() < maxQueue;
  }

  public int queued() {
    return queue.size();
  }

  public int running() {
    return active;
  }
}
