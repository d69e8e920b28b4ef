package io.d2j.dhcp4.lease;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the lease changes of one query go once they are durable (HA's lease updates, spec §6.11),
 * and whether the query's reply may leave: the future completes with true when it may (the partner
 * acknowledged, or nothing had to wait), false when the reply must be dropped (the partner failed,
 * or too many replies are parked already). Called on the packet thread holding the lease store's
 * monitor: an implementation must not block.
 */
@FunctionalInterface
public interface LeaseReplication {

  /** Without HA: nothing is sent, every reply leaves at once. */
  LeaseReplication NONE = changes -> CompletableFuture.completedFuture(true);

  /**
   * @param changes the query's changes in the order they happened (possibly none)
   */
  CompletableFuture<Boolean> replicate(List<LeaseChange> changes);
}
