package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.config.ExpiredLeasesProcessing;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.lease.LeaseStore;
import java.time.Instant;
import java.util.List;

/**
 * Expired-lease reclamation (Kea's {@code expired-leases-processing}, spec §1.5): each cycle takes
 * up to {@code max-reclaim-leases} expired leases, tells {@link LeaseEvents#onReclaimed} (where
 * DDNS removals go) and then deletes each lease ({@code hold-reclaimed-time} 0) or keeps it as
 * expired-reclaimed with its name cleared, so a returning client can still get its address back.
 * Runs on whatever thread the shell's timer gives it; no clock of its own.
 */
public final class Reclaimer {

  private final LeaseStore leases;
  private final LeaseEvents events;
  private final ExpiredLeasesProcessing settings;

  public Reclaimer(LeaseStore leases, LeaseEvents events, ExpiredLeasesProcessing settings) {
    this.leases = leases;
    this.events = events;
    this.settings = settings;
  }

  /** One reclamation cycle; returns how many leases it reclaimed. */
  public int reclaim(Instant now) {
    List<Lease4> expired = leases.expired(now, settings.maxReclaimLeases());
    for (Lease4 lease : expired) {
      events.onReclaimed(lease);
      if (settings.holdReclaimedTime().isZero()) {
        leases.delete(lease.address());
      } else {
        leases.update(lease.withDns("", false, false).withState(LeaseState.EXPIRED_RECLAIMED));
      }
    }
    return expired.size();
  }

  /** Deletes reclaimed leases that expired more than {@code hold-reclaimed-time} ago. */
  public int flush(Instant now) {
    return leases.deleteReclaimed(now.minus(settings.holdReclaimedTime()));
  }
}
