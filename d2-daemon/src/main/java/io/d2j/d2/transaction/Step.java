package io.d2j.d2.transaction;

/**
 * The work states of RFC 4703 transactions, named as Kea names them. Each is one UPDATE message;
 * which prerequisites and updates it carries depends on the {@link TransactionKind}.
 */
public enum Step {
  ADDING_FWD_ADDRS(Direction.FORWARD, "FORWARD_ADD", "Forward Add"),
  REPLACING_FWD_ADDRS(Direction.FORWARD, "FORWARD_REPLACE", "Forward Replace"),
  REPLACING_REV_PTRS(Direction.REVERSE, "REVERSE_REPLACE", "Reverse Replace"),
  REMOVING_FWD_ADDRS(Direction.FORWARD, "FORWARD_REMOVE_ADDRS", "Forward A/AAAA Remove"),
  REMOVING_FWD_RRS(Direction.FORWARD, "FORWARD_REMOVE_RRS", "Forward RR Remove"),
  REMOVING_REV_PTRS(Direction.REVERSE, "REVERSE_REMOVE", "Reverse Remove");

  private final Direction direction;
  private final String logId;
  private final String label;

  Step(Direction direction, String logId, String label) {
    this.direction = direction;
    this.logId = logId;
    this.label = label;
  }

  public Direction direction() {
    return direction;
  }

  /** The middle of Kea's per-step log ids: DHCP_DDNS_{logId}_REJECTED and friends. */
  public String logId() {
    return logId;
  }

  /** Kea's request label in DHCP_DDNS_UPDATE_REQUEST_SENT lines. */
  public String label() {
    return label;
  }
}
