package io.d2j.d2.scenario;

import io.d2j.d2.it.D2Harness;
import io.d2j.d2.stats.D2Stats;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.testkit.Await;
import io.d2j.testkit.Received;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.Record;

/** Shared helpers of the §17 scenario tests. */
final class Scenarios {
  static final Duration WAIT = Duration.ofSeconds(20);

  /** The NCR dhcid of client X ({@code AAEBAgME} in DNS presentation). */
  static final String DHCID_X = "000101020304";

  static final String DHCID_X_B64 = "AAEBAgME";

  /** Another client's dhcid ({@code AAEBBQYH}). */
  static final String DHCID_Y = "000101050607";

  static final String DHCID_Y_B64 = "AAEBBQYH";

  private Scenarios() {}

  static NameChangeRequest ncr(
      ChangeType type,
      String fqdn,
      String ip,
      String dhcid,
      ConflictResolutionMode mode,
      boolean forward,
      boolean reverse) {
    return NameChangeRequest.builder()
        .type(type)
        .fqdn(fqdn)
        .address(ip)
        .dhcid(dhcid)
        .forward(forward)
        .reverse(reverse)
        .leaseLength(1200)
        .conflictResolutionMode(mode)
        .build();
  }

  static NameChangeRequest add(String fqdn, String ip, String dhcid) {
    return ncr(
        ChangeType.ADD, fqdn, ip, dhcid, ConflictResolutionMode.CHECK_WITH_DHCID, true, true);
  }

  static NameChangeRequest remove(String fqdn, String ip, String dhcid) {
    return ncr(
        ChangeType.REMOVE, fqdn, ip, dhcid, ConflictResolutionMode.CHECK_WITH_DHCID, true, true);
  }

  /** Sends {@code ncr} and returns once the D2 has finished with it and has nothing else to do. */
  static void sendAndSettle(D2Harness d2, NameChangeRequest ncr) throws Exception {
    long before = settled(d2);
    d2.send(ncr);
    awaitSettled(d2, before + 1);
  }

  /**
   * NCRs the D2 is done with: completed, failed or dropped. (ncr-received alone is not enough: it
   * counts an NCR before the NCR reaches the queue, so "received and idle" can be seen too early.)
   */
  static long settled(D2Harness d2) {
    return d2.stat(D2Stats.NCR_COMPLETED)
        + d2.stat(D2Stats.NCR_FAILED)
        + d2.stat(D2Stats.NCR_DROPPED_NO_MATCH)
        + d2.stat(D2Stats.NCR_DROPPED_NO_DIRECTION)
        + d2.stat(D2Stats.QUEUE_FULL);
  }

  /** Waits until {@code count} NCRs are {@linkplain #settled settled} and the D2 is idle. */
  static void awaitSettled(D2Harness d2, long count) throws InterruptedException {
    Await.until(WAIT, count + " NCRs settled", () -> settled(d2) >= count);
    d2.awaitIdle();
  }

  static void awaitReceived(D2Harness d2, long count) {
    Await.until(WAIT, "ncr-received = " + count, () -> d2.stat(D2Stats.NCR_RECEIVED) >= count);
  }

  /** A record as one space-separated line: {@code h.example.org. 0 NONE ANY}. */
  static String rr(Record r) {
    return String.join(" ", r.toString().trim().split("\\s+"));
  }

  static List<String> rrs(List<Record> records) {
    return records.stream().map(Scenarios::rr).collect(Collectors.toList());
  }

  /** Prerequisites then updates of one UPDATE, each as {@link #rr}, for whole-message asserts. */
  static String describe(Received r) {
    return "zone "
        + r.zone().getName()
        + " prereq "
        + rrs(r.prerequisites())
        + " update "
        + rrs(r.updates());
  }

  /** The owner names an UPDATE's updates are at, each once, in order: one per NCR it carries. */
  static List<String> owners(Received r) {
    return r.updates().stream()
        .map(u -> u.getName().toString())
        .distinct()
        .collect(Collectors.toList());
  }
}
