package io.d2j.dhcp4.control;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What the commands act on: the running server, implemented by the runtime. */
public interface ControlTarget {

  /** The configuration in force. */
  Dhcp4Config config();

  /** The lease store of the configuration in force (a reload opens it again). */
  LeaseStore leases();

  /**
   * Where lease changes that should reach DNS are reported ({@code lease4-del} with {@code
   * "update-ddns": true}); by default nowhere.
   */
  default LeaseEvents leaseEvents() {
    return LeaseEvents.NONE;
  }

  /**
   * With {@code multi-threading}, the average lengths of the packet queue over about 10, 100 and
   * 1000 packets (status-get's {@code packet-queue-statistics}); empty without it.
   */
  default double[] packetQueueAverages() {
    return new double[0];
  }

  /** The {@code -c} file: config-reload reads it, config-write writes it by default. */
  Optional<Path> configFile();

  long pid();

  Instant startedAt();

  /** When the configuration in force was applied. */
  Instant configuredAt();

  /** The counters by Kea's statistic names, with when each last changed. */
  Map<String, StatSample> statistics();

  /** Kea's short and extended version texts. */
  String version();

  String extendedVersion();

  /**
   * Applies a new configuration (config-reload): the packet loop and the lease store start again
   * with it; on failure the previous configuration keeps running.
   *
   * @throws Exception with the reason, when the new configuration cannot be applied
   */
  void apply(Dhcp4Config config) throws Exception;

  /** Asks the process to stop after this answer, exiting with {@code exitValue}. */
  void shutdown(int exitValue);

  /** One statistic: its value and the time of its last change. */
  record StatSample(long value, Instant changed) {}
}
