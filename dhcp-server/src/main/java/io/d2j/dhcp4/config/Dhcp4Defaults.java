package io.d2j.dhcp4.config;

/** The one defaults table of the Dhcp4 configuration: Kea 2.2's values. */
public final class Dhcp4Defaults {

  public static final long VALID_LIFETIME = 7200;
  public static final long DECLINE_PROBATION_PERIOD = 86400;
  public static final boolean CALCULATE_TEE_TIMES = false;
  public static final double T1_PERCENT = 0.5;
  public static final double T2_PERCENT = 0.875;

  public static final boolean LEASE_PERSIST = true;

  /** Kea's default lease file of a packaged install ({@code <datadir>/kea-leases4.csv}). */
  public static final String LEASE_FILE = "/var/lib/kea/kea-leases4.csv";

  public static final long LFC_INTERVAL = 3600;
  public static final long MAX_ROW_ERRORS = 0;

  public static final long RECLAIM_TIMER_WAIT_TIME = 10;
  public static final long FLUSH_RECLAIMED_TIMER_WAIT_TIME = 25;
  public static final long HOLD_RECLAIMED_TIME = 3600;
  public static final long MAX_RECLAIM_LEASES = 100;
  public static final long MAX_RECLAIM_TIME_MS = 250;
  public static final long UNWARNED_RECLAIM_CYCLES = 5;

  public static final long PARKED_PACKET_LIMIT = 256;

  private Dhcp4Defaults() {}
}
