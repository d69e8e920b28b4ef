package io.d2j.dhcp4.control;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands' view of a server: a config and a store, nothing running; lease removals that reach
 * DNS are recorded in {@code ddnsRemovals}; the packet queue's averages are fixed.
 */
record TestTarget(Dhcp4Config config, LeaseStore leases, List<String> ddnsRemovals, Clock clock)
    implements ControlTarget {

  @Override
  public LeaseEvents leaseEvents() {
    return new LeaseEvents() {
      @Override
      public void onReleased(Lease4 lease) {
        ddnsRemovals.add(lease.address().getHostAddress() + " " + lease.hostname());
      }
    };
  }

  @Override
  public double[] packetQueueAverages() {
    return config.multiThreading().enabled() ? new double[] {2.5, 1.25, 0.5} : new double[0];
  }

  @Override
  public Optional<Path> configFile() {
    return Optional.empty();
  }

  @Override
  public long pid() {
    return 1;
  }

  @Override
  public Instant startedAt() {
    return clock.instant();
  }

  @Override
  public Instant configuredAt() {
    return clock.instant();
  }

  @Override
  public Map<String, StatSample> statistics() {
    return Map.of();
  }

  @Override
  public String version() {
    return "test";
  }

  @Override
  public String extendedVersion() {
    return "test";
  }

  @Override
  public void apply(Dhcp4Config next) {
    throw new UnsupportedOperationException("not in this test");
  }

  @Override
  public void shutdown(int exitValue) {
    throw new UnsupportedOperationException("not in this test");
  }
}
