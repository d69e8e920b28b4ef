package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.lease.Lease4;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether this server reclaims an expired lease now and sends its DNS removal, and what it does
 * once the lease is reclaimed. Without HA every expired lease is reclaimed with its removal; in an
 * HA pair only the server serving the lease's scope removes it from DNS (spec §3.4 #3, §6.12), the
 * other leaves it to that server. Called by the {@link Reclaimer} holding the lease store's
 * monitor: an implementation must not block.
 */
public interface ReclaimPolicy {

  /** What to do with one expired lease in this cycle. */
  enum Action {
    /** Reclaim it and send its DNS removal ({@code onReclaimed}). */
    RECLAIM_AND_REMOVE,
    /** Reclaim it without a DNS removal: the server that serves its scope removes it. */
    RECLAIM_SILENTLY,
    /** Leave it expired for a later cycle: no server is known to remove it now. */
    LATER
  }

  /** Without HA: every expired lease is reclaimed with its removal. */
  ReclaimPolicy ALWAYS =
      new ReclaimPolicy() {
        @Override
        public Action decide(Lease4 lease, Instant now) {
          return Action.RECLAIM_AND_REMOVE;
        }
      };

  Action decide(Lease4 lease, Instant now);

  /**
   * A lease decided {@link Action#RECLAIM_AND_REMOVE} was reclaimed: {@code after} is what the
   * store keeps (expired-reclaimed, name cleared), empty when it was deleted ({@code
   * hold-reclaimed-time} 0). HA tells the partner, so that it does not remove the name again.
   */
  default void reclaimed(Lease4 before, Optional<Lease4> after) {}

  /**
   * Whether a reclaimed lease may leave the store now: deleted at reclamation ({@code
   * hold-reclaimed-time} 0) or by the flush once past its hold. Without HA, always. In an HA pair,
   * not while the partner misses this server's lease updates (partner-down, communication recovery,
   * this server syncing): the partner, back, learns of what this server reclaimed or deleted
   * meanwhile only from the reclaimed leases its sync pulls, so they stay (they hold no address)
   * until lease updates flow again. Called on the reclamation timer's thread.
   */
  default boolean mayForget() {
    return true;
  }
}
