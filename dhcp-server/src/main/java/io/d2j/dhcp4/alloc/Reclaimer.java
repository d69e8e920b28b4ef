package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.config.ExpiredLeasesProcessing;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.lease.LeaseStore;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Expired-lease reclamation (Kea's {@code expired-leases-processing}, spec §1.5): each cycle takes
 * up to {@code max-reclaim-leases} expired leases, tells {@link LeaseEvents#onReclaimed} (where
 * DDNS removals go) and then deletes each lease ({@code hold-reclaimed-time} 0, unless the policy
 * needs it kept for an HA partner's sync) or keeps it as expired-reclaimed with its name cleared,
 * so a returning client can still get its address back. The {@link ReclaimPolicy} may leave a
 * lease's DNS removal to the HA partner, or leave the lease for a later cycle; those left do not
 * count towards {@code max-reclaim-leases}. Runs on whatever thread the shell's timer gives it; no
 * clock of its own.
 */
public final class Reclaimer {

  private final LeaseStore leases;
  private final LeaseEvents events;
  private final ExpiredLeasesProcessing settings;
  private final ReclaimPolicy policy;

  public Reclaimer(LeaseStore leases, LeaseEvents events, ExpiredLeasesProcessing settings) {
    this(leases, events, settings, ReclaimPolicy.ALWAYS);
  }

  public Reclaimer(
      LeaseStore leases,
      LeaseEvents events,
      ExpiredLeasesProcessing settings,
      ReclaimPolicy policy) {
    this.leases = leases;
    this.events = events;
    this.settings = settings;
    this.policy = policy;
  }

  /**
   * One reclamation cycle; returns how many leases it reclaimed. Leases the policy leaves for later
   * are looked past, so they never hold back the others.
   */
  public int reclaim(Instant now) {
    int max = settings.maxReclaimLeases();
    int reclaimed = 0;
    Set<Inet4Address> later = new HashSet<>();
    while (true) {
      // Reclaimed leases leave the expired set; those left for later stay at its front.
      int ask = max > 0 ? later.size() + (max - reclaimed) : 0;
      List<Lease4> expired = leases.expired(now, ask);
      boolean decided = false;
      for (Lease4 lease : expired) {
        if (max > 0 && reclaimed == max) {
          break;
        }
        if (later.contains(lease.address())) {
          continue;
        }
        decided = true;
        ReclaimPolicy.Action decision = policy.decide(lease, now);
        if (decision == ReclaimPolicy.Action.LATER) {
          later.add(lease.address());
        } else {
          reclaim(lease, decision == ReclaimPolicy.Action.RECLAIM_AND_REMOVE);
          reclaimed++;
        }
      }
      if (max == 0 || reclaimed == max || expired.size() < ask || !decided) {
        return reclaimed;
      }
    }
  }

  private void reclaim(Lease4 lease, boolean remove) {
    if (remove) {
      events.onReclaimed(lease);
    }
    Optional<Lease4> kept;
    if (settings.holdReclaimedTime().isZero() && policy.mayForget()) {
      leases.delete(lease.address());
      kept = Optional.empty();
    } else {
      Lease4 after = lease.withDns("", false, false).withState(LeaseState.EXPIRED_RECLAIMED);
      leases.update(after);
      kept = Optional.of(after);
    }
    if (remove) {
      policy.reclaimed(lease, kept);
    }
  }

  /**
   * Deletes reclaimed leases that expired more than {@code hold-reclaimed-time} ago, unless the
   * policy needs them kept for now ({@link ReclaimPolicy#mayForget}): then none, until a later
   * flush.
   */
  public int flush(Instant now) {
    if (!policy.mayForget()) {
      return 0;
    }
    return leases.deleteReclaimed(now.minus(settings.holdReclaimedTime()));
  }
}
