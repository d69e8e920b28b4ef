package io.d2j.dhcp4.ha;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keacontrol.time.Scheduler;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The HA state machine of one server (spec §6.3–§6.4): it decides which state the server is in,
 * which scopes it serves and whether its DHCP service answers, from the partner's heartbeats, the
 * outcome of what it asked the shell to do ({@link HaActions}) and the operators' commands. It does
 * no I/O; its only timer, the heartbeat, goes through the injected {@link Scheduler}, and the time
 * through the {@link CommunicationState}'s clock, so it runs on virtual time in tests.
 *
 * <p>After every input the machine runs: the current state's handler picks the next state, which is
 * entered (its scopes and service applied, a configured pause taken) and handled in turn, until a
 * handler stays. While it waits for a sync, a backlog replay, an {@code ha-reset} or a maintenance
 * answer, it does not move.
 *
 * <p>Confined to the scheduler's thread: every method is called there.
 */
public final class HaStateMachine {

  /** What a command the machine handles itself answered. */
  public enum CommandResult {
    /** Done (or started: its outcome follows through the shell). */
    OK,
    /** Nothing to do (ha-reset in waiting, ha-continue when not paused). */
    NO_CHANGE,
    /** Refused in this state (maintenance commands; answered with 1001 to a partner). */
    NOT_ALLOWED
  }

  /** What the partner answered to {@code ha-maintenance-notify}. */
  public enum NotifyOutcome {
    ACCEPTED,
    /** Result 1001: the partner is in a state that does not allow it. */
    REFUSED,
    /** No answer, or an error result. */
    FAILED
  }

  private enum Pending {
    NONE,
    SYNC,
    REPLAY,
    RESET,
    MAINTENANCE_START,
    MAINTENANCE_CANCEL
  }

  /**
   * States whose entry forgets the clients whose updates the partner rejected: the servers start
   * over with each other (a sync, or one of them serving alone), as in Kea.
   */
  private static final Set<HaState> REJECTS_FORGOTTEN_ON_ENTRY =
      EnumSet.of(
          HaState.WAITING,
          HaState.SYNCING,
          HaState.READY,
          HaState.PARTNER_DOWN,
          HaState.TERMINATED);

  /** A handler bounces at most this often in one run; more is a bug in the table. */
  private static final int MAX_TRANSITIONS_PER_RUN = 16;

  private final HaConfig config;
  private final Scheduler scheduler;
  private final HaActions actions;
  private final CommunicationState comm;
  private final StateEffects effects;
  private final Set<HaState> pausedOnce = EnumSet.noneOf(HaState.class);

  private HaState state;
  private HaState beforeMaintenance = HaState.WAITING;
  private boolean paused;
  private boolean maintenanceCancelled;
  private boolean enteredByMaintenance;
  private boolean backlogOverflowed;
  private boolean partnerSyncedHeld;
  private Pending pending = Pending.NONE;
  private Set<String> scopes = Set.of();
  private boolean dhcpEnabled = true;
  private long unsentUpdates;
  private boolean heartbeatInFlight;
  private Scheduler.Timer heartbeatTimer;

  public HaStateMachine(
      HaConfig config, CommunicationState comm, Scheduler scheduler, HaActions actions) {
    this.config = Objects.requireNonNull(config, "config");
    this.comm = Objects.requireNonNull(comm, "comm");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.effects = new StateEffects(config);
  }

  /**
   * Enters {@code waiting} (every server starts there) and runs. The partner's silence counts from
   * when the first heartbeat went out ({@link CommunicationState#serviceStarted}): not from when
   * the server was built, or a slow start-up (seconds on a loaded host, the first request's set-up
   * included) alone sent it to partner-down before its partner could answer.
   */
  public void start() {
    if (state != null) {
      throw new IllegalStateException("already started, in " + state.wire());
    }
    Dhcp4Log.HA_SERVICE_STARTED.log(config.mode().wire(), config.role().wire());
    enter(HaState.WAITING);
    if (heartbeats() && (config.heartbeatDelay().toMillis() > 0)) {
      // The first heartbeat goes out at once: the partner learns of this server without delay.
      sendHeartbeat();
    }
    comm.serviceStarted();
    run();
  }

  /**
   * Starts in {@code prepared} without running, as if the machine had just entered it: for tests of
   * one state's handler (STYLE #11).
   */
  void startIn(HaState prepared) {
    if (state != null) {
      throw new IllegalStateException("already started, in " + state.wire());
    }
    enter(prepared);
  }

  // ---- inputs from the shell -------------------------------------------------------------------

  /** The partner answered {@code ha-heartbeat}. */
  public void heartbeatAnswered(CommunicationState.Heartbeat answer) {
    heartbeatInFlight = false;
    comm.heartbeatAnswered(answer);
    afterInput();
    releasePartnerSync(false);
    scheduleHeartbeat();
  }

  /** {@code ha-heartbeat} failed (no answer, HTTP error, error result, unparsable answer). */
  public void heartbeatFailed() {
    heartbeatInFlight = false;
    comm.partnerUnavailable();
    afterInput();
    releasePartnerSync(true);
    scheduleHeartbeat();
  }

  /**
   * The partner has synced its leases from this server and says so ({@code
   * ha-sync-complete-notify}): the service it disabled for the sync may answer again. Not yet in
   * partner-down, where this server sends no lease updates: a lease granted between the partner's
   * last page and this server leaving partner-down would never reach the partner, which serves its
   * scope with its own pool again moments later and hands the same address to another client. So in
   * partner-down the release waits for the next heartbeat: the partner answers as ready (this
   * server leaves partner-down, lease updates on, then the service answers) or it does not answer
   * (it is gone again; this server serves alone, as before). As Kea 2.2's HA hook does.
   */
  public void partnerSyncComplete() {
    if (state == HaState.PARTNER_DOWN) {
      partnerSyncedHeld = true;
    } else {
      actions.partnerSyncReleased();
    }
  }

  private void releasePartnerSync(boolean heartbeatFailed) {
    if (partnerSyncedHeld && (heartbeatFailed || state != HaState.PARTNER_DOWN)) {
      partnerSyncedHeld = false;
      actions.partnerSyncReleased();
    }
  }

  /** A lease update to the partner failed: it counts as unavailable at once. */
  public void leaseUpdateFailed() {
    comm.partnerUnavailable();
    afterInput();
  }

  /**
   * The partner rejected a lease update of this client (result 4: the lease conflicts with its
   * configuration or its database). The partner is not unavailable, it answered; but past {@code
   * max-rejected-lease-updates} distinct clients the servers disagree too much to go on, and this
   * one terminates.
   */
  public void leaseUpdateRejected(Octets hardwareAddress, Octets clientId) {
    comm.leaseUpdateRejected(hardwareAddress, clientId);
    afterInput();
  }

  /** The partner accepted a lease update of this client: an earlier rejection no longer counts. */
  public void leaseUpdateAccepted(Octets hardwareAddress, Octets clientId) {
    comm.leaseUpdateAccepted(hardwareAddress, clientId);
  }

  /** A batch of lease updates finished (Kea runs the machine then, too). */
  public void leaseUpdatesComplete() {
    afterInput();
  }

  /** A committed lease was not sent to the partner (partner-down): reported in heartbeats. */
  public void leaseUpdateNotSent() {
    unsentUpdates++;
  }

  /** The communication-recovery backlog went past {@code delayed-updates-limit}. */
  public void backlogOverflowed() {
    backlogOverflowed = true;
  }

  /**
   * A query this server does not answer: while communication is interrupted it is evidence of the
   * partner's health (spec §6.11).
   */
  public void notInScope(DhcpPacket query) {
    if (comm.interrupted()) {
      comm.analyze(query);
    }
  }

  /** The sync asked for by {@link HaActions#startSync} ended. */
  public void syncDone(boolean success) {
    expect(Pending.SYNC);
    pending = Pending.NONE;
    if (success && state == HaState.SYNCING) {
      transition(HaState.READY);
      run();
    }
    // After a failure the next heartbeat runs the machine again, and so the sync.
    scheduleHeartbeat();
  }

  /** The backlog replay asked for by {@link HaActions#replayBacklog} ended. */
  public void backlogReplayed(boolean success) {
    expect(Pending.REPLAY);
    pending = Pending.NONE;
    if (success) {
      transition(normalState());
      run();
    } else {
      askReset();
    }
  }

  /** The {@code ha-reset} asked for by {@link HaActions#sendHaReset} was answered (or not). */
  public void haResetDone(boolean success) {
    expect(Pending.RESET);
    pending = Pending.NONE;
    if (success) {
      transition(HaState.WAITING);
      run();
    }
  }

  /** The partner's answer to the {@code ha-maintenance-notify} this machine asked for. */
  public void maintenanceNotifyAnswered(NotifyOutcome outcome) {
    Pending was = pending;
    if (was != Pending.MAINTENANCE_START && was != Pending.MAINTENANCE_CANCEL) {
      throw new IllegalStateException("no ha-maintenance-notify is outstanding (" + was + ")");
    }
    pending = Pending.NONE;
    if (outcome != NotifyOutcome.ACCEPTED) {
      // Any failed exchange marks the partner unavailable, as a failed heartbeat does.
      comm.partnerUnavailable();
    }
    if (was == Pending.MAINTENANCE_START && outcome == NotifyOutcome.ACCEPTED) {
      beforeMaintenance = state;
      transition(HaState.PARTNER_IN_MAINTENANCE);
    } else if (was == Pending.MAINTENANCE_START && outcome == NotifyOutcome.FAILED) {
      // The partner cannot be reached: it may be down for maintenance already; take its scope.
      beforeMaintenance = state;
      enteredByMaintenance = true;
      transition(HaState.PARTNER_DOWN);
    } else if (outcome == NotifyOutcome.ACCEPTED && state == HaState.PARTNER_IN_MAINTENANCE) {
      maintenanceCancelled = true;
      transition(beforeMaintenance);
    } else {
      // Refused, or a cancel that failed: the command fails, the state stays until the next input.
      return;
    }
    run();
  }

  // ---- commands --------------------------------------------------------------------------------

  /** {@code ha-reset}: back to waiting. */
  public CommandResult reset() {
    if (state == HaState.WAITING) {
      return CommandResult.NO_CHANGE;
    }
    transition(HaState.WAITING);
    run();
    return CommandResult.OK;
  }

  /** {@code ha-continue}: resumes a paused machine. */
  public CommandResult resume() {
    if (!paused) {
      return CommandResult.NO_CHANGE;
    }
    paused = false;
    Dhcp4Log.HA_STATE_MACHINE_CONTINUED.log(state.logName());
    run();
    return CommandResult.OK;
  }

  /** {@code ha-maintenance-notify} from the partner: go to (or, with cancel, leave) maintenance. */
  public CommandResult maintenanceNotify(boolean cancel) {
    if (cancel) {
      if (state != HaState.IN_MAINTENANCE) {
        return CommandResult.NOT_ALLOWED;
      }
      maintenanceCancelled = true;
      transition(beforeMaintenance);
      run();
      return CommandResult.OK;
    }
    if (EnumSet.of(HaState.BACKUP, HaState.PARTNER_IN_MAINTENANCE, HaState.TERMINATED)
        .contains(state)) {
      return CommandResult.NOT_ALLOWED;
    }
    if (state != HaState.IN_MAINTENANCE) {
      beforeMaintenance = state;
      transition(HaState.IN_MAINTENANCE);
    }
    return CommandResult.OK;
  }

  /**
   * {@code ha-maintenance-start} from an operator: asks the partner to go to in-maintenance (the
   * answer comes through {@link #maintenanceNotifyAnswered}).
   */
  public CommandResult maintenanceStart() {
    if (config.partner().isEmpty()
        || pending != Pending.NONE
        || EnumSet.of(
                HaState.BACKUP,
                HaState.IN_MAINTENANCE,
                HaState.PARTNER_IN_MAINTENANCE,
                HaState.TERMINATED)
            .contains(state)) {
      return CommandResult.NOT_ALLOWED;
    }
    pending = Pending.MAINTENANCE_START;
    actions.sendMaintenanceNotify(false);
    return CommandResult.OK;
  }

  /** {@code ha-maintenance-cancel} from an operator, in partner-in-maintenance. */
  public CommandResult maintenanceCancel() {
    if (state != HaState.PARTNER_IN_MAINTENANCE || pending != Pending.NONE) {
      return CommandResult.NOT_ALLOWED;
    }
    pending = Pending.MAINTENANCE_CANCEL;
    actions.sendMaintenanceNotify(true);
    return CommandResult.OK;
  }

  /**
   * {@code ha-scopes}: serve exactly these scopes (active peers' names) until the next state
   * change.
   *
   * @throws IllegalArgumentException naming a scope that is no active peer's
   */
  public void serveScopes(Set<String> names) {
    Set<String> known = new HashSet<>();
    config.activeServers().forEach(p -> known.add(p.name()));
    for (String name : names) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("invalid scope name '" + name + "'");
      }
    }
    scopes = Set.copyOf(names);
    actions.serve(state, scopes, dhcpEnabled, effects.leaseUpdates(state));
  }

  // ---- what the shell and status-get read ------------------------------------------------------

  public HaState state() {
    return state;
  }

  public Set<String> scopes() {
    return scopes;
  }

  public boolean dhcpEnabled() {
    return dhcpEnabled;
  }

  public boolean paused() {
    return paused;
  }

  /** Committed leases not sent to the partner since start ({@code unsent-update-count}). */
  public long unsentUpdateCount() {
    return unsentUpdates;
  }

  public CommunicationState communication() {
    return comm;
  }

  // ---- the machine -----------------------------------------------------------------------------

  /** A new input: a maintenance cancel handled before it no longer holds transitions back. */
  private void afterInput() {
    maintenanceCancelled = false;
    run();
  }

  private void run() {
    for (int i = 0; i < MAX_TRANSITIONS_PER_RUN; i++) {
      if (pending != Pending.NONE) {
        return;
      }
      HaState next = handle();
      if (next == state) {
        return;
      }
      transition(next);
    }
    throw new IllegalStateException("HA state machine does not settle in " + state.wire());
  }

  /** The current state's handler: the state to go to, or the current one to stay. */
  private HaState handle() {
    return switch (state) {
      case WAITING -> waiting();
      case SYNCING -> syncing();
      case READY -> ready();
      case LOAD_BALANCING, HOT_STANDBY -> normal();
      case COMMUNICATION_RECOVERY -> communicationRecovery();
      case PARTNER_DOWN -> partnerDown();
      case PARTNER_IN_MAINTENANCE -> partnerInMaintenance();
      case IN_MAINTENANCE, PASSIVE_BACKUP, BACKUP, TERMINATED -> state;
      case UNAVAILABLE -> throw new IllegalStateException("a server is never unavailable");
    };
  }

  private HaState waiting() {
    if (stopped()) {
      return state;
    }
    if (config.role() == HaRole.BACKUP) {
      return HaState.BACKUP;
    }
    if (config.mode() == HaMode.PASSIVE_BACKUP) {
      return HaState.PASSIVE_BACKUP;
    }
    if (shouldTerminate()) {
      return HaState.TERMINATED;
    }
    if (partnerStateInvalid()) {
      return state;
    }
    return switch (comm.partnerState()) {
      case COMMUNICATION_RECOVERY,
          HOT_STANDBY,
          LOAD_BALANCING,
          IN_MAINTENANCE,
          PARTNER_DOWN,
          PARTNER_IN_MAINTENANCE,
          READY ->
          syncOrReady();
      case WAITING -> config.role() == HaRole.PRIMARY ? syncOrReady() : state;
      case TERMINATED -> {
        Dhcp4Log.HA_TERMINATED_RESTART_PARTNER.log(config.partner().orElseThrow().name());
        yield state;
      }
      case UNAVAILABLE -> shouldPartnerDown() ? HaState.PARTNER_DOWN : state;
      case SYNCING, BACKUP, PASSIVE_BACKUP -> state;
    };
  }

  private HaState syncing() {
    HaState common = commonGuard();
    if (common != state) {
      return common;
    }
    if (stopped()) {
      return state;
    }
    return switch (comm.partnerState()) {
      case TERMINATED -> HaState.TERMINATED;
      case UNAVAILABLE -> shouldPartnerDown() ? HaState.PARTNER_DOWN : state;
      default -> {
        cancelHeartbeat();
        pending = Pending.SYNC;
        actions.startSync();
        yield state;
      }
    };
  }

  private HaState ready() {
    HaState common = commonGuard();
    if (common != state || stopped()) {
      return common;
    }
    return switch (comm.partnerState()) {
      case HOT_STANDBY, LOAD_BALANCING, COMMUNICATION_RECOVERY -> normalState();
      case IN_MAINTENANCE -> HaState.PARTNER_IN_MAINTENANCE;
      case PARTNER_IN_MAINTENANCE -> HaState.IN_MAINTENANCE;
      case READY -> config.role() == HaRole.PRIMARY ? normalState() : state;
      case TERMINATED -> HaState.TERMINATED;
      case UNAVAILABLE -> shouldPartnerDown() ? HaState.PARTNER_DOWN : state;
      default -> state;
    };
  }

  private HaState normal() {
    HaState common = commonGuard();
    if (common != state || stopped()) {
      return common;
    }
    return switch (comm.partnerState()) {
      case IN_MAINTENANCE -> HaState.PARTNER_IN_MAINTENANCE;
      case PARTNER_DOWN -> HaState.WAITING;
      case PARTNER_IN_MAINTENANCE -> HaState.IN_MAINTENANCE;
      case TERMINATED -> HaState.TERMINATED;
      case UNAVAILABLE -> {
        if (shouldPartnerDown()) {
          yield HaState.PARTNER_DOWN;
        }
        yield allowsCommunicationRecovery() ? HaState.COMMUNICATION_RECOVERY : state;
      }
      default -> state;
    };
  }

  private HaState communicationRecovery() {
    HaState common = commonGuard();
    if (common != state || stopped()) {
      return common;
    }
    HaState partner = comm.partnerState();
    switch (partner) {
      case IN_MAINTENANCE:
        return HaState.PARTNER_IN_MAINTENANCE;
      case PARTNER_DOWN:
        return HaState.WAITING;
      case PARTNER_IN_MAINTENANCE:
        return HaState.IN_MAINTENANCE;
      case TERMINATED:
        return HaState.TERMINATED;
      case UNAVAILABLE:
        return shouldPartnerDown() ? HaState.PARTNER_DOWN : state;
      case WAITING:
      case SYNCING:
      case READY:
        return !comm.interrupted() && backlogOverflowed ? HaState.WAITING : state;
      default:
        if (comm.interrupted()) {
          return state;
        }
        if (partner == normalState() || partner == HaState.COMMUNICATION_RECOVERY) {
          if (backlogOverflowed) {
            askReset();
          } else {
            pending = Pending.REPLAY;
            actions.replayBacklog();
          }
          return state;
        }
        return HaState.WAITING;
    }
  }

  private HaState partnerDown() {
    HaState common = commonGuard();
    if (common != state || stopped()) {
      return common;
    }
    return switch (comm.partnerState()) {
      case COMMUNICATION_RECOVERY, PARTNER_DOWN, PARTNER_IN_MAINTENANCE -> HaState.WAITING;
      case READY -> comm.partnerHasNewUnsentUpdates() ? HaState.WAITING : normalState();
      case TERMINATED -> HaState.TERMINATED;
      default -> state;
    };
  }

  private HaState partnerInMaintenance() {
    if (paused) {
      return state;
    }
    if (shouldTerminate()) {
      return HaState.TERMINATED;
    }
    return comm.partnerState() == HaState.UNAVAILABLE ? HaState.PARTNER_DOWN : state;
  }

  /**
   * Evaluated first by waiting's successors: a terminating clock skew, or a partner state that does
   * not exist in this mode (a configuration mismatch between the two) sends this server to waiting.
   * Pausing is checked by each handler after this for the states Kea checks it first in, see {@link
   * #stopped}.
   */
  private HaState commonGuard() {
    if (stopped()) {
      return state;
    }
    if (shouldTerminate()) {
      return HaState.TERMINATED;
    }
    if (partnerStateInvalid()) {
      return HaState.WAITING;
    }
    return state;
  }

  /** Paused, or a maintenance cancel was just handled: no transition in this run. */
  private boolean stopped() {
    return paused || maintenanceCancelled;
  }

  /**
   * The clock skew is past 60 s (past 30 s it warns), or the partner rejected the lease updates of
   * {@code max-rejected-lease-updates} distinct clients or more.
   */
  private boolean shouldTerminate() {
    if (comm.skewTerminates()) {
      Dhcp4Log.HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION.log(skewText());
      return true;
    }
    if (comm.skewWarningDue()) {
      Dhcp4Log.HA_HIGH_CLOCK_SKEW.log(skewText());
    }
    if (comm.rejectedLeaseUpdatesTerminate()) {
      Dhcp4Log.HA_LEASE_UPDATE_REJECTS_CAUSED_TERMINATION.log(
          comm.rejectedLeaseUpdates(), config.maxRejectedLeaseUpdates());
      return true;
    }
    return false;
  }

  private String skewText() {
    return "partner's clock is "
        + Math.abs(comm.clockSkew().toSeconds())
        + " s "
        + (comm.clockSkew().isNegative() ? "behind" : "ahead");
  }

  private boolean partnerStateInvalid() {
    HaState partner = comm.partnerState();
    boolean invalid =
        switch (partner) {
          case COMMUNICATION_RECOVERY, LOAD_BALANCING -> config.mode() != HaMode.LOAD_BALANCING;
          case HOT_STANDBY -> config.mode() != HaMode.HOT_STANDBY;
          default -> false;
        };
    if (invalid) {
      (switch (partner) {
            case COMMUNICATION_RECOVERY -> Dhcp4Log.HA_INVALID_PARTNER_STATE_COMMUNICATION_RECOVERY;
            case LOAD_BALANCING -> Dhcp4Log.HA_INVALID_PARTNER_STATE_LOAD_BALANCING;
            default -> Dhcp4Log.HA_INVALID_PARTNER_STATE_HOT_STANDBY;
          })
          .log(config.mode().wire());
    }
    return invalid;
  }

  /**
   * Communication is interrupted, and either this server's service is off or it answers clients in
   * a way the partner's clients would show (load-balancing, or a standby): then the clients must
   * also show the failure. A hot-standby primary never sees the partner's clients, so time alone
   * decides there.
   */
  private boolean shouldPartnerDown() {
    if (!comm.interrupted()) {
      return false;
    }
    if (dhcpEnabled
        && (config.mode() == HaMode.LOAD_BALANCING || config.role() == HaRole.STANDBY)) {
      return comm.failureDetected();
    }
    return true;
  }

  private boolean allowsCommunicationRecovery() {
    return config.mode() == HaMode.LOAD_BALANCING && config.delayedUpdatesLimit() > 0;
  }

  private HaState syncOrReady() {
    return config.syncLeases() ? HaState.SYNCING : HaState.READY;
  }

  private HaState normalState() {
    if (config.role() == HaRole.BACKUP) {
      return HaState.BACKUP;
    }
    return switch (config.mode()) {
      case LOAD_BALANCING -> HaState.LOAD_BALANCING;
      case HOT_STANDBY -> HaState.HOT_STANDBY;
      case PASSIVE_BACKUP -> HaState.PASSIVE_BACKUP;
    };
  }

  private void askReset() {
    pending = Pending.RESET;
    actions.sendHaReset();
  }

  private void expect(Pending what) {
    if (pending != what) {
      throw new IllegalStateException("no " + what + " is outstanding (" + pending + ")");
    }
  }

  private void transition(HaState next) {
    HaState from = state;
    if (from != null) {
      if (config.mode() == HaMode.PASSIVE_BACKUP) {
        Dhcp4Log.HA_STATE_TRANSITION_PASSIVE_BACKUP.log(from.logName(), next.logName());
      } else {
        Dhcp4Log.HA_STATE_TRANSITION.log(
            from.logName(), next.logName(), comm.partnerState().logName());
      }
    }
    if (from == HaState.COMMUNICATION_RECOVERY && next != from) {
      actions.clearBacklog();
      backlogOverflowed = false;
    }
    boolean byMaintenance = enteredByMaintenance;
    enteredByMaintenance = false;
    enter(next, byMaintenance);
  }

  private void enter(HaState next) {
    enter(next, false);
  }

  private void enter(HaState next, boolean byMaintenance) {
    state = next;
    if (REJECTS_FORGOTTEN_ON_ENTRY.contains(next)) {
      comm.clearRejectedLeaseUpdates();
    }
    StatePausing pausing = config.pausing(next);
    if (pausing == StatePausing.ALWAYS || (pausing == StatePausing.ONCE && pausedOnce.add(next))) {
      paused = true;
    }
    scopes = effects.scopes(next, byMaintenance);
    boolean enable = effects.dhcpEnabled(next);
    if (enable != dhcpEnabled) {
      (enable ? Dhcp4Log.HA_LOCAL_DHCP_ENABLE : Dhcp4Log.HA_LOCAL_DHCP_DISABLE)
          .log(config.thisServerName(), next.logName());
    }
    dhcpEnabled = enable;
    actions.serve(next, scopes, dhcpEnabled, effects.leaseUpdates(next));
    if (paused) {
      Dhcp4Log.HA_STATE_MACHINE_PAUSED.log(next.logName());
    }
    switch (next) {
      case TERMINATED -> Dhcp4Log.HA_TERMINATED.log();
      case IN_MAINTENANCE -> Dhcp4Log.HA_MAINTENANCE_SHUTDOWN_SAFE.log();
      case PARTNER_IN_MAINTENANCE -> Dhcp4Log.HA_MAINTENANCE_STARTED.log();
      case PARTNER_DOWN -> {
        if (byMaintenance) {
          Dhcp4Log.HA_MAINTENANCE_STARTED_IN_PARTNER_DOWN.log();
        }
      }
      default -> {}
    }
    if (heartbeats()) {
      scheduleHeartbeat();
    } else {
      cancelHeartbeat();
    }
  }

  /** Whether this state exchanges heartbeats with the partner. */
  private boolean heartbeats() {
    return effects.heartbeats(state) && pending != Pending.SYNC;
  }

  private void scheduleHeartbeat() {
    if (!heartbeats()
        || !(config.heartbeatDelay().toMillis() > 0)
        || heartbeatInFlight
        || heartbeatTimer != null) {
      return;
    }
    heartbeatTimer =
        scheduler.schedule(
            config.heartbeatDelay(),
            () -> {
              heartbeatTimer = null;
              if (heartbeats() && !heartbeatInFlight) {
                sendHeartbeat();
              }
            });
  }

  private void sendHeartbeat() {
    heartbeatInFlight = true;
    actions.sendHeartbeat();
  }

  private void cancelHeartbeat() {
    if (heartbeatTimer != null) {
      heartbeatTimer.cancel();
      heartbeatTimer = null;
    }
  }
}
