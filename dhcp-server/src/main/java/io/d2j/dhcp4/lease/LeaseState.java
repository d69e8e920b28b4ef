package io.d2j.dhcp4.lease;

/** Kea's {@code Lease::STATE_*} values as the lease file stores them (spec §5.4). */
public enum LeaseState {
  /** Assigned to a client. */
  DEFAULT(0),
  /** Declined by a client (address in use elsewhere); held for the probation period. */
  DECLINED(1),
  /** Expired and reclaimed (DNS removed); kept so a returning client gets the same address. */
  EXPIRED_RECLAIMED(2);

  private static final LeaseState[] ALL = values();

  private final int code;

  LeaseState(int code) {
    this.code = code;
  }

  /** The number in the {@code state} column. */
  public int code() {
    return code;
  }

  /**
   * The state numbered {@code code}.
   *
   * @throws IllegalArgumentException {@code state: 3 is not 0 (default), 1 (declined) or 2
   *     (expired-reclaimed)}
   */
  public static LeaseState fromCode(long code) {
    // ALL, not values(): values() copies the array, and leases are read per query.
    for (LeaseState s : ALL) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "state: " + code + " is not 0 (default), 1 (declined) or 2 (expired-reclaimed)");
  }
}
