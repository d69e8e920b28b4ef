package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.Octets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Where the lease changes of one query go once they are durable (HA's lease updates, spec §6.11),
 * and whether the query's reply may leave: the future completes with true when it may (the partner
 * acknowledged, or nothing had to wait), false when the reply must be dropped (the partner failed
 * or rejected the update, or too many replies are parked already). Called on the packet thread
 * holding the lease store's monitor: an implementation must not block.
 */
@FunctionalInterface
public interface LeaseReplication {

  /** Without HA: nothing is sent, every reply leaves at once. */
  LeaseReplication NONE = (client, changes) -> CompletableFuture.completedFuture(true);

  /**
   * The client whose query made the changes, as HA tells clients apart (a partner that rejects its
   * updates counts the client once, {@code max-rejected-lease-updates}).
   *
   * @param hardwareAddress the query's hardware address ({@code hlen} octets of {@code chaddr})
   * @param clientId the query's client identifier (option 61), empty without one
   */
  record Client(Octets hardwareAddress, Octets clientId) {
    public Client {
      Objects.requireNonNull(hardwareAddress, "hardwareAddress");
      Objects.requireNonNull(clientId, "clientId");
    }
  }

  /**
   * @param client the client whose query made the changes
   * @param changes the query's changes in the order they happened (possibly none)
   */
  CompletableFuture<Boolean> replicate(Client client, List<LeaseChange> changes);
}
