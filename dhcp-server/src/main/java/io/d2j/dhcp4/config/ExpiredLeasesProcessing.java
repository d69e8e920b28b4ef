package io.d2j.dhcp4.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code expired-leases-processing} (spec §1.5).
 *
 * @param reclaimTimerWaitTime pause between reclamation cycles; zero disables reclamation
 * @param flushReclaimedTimerWaitTime pause between flushes of old reclaimed leases; zero disables
 * @param holdReclaimedTime how long a reclaimed lease is kept (zero deletes at reclamation)
 * @param maxReclaimLeases leases per cycle (0 = no limit)
 * @param maxReclaimTime time per cycle (zero = no limit)
 * @param unwarnedReclaimCycles cycles that may leave leases behind before a warning
 */
public record ExpiredLeasesProcessing(
    Duration reclaimTimerWaitTime,
    Duration flushReclaimedTimerWaitTime,
    Duration holdReclaimedTime,
    int maxReclaimLeases,
    Duration maxReclaimTime,
    int unwarnedReclaimCycles) {

  public ExpiredLeasesProcessing {
    Objects.requireNonNull(reclaimTimerWaitTime, "reclaimTimerWaitTime");
    Objects.requireNonNull(flushReclaimedTimerWaitTime, "flushReclaimedTimerWaitTime");
    Objects.requireNonNull(holdReclaimedTime, "holdReclaimedTime");
    Objects.requireNonNull(maxReclaimTime, "maxReclaimTime");
  }
}
