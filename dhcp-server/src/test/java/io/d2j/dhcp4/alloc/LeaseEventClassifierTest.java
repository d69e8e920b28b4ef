package io.d2j.dhcp4.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a stored change means, with no store: the client's other leases are given. */
class LeaseEventClassifierTest {

  private static final Octets MAC_A = Fixtures.mac('a');
  private static final Octets MAC_B = Fixtures.mac('b');

  private static Lease4 lease(String ip, Octets mac, String name, LeaseState state) {
    return new Lease4(
        Fixtures.ip(ip),
        mac,
        Octets.EMPTY,
        3600,
        1_700_000_000L,
        1,
        !name.isEmpty(),
        !name.isEmpty(),
        name,
        state,
        "");
  }

  private static Function<Client, List<Lease4>> holding(Lease4... leases) {
    return client -> List.of(leases);
  }

  private static final Function<Client, List<Lease4>> NONE =
      client -> {
        throw new AssertionError("no lookup expected");
      };

  @Test
  void aNewLease_isAllocated() {
    Lease4 l = lease("10.0.0.10", MAC_A, "a.example.", LeaseState.DEFAULT);
    var c = LeaseEventClassifier.classify(new LeaseChange.Add(l), holding(l));
    assertThat(c.events()).containsExactly(new LeaseEvent.Allocated(l));
    assertThat(c.unnamed()).isEmpty();
  }

  @Test
  void theSameClientsLease_extended_isRenewed_withoutLookingUpTheStore() {
    Lease4 before = lease("10.0.0.10", MAC_A, "a.example.", LeaseState.DEFAULT);
    Lease4 after = lease("10.0.0.10", MAC_A, "a.example.", LeaseState.DEFAULT);
    var c = LeaseEventClassifier.classify(new LeaseChange.Update(before, after), NONE);
    assertThat(c.events()).containsExactly(new LeaseEvent.Renewed(before, after));
  }

  @Test
  void aDeclinedAddress_isDeclined() {
    Lease4 before = lease("10.0.0.10", MAC_A, "a.example.", LeaseState.DEFAULT);
    Lease4 held = before.withState(LeaseState.DECLINED);
    var c = LeaseEventClassifier.classify(new LeaseChange.Update(before, held), NONE);
    assertThat(c.events()).containsExactly(new LeaseEvent.Declined(before));
  }

  @Test
  void anotherClientsExpiredLease_isReclaimed_thenTheNewOneAllocated() {
    Lease4 expired = lease("10.0.0.10", MAC_B, "b.example.", LeaseState.DEFAULT);
    Lease4 mine = lease("10.0.0.10", MAC_A, "a.example.", LeaseState.DEFAULT);
    var c = LeaseEventClassifier.classify(new LeaseChange.Update(expired, mine), holding(mine));
    assertThat(c.events())
        .containsExactly(new LeaseEvent.Reclaimed(expired), new LeaseEvent.Allocated(mine));
  }

  @Test
  void aClientThatMoved_losesTheOldNames_andTheMoveIsARenewalFromTheOldLease() {
    Lease4 old = lease("10.0.0.10", MAC_A, "a.example.", LeaseState.DEFAULT);
    Lease4 moved = lease("10.0.0.11", MAC_A, "a.example.", LeaseState.DEFAULT);
    var c = LeaseEventClassifier.classify(new LeaseChange.Add(moved), holding(old, moved));
    assertThat(c.events()).containsExactly(new LeaseEvent.Renewed(old, moved));
    assertThat(c.unnamed()).contains(old.withDns("", false, false));
  }

  @Test
  void anUnnamedOldLease_isNoRenewal() {
    Lease4 old = lease("10.0.0.10", MAC_A, "", LeaseState.DEFAULT);
    Lease4 moved = lease("10.0.0.11", MAC_A, "a.example.", LeaseState.DEFAULT);
    var c = LeaseEventClassifier.classify(new LeaseChange.Add(moved), holding(old, moved));
    assertThat(c.events()).containsExactly(new LeaseEvent.Allocated(moved));
  }

  @Test
  void aRelease_isReleased_andNothingIsNothing() {
    Lease4 l = lease("10.0.0.10", MAC_A, "a.example.", LeaseState.DEFAULT);
    assertThat(LeaseEventClassifier.classify(new LeaseChange.Delete(l), NONE).events())
        .containsExactly(new LeaseEvent.Released(l));
    assertThat(LeaseEventClassifier.classify(LeaseChange.NONE, NONE).events()).isEmpty();
  }
}
