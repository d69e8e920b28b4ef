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

  private int maxQueue;
  private int maxTransactions;
  private final ArrayDeque<NameChangeRequest> queue = new ArrayDeque<>();

  /**
   * NCRs whose domain had no reachable server, waiting for their retry timer. They hold their DHCID
   * and FQDN (later NCRs of the same client or name stay behind them) but no transaction slot.
   */
  private final Set<NameChangeRequest> parked =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** Parked NCRs whose timer fired: first in line for the next free slot. */
  private final ArrayDeque<NameChangeRequest> retryReady = new ArrayDeque<>();

  private final Set<Dhcid> activeDhcids = new HashSet<>();
  private final Set<Fqdn> activeNames = new HashSet<>();
  private int active;

  public UpdateManager(int maxQueue, int maxTransactions) {
    resize(maxQueue, maxTransactions);
  }

  /**
   * Changes the limits (reconfiguration). NCRs already queued or running beyond the new limits
   * stay; only new ones see them.
   */
  public void resize(int maxQueue, int maxTransactions) {
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
    // A retry keeps the DHCID and FQDN it held while parked; it only needs a slot again.
    while (active < maxTransactions && !retryReady.isEmpty()) {
      active++;
      out.add(retryReady.removeFirst());
    }
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

  /**
   * Moves a running NCR to the parked set: its slot is freed, its DHCID and FQDN stay held until
   * {@link #unpark} and a later {@link #finished}.
   */
  public void park(NameChangeRequest ncr) {
    if (!activeDhcids.contains(ncr.dhcid()) || !parked.add(ncr)) {
      throw new IllegalStateException("parked an NCR that was not running: " + ncr.requestId());
    }
    active--;
  }

  /** A parked NCR may run again: it takes the next free slot, before any queued NCR. */
  public void unpark(NameChangeRequest ncr) {
    if (!parked.remove(ncr)) {
      throw new IllegalStateException("unparked an NCR that was not parked: " + ncr.requestId());
    }
    retryReady.addLast(ncr);
  }

  /** NCRs waiting for a retry: parked, or unparked and not yet started again. */
  public int waitingForRetry() {
    return parked.size() + retryReady.size();
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
