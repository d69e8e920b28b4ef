package io.d2j.d2.transaction;

import static io.d2j.d2.transaction.Rcode.NOERROR;
import static io.d2j.d2.transaction.Rcode.NXDOMAIN;
import static io.d2j.d2.transaction.Rcode.NXRRSET;
import static io.d2j.d2.transaction.Rcode.YXDOMAIN;
import static io.d2j.d2.transaction.Rcode.YXRRSET;

/**
 * What an answered RCODE means in each step (d2-behaviour.md §7.5-§7.9). Any RCODE not handled here
 * fails the whole transaction at once: no failover, no retry (REFUSED, NOTAUTH, SERVFAIL…).
 */
final class Transitions {

  /** Where to go after an answer: another step of the same direction, or the direction is done. */
  sealed interface Next {
    record GoTo(Step step) implements Next {}

    record DirectionDone() implements Next {}

    record Rejected() implements Next {}
  }

  private static final Next DONE = new Next.DirectionDone();
  private static final Next REJECTED = new Next.Rejected();

  private Transitions() {}

  /**
   * @param ownAddressRemoved whether REMOVING_FWD_ADDRS answered NOERROR on this server: the NCR's
   *     DHCID guard held (check-exists: some DHCID held) and its address was deleted
   */
  static Next after(
      TransactionKind kind,
      Step step,
      int rcode,
      TransactionPolicy policy,
      boolean ownAddressRemoved) {
    return switch (step) {
      case ADDING_FWD_ADDRS ->
          switch (rcode) {
            case NOERROR -> DONE;
            // The name is in use: try to replace it if it is ours (or, check-exists, anyone's).
            case YXDOMAIN -> new Next.GoTo(Step.REPLACING_FWD_ADDRS);
            default -> REJECTED;
          };
      case REPLACING_FWD_ADDRS -> {
        if (rcode == NOERROR) {
          yield DONE;
        }
        // The name vanished between the two messages: add it afresh (RFC 4703 §5.3.2).
        if (rcode == NXDOMAIN && !kind.isSimple()) {
          yield new Next.GoTo(Step.ADDING_FWD_ADDRS);
        }
        // NXRRSET here means another client's DHCID holds the name: the add must fail.
        yield REJECTED;
      }
      case REPLACING_REV_PTRS -> rcode == NOERROR ? DONE : REJECTED;
      case REMOVING_FWD_ADDRS ->
          rcode == NOERROR || rcode == NXRRSET ? new Next.GoTo(Step.REMOVING_FWD_RRS) : REJECTED;
      case REMOVING_FWD_RRS -> {
        if (rcode == NOERROR || rcode == NXRRSET) {
          yield DONE;
        }
        // YXRRSET: addresses remain at the name. If this NCR's own address went in the step before,
        // they are the other family of a dual-stack client and the forward side is done. If not,
        // they are another client's (RFC 4703 prerequisites compare values last, RFC 2136 §3.2.5,
        // so "no A" fails before "DHCID = ours"), and reverse must not be touched (§7.6).
        if (rcode == YXRRSET && !kind.isSimple() && yxrrsetCompletes(policy, ownAddressRemoved)) {
          yield DONE;
        }
        yield REJECTED;
      }
      case REMOVING_REV_PTRS -> rcode == NOERROR || rcode == NXRRSET ? DONE : REJECTED;
    };
  }

  private static boolean yxrrsetCompletes(TransactionPolicy policy, boolean ownAddressRemoved) {
    return switch (policy.yxrrsetOnRemove()) {
      case SUCCEED_IF_OWNER -> ownAddressRemoved;
      case SUCCEED -> true;
      case FAIL -> false;
    };
  }

  /**
   * Whether exhausting the retries of {@code step} on one server may move on to the next server.
   * The remove kinds' second forward step may not: the addresses are already gone from that server.
   */
  static boolean mayFailOver(TransactionKind kind, Step step) {
    return !(step == Step.REMOVING_FWD_RRS && !kind.isSimple());
  }
}
