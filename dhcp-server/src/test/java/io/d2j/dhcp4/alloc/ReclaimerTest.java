package io.d2j.dhcp4.alloc;

import static io.d2j.dhcp4.alloc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.config.ExpiredLeasesProcessing;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReclaimerTest {

  @ParameterizedTest(name = "hold {0}s")
  @CsvSource({"0, 1, -", "3600, 2, EXPIRED_RECLAIMED"})
  void expiredLeases_areReportedThenDeletedOrHeld(long hold, int leftInStore, String state) {
    InMemoryLeaseStore store = Fixtures.leases("10.0.0.10=a/expired 10.0.0.12=b");
    List<String> reclaimed = new ArrayList<>();
    LeaseEvents events =
        new LeaseEvents() {
          @Override
          public void onReclaimed(Lease4 lease) {
            reclaimed.add(lease.address().getHostAddress() + " " + lease.state());
          }
        };
    Reclaimer r =
        new Reclaimer(
            store,
            events,
            new ExpiredLeasesProcessing(
                Duration.ofSeconds(10),
                Duration.ofSeconds(25),
                Duration.ofSeconds(hold),
                100,
                Duration.ofMillis(250),
                5));
    assertThat(r.reclaim(NOW)).isEqualTo(1);
    assertThat(reclaimed).containsExactly("10.0.0.10 DEFAULT");
    assertThat(store.size()).isEqualTo(leftInStore);
    assertThat(store.get(Fixtures.ip("10.0.0.10")).map(l -> l.state().name()).orElse("-"))
        .isEqualTo(state);
    // A second cycle finds nothing: reclaimed leases are not reclaimed again.
    assertThat(r.reclaim(NOW)).isZero();
    assertThat(store.get(Fixtures.ip("10.0.0.12")).map(Lease4::state)).contains(LeaseState.DEFAULT);
  }

  /**
   * The HA policy's three answers: a lease left for later stays expired and unreported and does not
   * take a place of {@code max-reclaim-leases}; a silent one is reclaimed without {@code
   * onReclaimed}; a removed one is reported, then handed back to the policy as the store keeps it.
   */
  @Test
  void policy_leavesLeasesForLater_reclaimsSilently_orWithTheRemoval() {
    InMemoryLeaseStore store =
        Fixtures.leases(
            "10.0.0.10=a/expired 10.0.0.11=b/expired 10.0.0.12=c/expired 10.0.0.13=d/expired"
                + " 10.0.0.14=e/expired");
    List<String> reported = new ArrayList<>();
    List<String> handedBack = new ArrayList<>();
    LeaseEvents events =
        new LeaseEvents() {
          @Override
          public void onReclaimed(Lease4 lease) {
            reported.add(lease.address().getHostAddress());
          }
        };
    ReclaimPolicy policy =
        new ReclaimPolicy() {
          @Override
          public Action decide(Lease4 lease, Instant now) {
            return switch (lease.address().getHostAddress()) {
              case "10.0.0.10", "10.0.0.11", "10.0.0.13" -> Action.LATER;
              case "10.0.0.12" -> Action.RECLAIM_SILENTLY;
              default -> Action.RECLAIM_AND_REMOVE;
            };
          }

          @Override
          public void reclaimed(Lease4 before, Optional<Lease4> after) {
            handedBack.add(
                before.address().getHostAddress()
                    + " "
                    + after.map(l -> l.state() + " '" + l.hostname() + "'").orElse("deleted"));
          }
        };
    Reclaimer r =
        new Reclaimer(
            store,
            events,
            new ExpiredLeasesProcessing(
                Duration.ofSeconds(10),
                Duration.ofSeconds(25),
                Duration.ofSeconds(3600),
                2,
                Duration.ofMillis(250),
                5),
            policy);
    assertThat(r.reclaim(NOW)).as("two reclaimed past the three left").isEqualTo(2);
    assertThat(reported).containsExactly("10.0.0.14");
    assertThat(handedBack).containsExactly("10.0.0.14 EXPIRED_RECLAIMED ''");
    assertThat(store.get(Fixtures.ip("10.0.0.12")).map(Lease4::state))
        .contains(LeaseState.EXPIRED_RECLAIMED);
    for (String left : List.of("10.0.0.10", "10.0.0.11", "10.0.0.13")) {
      assertThat(store.get(Fixtures.ip(left)).map(Lease4::state))
          .as(left)
          .contains(LeaseState.DEFAULT);
    }
    assertThat(r.reclaim(NOW)).as("only leases left for later remain").isZero();
  }

  /**
   * A policy that needs reclaimed leases kept (an HA partner that will sync from them): with {@code
   * hold-reclaimed-time} 0 the lease is kept as reclaimed instead of deleted, and flushes leave it
   * until the policy lets go.
   */
  @Test
  void policyThatCannotForget_keepsReclaimedLeases_throughHoldZeroAndFlushes() {
    InMemoryLeaseStore store = Fixtures.leases("10.0.0.10=a/expired 10.0.0.12=b");
    boolean[] mayForget = {false};
    ReclaimPolicy policy =
        new ReclaimPolicy() {
          @Override
          public Action decide(Lease4 lease, Instant now) {
            return Action.RECLAIM_AND_REMOVE;
          }

          @Override
          public boolean mayForget() {
            return mayForget[0];
          }
        };
    Reclaimer r =
        new Reclaimer(
            store,
            LeaseEvents.NONE,
            new ExpiredLeasesProcessing(
                Duration.ofSeconds(10),
                Duration.ofSeconds(25),
                Duration.ZERO,
                100,
                Duration.ofMillis(250),
                5),
            policy);
    assertThat(r.reclaim(NOW)).isEqualTo(1);
    assertThat(store.get(Fixtures.ip("10.0.0.10")).map(Lease4::state))
        .contains(LeaseState.EXPIRED_RECLAIMED);
    assertThat(r.flush(NOW.plusSeconds(3600))).isZero();
    assertThat(store.size()).isEqualTo(2);
    mayForget[0] = true;
    assertThat(r.flush(NOW.plusSeconds(3600))).isEqualTo(1);
    assertThat(store.get(Fixtures.ip("10.0.0.10"))).isEmpty();
    assertThat(store.get(Fixtures.ip("10.0.0.12")).map(Lease4::state)).contains(LeaseState.DEFAULT);
  }
}
