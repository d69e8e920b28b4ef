package io.d2j.d2.transaction;

import java.util.Objects;

/**
 * Settings that change what a transaction does, each an explicit choice. Where Kea's releases
 * disagree and both leave records that do not belong (d2-behaviour.md §7.6), the default is d2j's
 * own rule and each Kea rule stays selectable.
 *
 * @param yxrrsetOnRemove what YXRRSET in "remove remaining forward RRs" means
 * @param triesPerServer attempts per step per server before failing over (Kea: 3)
 * @param maxStepChanges bound on add/replace ping-pong when a name keeps appearing and vanishing
 *     (Kea has none)
 */
public record TransactionPolicy(
    YxrrsetRule yxrrsetOnRemove, int triesPerServer, int maxStepChanges) {

  public static final TransactionPolicy DEFAULT =
      new TransactionPolicy(YxrrsetRule.SUCCEED_IF_OWNER, 3, 8);

  /**
   * YXRRSET in REMOVING_FWD_RRS: the prerequisites "no A, no AAAA" failed, so addresses remain at
   * the name. Whose they are depends on what the step before answered.
   */
  public enum YxrrsetRule {
    /**
     * d2j: the forward side is done only when REMOVING_FWD_ADDRS answered NOERROR (this NCR's DHCID
     * matched and its address was removed: a dual-stack client whose other address remains). After
     * NXRRSET there (the name belongs to someone else) the transaction fails and the reverse zone
     * is left alone.
     */
    SUCCEED_IF_OWNER,
    /** Kea after 3.3.0 (#4437): always done, even when the remaining addresses are another's. */
    SUCCEED,
    /** Kea 2.2 through 3.3.0: always fails, which orphans the PTR of a dual-stack client. */
    FAIL
  }

  public TransactionPolicy {
    Objects.requireNonNull(yxrrsetOnRemove, "yxrrsetOnRemove");
    if (triesPerServer < 1) {
      throw new IllegalArgumentException("triesPerServer: must be >= 1, got " + triesPerServer);
    }
    if (maxStepChanges < 1) {
      throw new IllegalArgumentException("maxStepChanges: must be >= 1, got " + maxStepChanges);
    }
  }
}
