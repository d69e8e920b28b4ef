package io.d2j.d2.transaction;

/**
 * Settings that change what a transaction does, each an explicit choice with Kea's newest behaviour
 * as the default.
 *
 * @param yxrrsetOnRemoveSucceeds YXRRSET in "remove remaining forward RRs" completes the forward
 *     side (Kea after 3.3.0, #4437) instead of failing and orphaning the PTR (Kea 2.2-3.3.0)
 * @param triesPerServer attempts per step per server before failing over (Kea: 3)
 * @param maxStepChanges bound on add/replace ping-pong when a name keeps appearing and vanishing
 *     (Kea has none)
 */
public record TransactionPolicy(
    boolean yxrrsetOnRemoveSucceeds, int triesPerServer, int maxStepChanges) {

  public static final TransactionPolicy DEFAULT = new TransactionPolicy(true, 3, 8);

  public TransactionPolicy {
    if (triesPerServer < 1) {
      throw new IllegalArgumentException("triesPerServer: must be >= 1, got " + triesPerServer);
    }
    if (maxStepChanges < 1) {
      throw new IllegalArgumentException("maxStepChanges: must be >= 1, got " + maxStepChanges);
    }
  }
}
