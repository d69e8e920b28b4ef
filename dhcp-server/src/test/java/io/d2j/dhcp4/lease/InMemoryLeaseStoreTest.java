package io.d2j.dhcp4.lease;

import static io.d2j.dhcp4.lease.Leases.CLTT;
import static io.d2j.dhcp4.lease.Leases.ip;
import static io.d2j.dhcp4.lease.Leases.lease;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryLeaseStoreTest {
  private final InMemoryLeaseStore store = new InMemoryLeaseStore();

  @Test
  void add_refusesAnAddressThatIsTaken() {
    assertThat(store.add(lease(5))).isTrue();
    Lease4 other = lease(6);
    Lease4 sameAddress =
        new Lease4(
            ip("10.0.0.5"),
            other.hwaddr(),
            other.clientId(),
            60,
            CLTT,
            1,
            false,
            false,
            "",
            LeaseState.DEFAULT,
            "");
    assertThat(store.add(sameAddress)).isFalse();
    assertThat(store.get(ip("10.0.0.5"))).contains(lease(5));
  }

  @Test
  void update_andDelete_needAnExistingLease() {
    assertThat(store.update(lease(5))).isFalse();
    assertThat(store.delete(ip("10.0.0.5"))).isFalse();
    store.add(lease(5));
    Lease4 renewed = lease(5).renewed(CLTT + 100, 7200);
    assertThat(store.update(renewed)).isTrue();
    assertThat(store.get(ip("10.0.0.5"))).contains(renewed);
    assertThat(store.delete(ip("10.0.0.5"))).isTrue();
    assertThat(store.size()).isZero();
    assertThat(store.getByHwAddress(lease(5).hwaddr())).isEmpty();
  }

  @Test
  void lookups_byHwAddressAndClientId_followUpdates() {
    store.add(lease(5));
    store.add(lease(6));
    Octets mac5 = lease(5).hwaddr();
    assertThat(store.getByHwAddress(mac5)).containsExactly(lease(5));
    assertThat(store.getByClientId(lease(6).clientId())).containsExactly(lease(6));

    // The client of .6 moves to a new MAC: the old key no longer finds it.
    Lease4 moved =
        new Lease4(
            ip("10.0.0.6"),
            mac5,
            lease(6).clientId(),
            3600,
            CLTT,
            1,
            false,
            false,
            "",
            LeaseState.DEFAULT,
            "");
    store.update(moved);
    assertThat(store.getByHwAddress(lease(6).hwaddr())).isEmpty();
    assertThat(store.getByHwAddress(mac5)).containsExactly(lease(5), moved);
  }

  @Test
  void all_isInAscendingAddressOrder_comparingUnsigned() {
    Lease4 high = Lease4.assigned(ip("200.0.0.1"), lease(1).hwaddr(), Octets.EMPTY, 60, CLTT, 1);
    store.add(high);
    store.add(lease(20));
    store.add(lease(3));
    assertThat(store.all()).containsExactly(lease(3), lease(20), high);
  }

  @Test
  void expired_returnsOldestFirst_upToTheLimit_skippingReclaimed() {
    store.add(lease(1).renewed(1000, 100)); // expires 1100
    store.add(lease(2).renewed(1000, 50)); // expires 1050
    store.add(lease(3).renewed(1000, 10).withState(LeaseState.EXPIRED_RECLAIMED)); // 1010
    store.add(lease(4).renewed(1000, 10).withState(LeaseState.DECLINED)); // 1010
    store.add(lease(5).renewed(1000, 5000)); // not expired

    assertThat(store.expired(Instant.ofEpochSecond(2000), 0))
        .extracting(l -> l.address().getHostAddress())
        .containsExactly("10.0.0.4", "10.0.0.2", "10.0.0.1");
    assertThat(store.expired(Instant.ofEpochSecond(2000), 2)).hasSize(2);
    assertThat(store.expired(Instant.ofEpochSecond(1050), 0))
        .extracting(l -> l.address().getHostAddress())
        .containsExactly("10.0.0.4");
    List<Lease4> none = store.expired(Instant.ofEpochSecond(1010), 0);
    assertThat(none).isEmpty();
  }
}
