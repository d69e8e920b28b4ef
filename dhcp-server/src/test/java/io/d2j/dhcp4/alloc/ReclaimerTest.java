package io.d2j.dhcp4.alloc;

import static io.d2j.dhcp4.alloc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.config.ExpiredLeasesProcessing;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}
