package io.d2j.d2.transaction;

import static io.d2j.d2.Fixtures.domain;
import static io.d2j.d2.transaction.Rcode.NOERROR;
import static io.d2j.d2.transaction.Rcode.NXDOMAIN;
import static io.d2j.d2.transaction.Rcode.NXRRSET;
import static io.d2j.d2.transaction.Rcode.REFUSED;
import static io.d2j.d2.transaction.Rcode.YXDOMAIN;
import static io.d2j.d2.transaction.Rcode.YXRRSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.d2.Fixtures;
import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.transaction.TransactionResult.DirectionStatus;
import io.d2j.d2.transaction.TransactionResult.Status;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.NameChangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionTest {

  private static final DdnsDomain FWD = domain("example.org.", "192.0.2.53", "192.0.2.54");
  private static final DdnsDomain REV = domain("2.0.192.in-addr.arpa.", "192.0.2.55");
  private static final UpdateOutcome TIMEOUT = new UpdateOutcome.TimedOut();

  private static UpdateOutcome answer(int rcode) {
    return new UpdateOutcome.Answered(rcode);
  }

  private static Transaction tx(NameChangeRequest ncr, TransactionPolicy policy) {
    return new Transaction(ncr, Optional.of(FWD), Optional.of(REV), policy);
  }

  private static Transaction tx(NameChangeRequest ncr) {
    return tx(ncr, TransactionPolicy.DEFAULT);
  }

  /** Sends a scripted sequence of answers; returns the steps asked for and the final action. */
  private static List<String> run(Transaction t, UpdateOutcome... outcomes) {
    List<String> trace = new ArrayList<>();
    Action a = t.start();
    for (UpdateOutcome o : outcomes) {
      Action.Send s = (Action.Send) a;
      trace.add(s.step() + "@" + s.server().label() + "#" + s.attempt());
      a = t.onOutcome(o);
    }
    trace.add(a instanceof Action.Finished f ? "END " + f.result().status() : "WAITING");
    return trace;
  }

  @Test
  void nameAdd_freshName_addsForwardThenReplacesReverse() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, answer(NOERROR), answer(NOERROR)))
        .containsExactly(
            "ADDING_FWD_ADDRS@192.0.2.53:53#1",
            "REPLACING_REV_PTRS@192.0.2.55:53#1",
            "END COMPLETED");
    TransactionResult r = t.result().orElseThrow();
    assertThat(r.forward()).isEqualTo(DirectionStatus.COMPLETED);
    assertThat(r.reverse()).isEqualTo(DirectionStatus.COMPLETED);
    assertThat(r.event()).isEqualTo(TransactionEvent.UPDATE_OK_EVT);
  }

  @Test
  void addingFwdAddrs_yxdomain_movesToReplacingFwdAddrs() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, answer(YXDOMAIN), answer(NOERROR), answer(NOERROR)))
        .containsExactly(
            "ADDING_FWD_ADDRS@192.0.2.53:53#1",
            "REPLACING_FWD_ADDRS@192.0.2.53:53#1",
            "REPLACING_REV_PTRS@192.0.2.55:53#1",
            "END COMPLETED");
  }

  @Test
  void replacingFwdAddrs_nxrrset_failsAndSkipsReverse() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, answer(YXDOMAIN), answer(NXRRSET)))
        .containsExactly(
            "ADDING_FWD_ADDRS@192.0.2.53:53#1",
            "REPLACING_FWD_ADDRS@192.0.2.53:53#1",
            "END FAILED");
    TransactionResult r = t.result().orElseThrow();
    assertThat(r.forward()).isEqualTo(DirectionStatus.FAILED);
    assertThat(r.reverse()).isEqualTo(DirectionStatus.NOT_ATTEMPTED);
    assertThat(r.detail()).isEqualTo("REPLACING_FWD_ADDRS rejected by 192.0.2.53:53: NXRRSET");
  }

  @Test
  void replacingFwdAddrs_nxdomain_goesBackToAdding() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, answer(YXDOMAIN), answer(NXDOMAIN), answer(NOERROR), answer(NOERROR)))
        .containsExactly(
            "ADDING_FWD_ADDRS@192.0.2.53:53#1",
            "REPLACING_FWD_ADDRS@192.0.2.53:53#1",
            "ADDING_FWD_ADDRS@192.0.2.53:53#1",
            "REPLACING_REV_PTRS@192.0.2.55:53#1",
            "END COMPLETED");
  }

  @Test
  void addReplacePingPong_isBounded() {
    Transaction t =
        tx(
            Fixtures.add("h1.example.org.", "192.0.2.10"),
            new TransactionPolicy(TransactionPolicy.YxrrsetRule.SUCCEED_IF_OWNER, 3, 2));
    assertThat(run(t, answer(YXDOMAIN), answer(NXDOMAIN), answer(YXDOMAIN))).endsWith("END FAILED");
    assertThat(t.result().orElseThrow().detail())
        .isEqualTo("ADDING_FWD_ADDRS answered YXDOMAIN after 2 step changes; giving up");
  }

  @Test
  void timeouts_retryThreeTimesThenFailOverAndRestartTheDirection() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    assertThat(
            run(t, answer(YXDOMAIN), TIMEOUT, TIMEOUT, TIMEOUT, answer(NOERROR), answer(NOERROR)))
        .containsExactly(
            "ADDING_FWD_ADDRS@192.0.2.53:53#1",
            "REPLACING_FWD_ADDRS@192.0.2.53:53#1",
            "REPLACING_FWD_ADDRS@192.0.2.53:53#2",
            "REPLACING_FWD_ADDRS@192.0.2.53:53#3",
            // the next server starts the forward side over, from the add
            "ADDING_FWD_ADDRS@192.0.2.54:53#1",
            "REPLACING_REV_PTRS@192.0.2.55:53#1",
            "END COMPLETED");
  }

  @Test
  void everyServerSilent_failsWithNoMoreServers() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    UpdateOutcome io = new UpdateOutcome.IoFailed("port unreachable");
    UpdateOutcome bad = new UpdateOutcome.BadResponse("BADSIG: signature did not verify");
    assertThat(run(t, TIMEOUT, io, bad, TIMEOUT, TIMEOUT, TIMEOUT)).endsWith("END FAILED");
    TransactionResult r = t.result().orElseThrow();
    assertThat(r.event()).isEqualTo(TransactionEvent.NO_MORE_SERVERS_EVT);
    assertThat(r.detail())
        .isEqualTo("ADDING_FWD_ADDRS on 192.0.2.54:53 failed 3 times: timed out; no more servers");
  }

  @Test
  void everyServerSilent_endsUnreachable_inTheForwardDomain() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    assertThat(t.currentDomain()).isEmpty();
    run(t, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT);
    assertThat(t.endedUnreachable()).isTrue();
    assertThat(t.currentDomain()).contains(FWD);
  }

  @Test
  void lastServerAnsweringUnusably_isNotUnreachable() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    UpdateOutcome bad = new UpdateOutcome.BadResponse("BADSIG: signature did not verify");
    run(t, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT, bad);
    assertThat(t.result().orElseThrow().event()).isEqualTo(TransactionEvent.NO_MORE_SERVERS_EVT);
    assertThat(t.endedUnreachable()).isFalse();
  }

  @Test
  void answeredFailure_isNotUnreachable() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    run(t, TIMEOUT, answer(REFUSED));
    assertThat(t.endedUnreachable()).isFalse();
  }

  @Test
  void hardRcode_failsAtOnceWithoutFailover() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, answer(REFUSED)))
        .containsExactly("ADDING_FWD_ADDRS@192.0.2.53:53#1", "END FAILED");
  }

  @Test
  void reverseFailure_keepsForwardCompleted() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    run(t, answer(NOERROR), answer(Rcode.SERVFAIL));
    TransactionResult r = t.result().orElseThrow();
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.forward()).isEqualTo(DirectionStatus.COMPLETED);
    assertThat(r.reverse()).isEqualTo(DirectionStatus.FAILED);
  }

  @Test
  void nameRemove_toleratesNxrrsetInBothForwardSteps() {
    Transaction t = tx(Fixtures.remove("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, answer(NXRRSET), answer(NXRRSET), answer(NOERROR)))
        .containsExactly(
            "REMOVING_FWD_ADDRS@192.0.2.53:53#1",
            "REMOVING_FWD_RRS@192.0.2.53:53#1",
            "REMOVING_REV_PTRS@192.0.2.55:53#1",
            "END COMPLETED");
  }

  @Test
  void removingFwdRrs_yxrrsetAfterOwnAddressRemoved_completesForwardByDefault() {
    Transaction t = tx(Fixtures.remove("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, answer(NOERROR), answer(YXRRSET), answer(NOERROR)))
        .containsExactly(
            "REMOVING_FWD_ADDRS@192.0.2.53:53#1",
            "REMOVING_FWD_RRS@192.0.2.53:53#1",
            "REMOVING_REV_PTRS@192.0.2.55:53#1",
            "END COMPLETED");
  }

  @Test
  void removingFwdRrs_yxrrsetAfterForeignDhcid_failsAndLeavesReverseAlone() {
    Transaction t = tx(Fixtures.remove("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, answer(NXRRSET), answer(YXRRSET)))
        .containsExactly(
            "REMOVING_FWD_ADDRS@192.0.2.53:53#1", "REMOVING_FWD_RRS@192.0.2.53:53#1", "END FAILED");
    TransactionResult r = t.result().orElseThrow();
    assertThat(r.forward()).isEqualTo(DirectionStatus.FAILED);
    assertThat(r.reverse()).isEqualTo(DirectionStatus.NOT_ATTEMPTED);
    assertThat(r.detail())
        .isEqualTo(
            "REMOVING_FWD_RRS rejected by 192.0.2.53:53: YXRRSET (the addresses left at the name"
                + " are not this client's; reverse not touched)");
  }

  @Test
  void checkExistsRemove_yxrrsetAfterNoDhcidAtAll_failsAndLeavesReverseAlone() {
    Transaction t =
        tx(
            Fixtures.ncr(
                ChangeType.REMOVE,
                ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID,
                "static.example.org.",
                "192.0.2.200",
                Fixtures.DHCID_A));
    assertThat(run(t, answer(NXRRSET), answer(YXRRSET))).endsWith("END FAILED");
  }

  @Test
  void removingFwdRrs_ownerMatchIsJudgedPerServer_afterFailover() {
    // Server 1 removes the address, then times out on step 2 three times: no failover for this
    // step, the transaction fails (the address is gone from that server).
    Transaction t = tx(Fixtures.remove("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, TIMEOUT, TIMEOUT, TIMEOUT, answer(NXRRSET), answer(YXRRSET)))
        .containsExactly(
            "REMOVING_FWD_ADDRS@192.0.2.53:53#1",
            "REMOVING_FWD_ADDRS@192.0.2.53:53#2",
            "REMOVING_FWD_ADDRS@192.0.2.53:53#3",
            "REMOVING_FWD_ADDRS@192.0.2.54:53#1",
            "REMOVING_FWD_RRS@192.0.2.54:53#1",
            "END FAILED");
  }

  @Test
  void removingFwdRrs_yxrrset_completesEvenForAForeignNameUnderTheNewKeaRule() {
    Transaction t =
        tx(
            Fixtures.remove("h1.example.org.", "192.0.2.10"),
            new TransactionPolicy(TransactionPolicy.YxrrsetRule.SUCCEED, 3, 8));
    assertThat(run(t, answer(NXRRSET), answer(YXRRSET), answer(NOERROR))).endsWith("END COMPLETED");
  }

  @Test
  void removingFwdRrs_yxrrset_failsUnderTheKea22Rule() {
    Transaction t =
        tx(
            Fixtures.remove("h1.example.org.", "192.0.2.10"),
            new TransactionPolicy(TransactionPolicy.YxrrsetRule.FAIL, 3, 8));
    assertThat(run(t, answer(NOERROR), answer(YXRRSET)))
        .containsExactly(
            "REMOVING_FWD_ADDRS@192.0.2.53:53#1", "REMOVING_FWD_RRS@192.0.2.53:53#1", "END FAILED");
  }

  @Test
  void removingFwdRrs_exhaustedRetries_failsWithoutFailover() {
    Transaction t = tx(Fixtures.remove("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, answer(NOERROR), TIMEOUT, TIMEOUT, TIMEOUT)).endsWith("END FAILED");
    assertThat(t.result().orElseThrow().event()).isEqualTo(TransactionEvent.UPDATE_FAILED_EVT);
  }

  @Test
  void forwardOnly_endsAfterForward() {
    Transaction t =
        new Transaction(
            Fixtures.add("h1.example.org.", "192.0.2.10"),
            Optional.of(FWD),
            Optional.empty(),
            TransactionPolicy.DEFAULT);
    assertThat(run(t, answer(NOERROR)))
        .containsExactly("ADDING_FWD_ADDRS@192.0.2.53:53#1", "END COMPLETED");
    assertThat(t.result().orElseThrow().reverse()).isEqualTo(DirectionStatus.NOT_REQUESTED);
  }

  @Test
  void reverseOnly_startsWithReverse() {
    Transaction t =
        new Transaction(
            Fixtures.remove("h1.example.org.", "192.0.2.10"),
            Optional.empty(),
            Optional.of(REV),
            TransactionPolicy.DEFAULT);
    assertThat(run(t, answer(NOERROR)))
        .containsExactly("REMOVING_REV_PTRS@192.0.2.55:53#1", "END COMPLETED");
  }

  @Test
  void outcomeAfterTheEnd_isRejectedLoudly() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    run(t, answer(REFUSED));
    assertThatThrownBy(() -> t.onOutcome(answer(NOERROR)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("outcome NOERROR for transaction " + Fixtures.DHCID_A + " that is not running");
  }

  static Stream<Arguments> happyPaths() {
    return Stream.of(
        Arguments.of(
            ChangeType.ADD,
            ConflictResolutionMode.CHECK_WITH_DHCID,
            "ADDING_FWD_ADDRS,REPLACING_REV_PTRS"),
        Arguments.of(
            ChangeType.ADD,
            ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID,
            "ADDING_FWD_ADDRS,REPLACING_REV_PTRS"),
        Arguments.of(
            ChangeType.ADD,
            ConflictResolutionMode.NO_CHECK_WITH_DHCID,
            "REPLACING_FWD_ADDRS,REPLACING_REV_PTRS"),
        Arguments.of(
            ChangeType.ADD,
            ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID,
            "REPLACING_FWD_ADDRS,REPLACING_REV_PTRS"),
        Arguments.of(
            ChangeType.REMOVE,
            ConflictResolutionMode.CHECK_WITH_DHCID,
            "REMOVING_FWD_ADDRS,REMOVING_FWD_RRS,REMOVING_REV_PTRS"),
        Arguments.of(
            ChangeType.REMOVE,
            ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID,
            "REMOVING_FWD_ADDRS,REMOVING_FWD_RRS,REMOVING_REV_PTRS"),
        Arguments.of(
            ChangeType.REMOVE,
            ConflictResolutionMode.NO_CHECK_WITH_DHCID,
            "REMOVING_FWD_RRS,REMOVING_REV_PTRS"),
        Arguments.of(
            ChangeType.REMOVE,
            ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID,
            "REMOVING_FWD_RRS,REMOVING_REV_PTRS"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("happyPaths")
  void allNoerror_walksTheKindsSteps(ChangeType type, ConflictResolutionMode mode, String steps) {
    Transaction t = tx(Fixtures.ncr(type, mode, "h1.example.org.", "192.0.2.10", Fixtures.DHCID_A));
    List<String> seen = new ArrayList<>();
    Action a = t.start();
    while (a instanceof Action.Send s) {
      seen.add(s.step().name());
      a = t.onOutcome(answer(NOERROR));
    }
    assertThat(String.join(",", seen)).isEqualTo(steps);
    assertThat(((Action.Finished) a).result().succeeded()).isTrue();
  }

  @Test
  void simpleAdd_nxdomainOnReplace_isARejection() {
    Transaction t =
        tx(
            Fixtures.ncr(
                ChangeType.ADD,
                ConflictResolutionMode.NO_CHECK_WITH_DHCID,
                "h1.example.org.",
                "192.0.2.10",
                Fixtures.DHCID_A));
    assertThat(run(t, answer(NXDOMAIN)))
        .containsExactly("REPLACING_FWD_ADDRS@192.0.2.53:53#1", "END FAILED");
  }

  @Test
  void updateThatCannotBeBuilt_failsAtOnceWithoutRetry() {
    Transaction t = tx(Fixtures.add("h1.example.org.", "192.0.2.10"));
    assertThat(run(t, new UpdateOutcome.NotBuilt("InvalidTTLException: 3000000000")))
        .containsExactly("ADDING_FWD_ADDRS@192.0.2.53:53#1", "END FAILED");
    assertThat(t.result().orElseThrow().detail())
        .isEqualTo("ADDING_FWD_ADDRS could not be built: InvalidTTLException: 3000000000");
  }
}
