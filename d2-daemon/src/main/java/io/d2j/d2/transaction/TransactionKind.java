package io.d2j.d2.transaction;

import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;

/**
 * The eight transaction kinds: add or remove, times the four conflict-resolution modes. Each kind
 * names the first step per direction; the RCODE transitions live in {@link Transitions}.
 */
public enum TransactionKind {
  /** check-with-dhcid add, RFC 4703 §5.3 (Kea NameAddTransaction). */
  NAME_ADD(true, true, Step.ADDING_FWD_ADDRS, Step.REPLACING_REV_PTRS),
  /** check-with-dhcid remove, RFC 4703 §5.5 (Kea NameRemoveTransaction). */
  NAME_REMOVE(false, true, Step.REMOVING_FWD_ADDRS, Step.REMOVING_REV_PTRS),
  /** check-exists-with-dhcid add: any DHCID owner may be replaced, static names are protected. */
  CHECK_EXISTS_ADD(true, true, Step.ADDING_FWD_ADDRS, Step.REPLACING_REV_PTRS),
  CHECK_EXISTS_REMOVE(false, true, Step.REMOVING_FWD_ADDRS, Step.REMOVING_REV_PTRS),
  /** no-check-with-dhcid: no prerequisites, replace outright. */
  SIMPLE_ADD(true, true, Step.REPLACING_FWD_ADDRS, Step.REPLACING_REV_PTRS),
  SIMPLE_REMOVE(false, true, Step.REMOVING_FWD_RRS, Step.REMOVING_REV_PTRS),
  /** no-check-without-dhcid: as the simple kinds, and no DHCID RR is ever touched. */
  SIMPLE_ADD_WITHOUT_DHCID(true, false, Step.REPLACING_FWD_ADDRS, Step.REPLACING_REV_PTRS),
  SIMPLE_REMOVE_WITHOUT_DHCID(false, false, Step.REMOVING_FWD_RRS, Step.REMOVING_REV_PTRS);

  private final boolean add;
  private final boolean usesDhcid;
  private final Step firstForward;
  private final Step firstReverse;

  TransactionKind(boolean add, boolean usesDhcid, Step firstForward, Step firstReverse) {
    this.add = add;
    this.usesDhcid = usesDhcid;
    this.firstForward = firstForward;
    this.firstReverse = firstReverse;
  }

  public static TransactionKind of(ChangeType type, ConflictResolutionMode mode) {
    boolean add = type == ChangeType.ADD;
    return switch (mode) {
      case CHECK_WITH_DHCID -> add ? NAME_ADD : NAME_REMOVE;
      case NO_CHECK_WITH_DHCID -> add ? SIMPLE_ADD : SIMPLE_REMOVE;
      case CHECK_EXISTS_WITH_DHCID -> add ? CHECK_EXISTS_ADD : CHECK_EXISTS_REMOVE;
      case NO_CHECK_WITHOUT_DHCID -> add ? SIMPLE_ADD_WITHOUT_DHCID : SIMPLE_REMOVE_WITHOUT_DHCID;
    };
  }

  public boolean isAdd() {
    return add;
  }

  public boolean usesDhcid() {
    return usesDhcid;
  }

  public Step firstStep(Direction direction) {
    return direction == Direction.FORWARD ? firstForward : firstReverse;
  }

  /** True for the "simple" kinds, whose only forward step is a blind replace or delete. */
  public boolean isSimple() {
    return this == SIMPLE_ADD
        || this == SIMPLE_REMOVE
        || this == SIMPLE_ADD_WITHOUT_DHCID
        || this == SIMPLE_REMOVE_WITHOUT_DHCID;
  }
}
