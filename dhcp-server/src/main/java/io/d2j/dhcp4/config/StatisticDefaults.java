package io.d2j.dhcp4.config;

/**
 * {@code statistic-default-sample-count} and {@code statistic-default-sample-age}: how many samples
 * (0 = no limit by count) and for how many seconds (0 = no limit by age) each statistic keeps, as
 * {@code statistic-get} shows them.
 */
public record StatisticDefaults(long sampleCount, long sampleAge) {

  static final long SAMPLE_COUNT = 20;
  static final long SAMPLE_AGE = 0;
}
