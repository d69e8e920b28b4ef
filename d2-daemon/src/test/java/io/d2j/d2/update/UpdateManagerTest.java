package io.d2j.d2.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.d2.Fixtures;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.NameChangeRequest;
import org.junit.jupiter.api.Test;

class UpdateManagerTest {

  private static NameChangeRequest ncr(String fqdn, String dhcid) {
    return Fixtures.ncr(
        ChangeType.ADD, ConflictResolutionMode.CHECK_WITH_DHCID, fqdn, "192.0.2.10", dhcid);
  }

  @Test
  void sameDhcid_waitsForTheRunningOne_otherClientsStartAtOnce() {
    UpdateManager m = new UpdateManager(10, 10);
    NameChangeRequest add = ncr("a.example.org.", Fixtures.DHCID_A);
    NameChangeRequest remove = ncr("a2.example.org.", Fixtures.DHCID_A);
    NameChangeRequest other = ncr("b.example.org.", Fixtures.DHCID_B);
    m.enqueue(add);
    m.enqueue(remove);
    m.enqueue(other);
    assertThat(m.takeEligible()).containsExactly(add, other);
    assertThat(m.takeEligible()).isEmpty();
    m.finished(add);
    assertThat(m.takeEligible()).containsExactly(remove);
  }

  @Test
  void sameFqdn_differentDhcid_isSerialisedToo() {
    UpdateManager m = new UpdateManager(10, 10);
    NameChangeRequest first = ncr("a.example.org.", Fixtures.DHCID_A);
    NameChangeRequest second = ncr("A.Example.ORG.", Fixtures.DHCID_B);
    m.enqueue(first);
    m.enqueue(second);
    assertThat(m.takeEligible()).containsExactly(first);
    m.finished(first);
    assertThat(m.takeEligible()).containsExactly(second);
  }

  @Test
  void concurrencyCap_andQueueCapacity() {
    UpdateManager m = new UpdateManager(2, 1);
    assertThat(m.enqueue(ncr("a.example.org.", Fixtures.DHCID_A))).isTrue();
    assertThat(m.enqueue(ncr("b.example.org.", Fixtures.DHCID_B))).isTrue();
    assertThat(m.enqueue(ncr("c.example.org.", Fixtures.DHCID_B))).isFalse();
    assertThat(m.takeEligible()).hasSize(1);
    assertThat(m.running()).isEqualTo(1);
    assertThat(m.queued()).isEqualTo(1);
  }

  @Test
  void finishingAnNcrThatIsNotRunning_isAnError() {
    UpdateManager m = new UpdateManager(2, 1);
    assertThatThrownBy(() -> m.finished(ncr("a.example.org.", Fixtures.DHCID_A)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("finished an NCR that was not running: " + Fixtures.DHCID_A);
  }

  @Test
  void ncrSkippedForABusyName_holdsBackTheSameClientsLaterNcrs() {
    // Client Y runs on f; client X's remove of f then add of g must stay in that order, or the
    // late remove would delete the PTR the add just wrote (same address).
    UpdateManager m = new UpdateManager(10, 10);
    NameChangeRequest yOnF = ncr("f.example.org.", Fixtures.DHCID_B);
    NameChangeRequest xRemovesF = ncr("f.example.org.", Fixtures.DHCID_A);
    NameChangeRequest xAddsG = ncr("g.example.org.", Fixtures.DHCID_A);
    m.enqueue(yOnF);
    assertThat(m.takeEligible()).containsExactly(yOnF);
    m.enqueue(xRemovesF);
    m.enqueue(xAddsG);
    assertThat(m.takeEligible()).isEmpty();
    m.finished(yOnF);
    assertThat(m.takeEligible()).containsExactly(xRemovesF);
    m.finished(xRemovesF);
    assertThat(m.takeEligible()).containsExactly(xAddsG);
  }

  @Test
  void ncrSkippedForABusyClient_holdsBackLaterNcrsForTheSameName() {
    UpdateManager m = new UpdateManager(10, 10);
    NameChangeRequest xOnA = ncr("a.example.org.", Fixtures.DHCID_A);
    NameChangeRequest xOnF = ncr("f.example.org.", Fixtures.DHCID_A);
    NameChangeRequest yOnF = ncr("f.example.org.", Fixtures.DHCID_B);
    m.enqueue(xOnA);
    assertThat(m.takeEligible()).containsExactly(xOnA);
    m.enqueue(xOnF);
    m.enqueue(yOnF);
    assertThat(m.takeEligible()).isEmpty();
  }

  @Test
  void parked_freesItsSlot_butHoldsItsDhcidAndName_thenRetriesBeforeTheQueue() {
    UpdateManager m = new UpdateManager(10, 1);
    NameChangeRequest down = ncr("down.example.org.", Fixtures.DHCID_A);
    NameChangeRequest sameClient = ncr("down2.example.org.", Fixtures.DHCID_A);
    NameChangeRequest sameName = ncr("down.example.org.", Fixtures.DHCID_B);
    NameChangeRequest other = ncr("up.example.org.", "000102030405060708");
    m.enqueue(down);
    m.enqueue(sameClient);
    m.enqueue(sameName);
    m.enqueue(other);
    assertThat(m.takeEligible()).containsExactly(down);

    m.park(down);
    assertThat(m.running()).isZero();
    assertThat(m.waitingForRetry()).isEqualTo(1);
    // The slot is free for another domain's NCR; the parked one's client and name stay blocked.
    assertThat(m.takeEligible()).containsExactly(other);
    m.finished(other);
    assertThat(m.takeEligible()).isEmpty();

    m.unpark(down);
    assertThat(m.waitingForRetry()).isEqualTo(1);
    assertThat(m.takeEligible()).containsExactly(down);
    assertThat(m.waitingForRetry()).isZero();
    m.finished(down);
    assertThat(m.takeEligible()).containsExactly(sameClient);
    m.finished(sameClient);
    assertThat(m.takeEligible()).containsExactly(sameName);
  }

  @Test
  void retryReady_waitsForAFreeSlot() {
    UpdateManager m = new UpdateManager(10, 1);
    NameChangeRequest down = ncr("down.example.org.", Fixtures.DHCID_A);
    NameChangeRequest other = ncr("up.example.org.", Fixtures.DHCID_B);
    m.enqueue(down);
    assertThat(m.takeEligible()).containsExactly(down);
    m.park(down);
    m.enqueue(other);
    assertThat(m.takeEligible()).containsExactly(other);
    m.unpark(down);
    assertThat(m.takeEligible()).isEmpty();
    m.finished(other);
    assertThat(m.takeEligible()).containsExactly(down);
  }

  @Test
  void parkOrUnpark_outOfTurn_isRejected() {
    UpdateManager m = new UpdateManager(10, 1);
    NameChangeRequest n = ncr("a.example.org.", Fixtures.DHCID_A);
    assertThatThrownBy(() -> m.park(n))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("parked an NCR that was not running: " + n.requestId());
    assertThatThrownBy(() -> m.unpark(n))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("unparked an NCR that was not parked: " + n.requestId());
  }

  @Test
  void resize_appliesToNewWork() {
    UpdateManager m = new UpdateManager(1, 1);
    m.enqueue(ncr("a.example.org.", Fixtures.DHCID_A));
    assertThat(m.enqueue(ncr("b.example.org.", Fixtures.DHCID_B))).isFalse();
    m.resize(2, 2);
    assertThat(m.enqueue(ncr("b.example.org.", Fixtures.DHCID_B))).isTrue();
    assertThat(m.takeEligible()).hasSize(2);
  }
}
