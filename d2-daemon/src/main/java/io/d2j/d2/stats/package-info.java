/**
 * D2's statistic names ({@link io.d2j.d2.stats.D2Stats}): Kea's, with Kea's meanings, and d2j's
 * own; the counters themselves are kea-control's {@code Statistics}.
 */
package io.d2j.d2.stats;
