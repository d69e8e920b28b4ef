package io.d2j.dhcp4.lease;

/**
 * What happened to a lease, once the change is durable: the hook where the DDNS layer queues
 * NameChangeRequests (adds on allocation, removes on release, decline and reclamation) and HA will
 * send lease updates. The packet thread holds its batch's events until the batch's one sync
 * succeeded (and drops them when it failed), so no listener ever hears of a lease a crash would
 * lose. Every method defaults to doing nothing; listeners must not block.
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
