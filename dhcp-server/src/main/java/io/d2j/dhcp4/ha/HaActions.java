package io.d2j.dhcp4.ha;

import java.util.Set;

/**
 * What the HA state machine asks its shell to do: the machine decides, the shell talks to the
 * partner and to the DHCP service. Each request that needs an answer gets it back through the
 * matching {@link HaStateMachine} method ({@code sendHeartbeat} → {@code heartbeatAnswered} or
 * {@code heartbeatFailed}, {@code startSync} → {@code syncDone}, ...). Called on the machine's
 * thread; implementations must not call back into the machine from inside these calls.
 */
public interface HaActions {

  /** Send {@code ha-heartbeat} to the partner. */
  void sendHeartbeat();

  /** Fetch the partner's leases (spec §6.10, with dhcp-disable/-enable around it). */
  void startSync();

  /** Send the lease updates held while in communication-recovery, in order. */
  void replayBacklog();

  /** Drop the held lease updates (leaving communication-recovery). */
  void clearBacklog();

  /** Send {@code ha-reset} to the partner. */
  void sendHaReset();

  /** Send {@code ha-maintenance-notify} with {@code cancel} to the partner. */
  void sendMaintenanceNotify(boolean cancel);

  /**
   * The partner's sync from this server is over: the DHCP service it disabled for the sync ({@code
   * dhcp-disable}, origin {@code ha-partner}) answers again (see {@link
   * HaStateMachine#partnerSyncComplete}).
   */
  void partnerSyncReleased();

  /**
   * What the DHCP service does from now on.
   *
   * @param state the state just entered
   * @param scopes the scopes served (peer names)
   * @param dhcpEnabled whether the local DHCP service answers at all
   * @param leaseUpdates whether committed leases go to the partner (else they are counted as
   *     unsent, or queued in communication-recovery)
   */
  void serve(HaState state, Set<String> scopes, boolean dhcpEnabled, boolean leaseUpdates);
}
