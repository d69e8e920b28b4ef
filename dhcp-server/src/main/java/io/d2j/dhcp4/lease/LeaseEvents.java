package io.d2j.dhcp4.lease;

/**
 * What happened to a lease, after the store holds the change: the hook where the DDNS layer will
 * queue NameChangeRequests (adds on allocation, removes on release, decline and reclamation) and HA
 * will send lease updates. Every method defaults to doing nothing; listeners run on the thread that
 * made the change and must not block.
 */
public interface LeaseEvents {

  /** A listener that ignores every event. */
  LeaseEvents NONE = new LeaseEvents() {};

  /** A client was given a new lease (DHCPACK to a REQUEST for an address it did not hold). */
  default void onAllocated(Lease4 lease) {}

  /**
   * A client's existing lease was extended (DHCPACK in RENEWING, REBINDING or INIT-REBOOT), or the
   * client moved to another address while its old lease still carried DNS names: then {@code
   * previous} is that old lease (another address) and the store has cleared its names.
   */
  default void onRenewed(Lease4 previous, Lease4 renewed) {}

  /** A client released its lease (DHCPRELEASE); the lease is gone from the store. */
  default void onReleased(Lease4 lease) {}

  /**
   * A client declined its address (DHCPDECLINE); {@code previous} is the lease before probation.
   */
  default void onDeclined(Lease4 previous) {}

  /**
   * An expired lease was reclaimed, by the reclamation timer or inline when another client takes
   * its address before the timer ran; {@code lease} is as it expired.
   */
  default void onReclaimed(Lease4 lease) {}
}
