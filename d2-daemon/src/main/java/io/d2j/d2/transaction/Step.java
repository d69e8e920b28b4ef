package io.d2j.d2.transaction;

/**
 * The work states of RFC 4703 transactions, named as Kea names them. Each is one UPDATE message;
 * which prerequisites and updates it carries depends on the {@link TransactionKind}.
 */
public enum Step {
  ADDING_FWD_ADDRS(Direction.FORWARD, "Forward Add"),
  REPLACING_FWD_ADDRS(Direction.FORWARD, "Forward Replace"),
  REPLACING_REV_PTRS(Direction.REVERSE, "Reverse Replace"),
  REMOVING_FWD_ADDRS(Direction.FORWARD, "Forward A/AAAA Remove"),
  REMOVING_FWD_RRS(Direction.FORWARD, "Forward RR Remove"),
  REMOVING_REV_PTRS(Direction.REVERSE, "Reverse Remove");

  private final Direction direction;
  private final String label;

  Step(Direction direction, String label) {
    this.direction = direction;
    this.label = label;
  }

  public Direction direction() {
    return direction;
  }

  /** Kea's request label in DHCP_DDNS_UPDATE_REQUEST_SENT lines. */
  public String label() {
    return label;
  }
}
