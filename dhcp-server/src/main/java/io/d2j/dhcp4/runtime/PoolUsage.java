package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Pool4;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.keacontrol.stats.Statistics;
import java.util.HashMap;
import java.util.Map;

/**
 * Kea 2.2's per-subnet address gauges, recounted from the lease store: {@code
 * subnet[ID].total-addresses} (the capacity of the subnet's pools), {@code
 * subnet[ID].assigned-addresses} (its leases in the default or declined state, expired ones not yet
 * reclaimed included, as Kea counts them) and {@code subnet[ID].declined-addresses}. Free addresses
 * are total minus assigned (negative when leases outside the pools, e.g. reserved ones, outnumber
 * the free pool addresses). Kea keeps them up to date lease by lease; d2j recounts at start and
 * after every reclamation cycle ({@code reclaim-timer-wait-time}, 10 s by default), one pass over
 * the leases in memory. Called with the lease store's monitor held.
 */
final class PoolUsage {

  private PoolUsage() {}

  static void publish(Dhcp4Config config, LeaseStore leases, Statistics stats) {
    Map<Long, long[]> counts = new HashMap<>();
    leases.forEach(
        l -> {
          long[] c = counts.computeIfAbsent(l.subnetId(), id -> new long[2]);
          if (l.state() == LeaseState.DEFAULT) {
            c[0]++;
          } else if (l.state() == LeaseState.DECLINED) {
            c[0]++;
            c[1]++;
          }
        });
    for (Subnet4 s : config.subnets()) {
      long total = 0;
      for (Pool4 p : s.pools()) {
        total += p.size();
      }
      long[] c = counts.getOrDefault(s.id(), new long[2]);
      String prefix = "subnet[" + s.id() + "].";
      stats.set(prefix + "total-addresses", total);
      stats.set(prefix + "assigned-addresses", c[0]);
      stats.set(prefix + "declined-addresses", c[1]);
    }
  }
}
