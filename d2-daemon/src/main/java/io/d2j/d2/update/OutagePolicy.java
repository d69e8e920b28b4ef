package io.d2j.d2.runtime;

import io.d2j.d2.config.RetrySettings;
import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.stats.Statistics;
import io.d2j.d2.transaction.Rcode;
import io.d2j.d2.transaction.Transaction;
import io.d2j.d2.update.RetryBackoff;
import io.d2j.d2.update.UpdateManager;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.NameChangeRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps NCRs whose domain is down instead of discarding them (d2-behaviour.md §0 item 8, §17/24):
 * an NCR whose transaction found no server answering is parked in the {@link UpdateManager} (slot
 * freed, DHCID and FQDN still held) and unparked by a {@link Scheduler} timer after the {@link
 * RetryBackoff} delay; past its maximum age it is given up, counted ({@code ncr-given-up}) and
 * logged.
 *
 * <p>Also remembers when each NCR was accepted, for the maximum age and for {@code d2j-queue-get}'s
 * oldest age. NCRs are tracked by identity: two equal NCRs sent twice are two NCRs.
 *
 * <p>Confined to the D2 event loop; timers are set from it and so fire on it.
 */
final class OutageRetries {

  private static final Logger DNS = LoggerFactory.getLogger("kea-dhcp-ddns.d2-to-dns");

  private final Scheduler scheduler;
  private final Clock clock;
  private final RandomGenerator random;
  private final Statistics stats;
  private final UpdateManager manager;
  private final Runnable onReady;
  private RetryBackoff backoff;
  private boolean onServfail;

  private final Map<NameChangeRequest, Instant> acceptedAt = new IdentityHashMap<>();
  private final Map<NameChangeRequest, Integer> failures = new IdentityHashMap<>();
  private final Map<NameChangeRequest, Parked> parked = new IdentityHashMap<>();

  private record Parked(String domain, Scheduler.Timer timer) {}

  /**
   * @param onReady called (on the event loop) after an NCR was unparked, to start it
   */
  OutageRetries(
      Scheduler scheduler,
      Clock clock,
      RandomGenerator random,
      Statistics stats,
      UpdateManager manager,
      RetrySettings settings,
      Runnable onReady) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.random = random;
    this.stats = stats;
    this.manager = manager;
    this.onReady = onReady;
    reconfigure(settings);
  }

  /** New settings apply from the next failure on; waits already scheduled keep their timers. */
  void reconfigure(RetrySettings settings) {
    this.backoff = new RetryBackoff(settings, random);
    this.onServfail = settings.onServfail();
  }

  void accepted(NameChangeRequest ncr) {
    accepted(ncr, clock.instant());
  }

  /** For NCRs accepted earlier (e.g. replayed from a journal) with their original time. */
  void accepted(NameChangeRequest ncr, Instant at) {
    acceptedAt.putIfAbsent(ncr, at);
  }

  /**
   * Whether {@code t} failed in a way a later try may cure: no answer, or (by setting) SERVFAIL.
   */
  boolean retryable(Transaction t) {
    return t.endedUnreachable() || (onServfail && t.endedRejectedWith(Rcode.SERVFAIL));
  }

  /**
   * Called when {@code t} ended failed. Parks its NCR when no server answered and the NCR is young
   * enough (the caller then neither counts nor logs a failure); otherwise returns false, having
   * counted and logged a give-up if that is why.
   */
  boolean parkIfUnreachable(Transaction t, boolean draining) {
    boolean servfail = onServfail && t.endedRejectedWith(Rcode.SERVFAIL);
    if (!retryable(t) || draining) {
      return false;
    }
    NameChangeRequest ncr = t.ncr();
    Instant now = clock.instant();
    Instant since = acceptedAt.computeIfAbsent(ncr, n -> now);
    int n = failures.merge(ncr, 1, Integer::sum);
    String domain = t.currentDomain().map(DdnsDomain::name).orElse("");
    RetryBackoff.Decision d = backoff.next(since, n, now);
    if (d instanceof RetryBackoff.GiveUp g) {
      stats.increment(D2Stats.NCR_GIVEN_UP);
      DNS.error(
          "DHCP_DDNS_NCR_GIVEN_UP request={} fqdn={} domain={} no server answered in {} tries"
              + " over {}s; NCR given up",
          ncr.requestId(),
          ncr.fqdn(),
          domain,
          n,
          g.age().toSeconds());
      return false;
    }
    Duration delay = ((RetryBackoff.RetryAfter) d).delay();
    manager.park(ncr);
    Scheduler.Timer timer = scheduler.schedule(delay, () -> release(ncr));
    parked.put(ncr, new Parked(domain, timer));
    stats.increment(D2Stats.NCR_RETRY_SCHEDULED);
    DNS.warn(
        "DHCP_DDNS_NCR_RETRY_SCHEDULED request={} fqdn={} domain={} {} (try {});"
            + " retrying in {} ms",
        ncr.requestId(),
        ncr.fqdn(),
        domain,
        servfail ? "the server answered SERVFAIL" : "no server answered",
        n,
        delay.toMillis());
    return true;
  }

  private void release(NameChangeRequest ncr) {
    if (parked.remove(ncr) == null) {
      return;
    }
    DNS.info(
        "DHCP_DDNS_NCR_RETRYING request={} fqdn={} retrying after an unreachable domain",
        ncr.requestId(),
        ncr.fqdn());
    manager.unpark(ncr);
    onReady.run();
  }

  /**
   * Every parked NCR gets its next try now rather than after its timer: on {@code d2j-retry-now},
   * and at shutdown so that a drain_first ends in bounded time (a still-unreachable domain then
   * fails it, as in Kea). Returns how many were released.
   */
  int releaseAll() {
    List<NameChangeRequest> all = List.copyOf(parked.keySet());
    for (NameChangeRequest ncr : all) {
      parked.get(ncr).timer().cancel();
      release(ncr);
    }
    return all.size();
  }

  /** The NCR is done for good (completed, failed, dropped): forget it. */
  void done(NameChangeRequest ncr) {
    acceptedAt.remove(ncr);
    failures.remove(ncr);
  }

  /** Age of the oldest NCR accepted and not done; zero when there is none. */
  Duration oldestAge() {
    Instant now = clock.instant();
    return acceptedAt.values().stream()
        .min(Instant::compareTo)
        .map(a -> Duration.between(a, now))
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }

  /** Parked NCRs by the domain that did not answer. */
  Map<String, Integer> waitingByDomain() {
    Map<String, Integer> out = new HashMap<>();
    parked.values().forEach(p -> out.merge(p.domain(), 1, Integer::sum));
    return out;
  }
}
