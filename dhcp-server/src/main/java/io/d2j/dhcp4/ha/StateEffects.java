package io.d2j.dhcp4.ha;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What being in a state means for this server (spec §6.3): the scopes it serves, whether its DHCP
 * service answers, whether committed leases go to the partner, whether it exchanges heartbeats. A
 * function of the configuration and the state; {@link HaStateMachine} applies it on each entry.
 */
final class StateEffects {

  private static final Set<HaState> DHCP_ENABLED =
      EnumSet.of(
          HaState.COMMUNICATION_RECOVERY,
          HaState.LOAD_BALANCING,
          HaState.HOT_STANDBY,
          HaState.PARTNER_DOWN,
          HaState.PARTNER_IN_MAINTENANCE,
          HaState.PASSIVE_BACKUP,
          HaState.TERMINATED);

  private static final Set<HaState> LEASE_UPDATES =
      EnumSet.of(HaState.LOAD_BALANCING, HaState.HOT_STANDBY, HaState.PARTNER_IN_MAINTENANCE);

  private static final Set<HaState> NO_HEARTBEATS =
      EnumSet.of(HaState.TERMINATED, HaState.PASSIVE_BACKUP, HaState.BACKUP);

  private final HaConfig config;

  StateEffects(HaConfig config) {
    this.config = config;
  }

  /**
   * The scopes served in {@code state}. Partner-down takes over the partner's scope with {@code
   * auto-failover}, or when an operator's {@code ha-maintenance-start} found the partner gone.
   */
  Set<String> scopes(HaState state, boolean byMaintenance) {
    return switch (state) {
      case WAITING, SYNCING, READY, IN_MAINTENANCE, BACKUP, UNAVAILABLE -> Set.of();
      case PARTNER_IN_MAINTENANCE -> failoverScopes();
      case PARTNER_DOWN ->
          byMaintenance || config.thisServer().autoFailover() ? failoverScopes() : defaultScopes();
      case LOAD_BALANCING, HOT_STANDBY, COMMUNICATION_RECOVERY, PASSIVE_BACKUP, TERMINATED ->
          defaultScopes();
    };
  }

  boolean dhcpEnabled(HaState state) {
    return DHCP_ENABLED.contains(state);
  }

  /** Whether committed leases are sent to the partner (in communication-recovery they queue). */
  boolean leaseUpdates(HaState state) {
    return config.sendLeaseUpdates() && LEASE_UPDATES.contains(state);
  }

  /** Whether heartbeats go to the partner in {@code state}; never for backups or passive-backup. */
  boolean heartbeats(HaState state) {
    return config.mode() != HaMode.PASSIVE_BACKUP
        && config.role() != HaRole.BACKUP
        && !NO_HEARTBEATS.contains(state);
  }

  /**
   * Load-balancing: the own scope; hot-standby and passive-backup: the primary's, on the primary.
   */
  private Set<String> defaultScopes() {
    return config.role() == HaRole.PRIMARY
            || (config.mode() == HaMode.LOAD_BALANCING && config.role() == HaRole.SECONDARY)
        ? Set.of(config.thisServerName())
        : Set.of();
  }

  private Set<String> failoverScopes() {
    Set<String> all = new LinkedHashSet<>();
    config.activeServers().forEach(p -> all.add(p.name()));
    return Set.copyOf(all);
  }
}
