package io.d2j.dhcp4.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.alloc.ReclaimPolicy;
import io.d2j.dhcp4.control.HaControl;
import io.d2j.dhcp4.control.PeerLeases;
import io.d2j.dhcp4.control.ServiceCommands.ServiceSwitch;
import io.d2j.dhcp4.ha.CommunicationState;
import io.d2j.dhcp4.ha.HaActions;
import io.d2j.dhcp4.ha.HaConfig;
import io.d2j.dhcp4.ha.HaPeer;
import io.d2j.dhcp4.ha.HaRole;
import io.d2j.dhcp4.ha.HaState;
import io.d2j.dhcp4.ha.HaStateMachine;
import io.d2j.dhcp4.ha.HaStatus;
import io.d2j.dhcp4.ha.PeerMessages;
import io.d2j.dhcp4.ha.QueryScopes;
import io.d2j.dhcp4.ha.ScopeFilter;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseChange;
import io.d2j.dhcp4.lease.LeaseReplication;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.ExecutorScheduler;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HA shell of one server: it runs the pure {@link HaStateMachine} on a thread of its own with
 * real timers, talks to the partner through a {@link PeerClient} (heartbeats, lease updates, sync,
 * ha-reset, maintenance), and gives the rest of the server what the machine decided: the chain's
 * {@link ScopeFilter}, the {@link LeaseReplication} that parks replies until the partner
 * acknowledged their leases (spec §6.11), the local DHCP service on or off, and the HA commands
 * ({@link HaControl}).
 *
 * <p>Threads: the machine and the backlog are confined to the HA thread ({@code d2j-dhcp4-ha});
 * answers from the partner arrive on Vert.x's event loop and are handed over to it. The packet
 * thread reads only the volatile {@link Served} snapshot and hands its evidence over. Commands wait
 * for the HA thread; the HA thread never waits for the lease store's monitor (leases of a sync are
 * merged through {@code merge}, which takes it elsewhere), so neither can block the other.
 */
public final class HaShell
    implements HaActions, ScopeFilter, LeaseReplication, ReclaimPolicy, HaControl {

  /**
   * An expired lease of a scope the partner serves is reclaimed here without a DNS removal once it
   * has been expired this long: by then the partner has reclaimed it and removed its name (a d2j
   * partner tells this server so at once, with the reclaimed lease; a Kea partner does not).
   */
  static final Duration RECLAIM_GRACE = Duration.ofSeconds(60);

  /** Kea's time-out of every peer request but sync pages. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** What the machine last decided, for the packet thread. */
  private record Served(
      HaState state, Set<String> scopes, boolean dhcpEnabled, boolean leaseUpdates) {}

  private final HaConfig config;
  private final QueryScopes queryScopes;
  private final Statistics stats;
  private final Clock clock;
  private final ExecutorScheduler thread;
  private final Vertx vertx;
  private final Optional<PeerClient> partner;
  private final List<PeerClient> backups = new ArrayList<>();
  private final HaStateMachine machine;
  private final ServiceSwitch service;
  private final Function<List<JsonNode>, CompletableFuture<int[]>> merge;
  private final long parkedLimit;
  private final AtomicLong parked = new AtomicLong();

  /** Confined to the HA thread: updates held in communication-recovery. */
  private final List<LeaseChange> backlog = new ArrayList<>();

  private volatile Served served = new Served(HaState.WAITING, Set.of(), false, false);

  /**
   * The scopes the partner served at its last answered heartbeat while communication worked; empty
   * when it did not answer. Read by the reclaimer.
   */
  private volatile Set<String> partnerServes = Set.of();

  /** Whether the partner ever rejected an update: only then do acceptances go to the machine. */
  private volatile boolean rejectionsSeen;

  private CompletableFuture<Void> maintenanceAnswer = new CompletableFuture<>();

  /**
   * @param service the DHCP service's switch: the machine's on/off goes in as origin {@code
   *     ha-local}; {@code ha-sync-complete-notify} enables origin {@code ha-partner}
   * @param merge merges a page of the partner's leases into the store (holding its monitor, off the
   *     HA thread); completes with the counts added, updated, skipped
   * @param parkedLimit {@code parked-packet-limit}: replies waiting for the partner at most (0: no
   *     limit)
   */
  public HaShell(
      HaConfig config,
      Statistics stats,
      Clock clock,
      ServiceSwitch service,
      Function<List<JsonNode>, CompletableFuture<int[]>> merge,
      long parkedLimit) {
    this.config = config;
    this.queryScopes = new QueryScopes(config);
    this.stats = stats;
    this.clock = clock;
    this.service = service;
    this.merge = merge;
    this.parkedLimit = parkedLimit;
    // A machine input that throws would otherwise vanish in the executor, and the machine with it.
    this.thread =
        new ExecutorScheduler(
            "d2j-dhcp4-ha", e -> Dhcp4Log.DHCP4_TIMER_FAILED.log("HA thread", e.toString(), e));
    this.vertx = Vertx.vertx();
    this.partner = config.partner().map(p -> new PeerClient(vertx, p));
    for (HaPeer p : config.peers()) {
      if (p.role() == HaRole.BACKUP && !p.name().equals(config.thisServerName())) {
        backups.add(new PeerClient(vertx, p));
      }
    }
    this.machine = new HaStateMachine(config, new CommunicationState(config, clock), thread, this);
    // Off until the machine says otherwise: no query is answered before HA decided.
    service.disable("ha-local", Optional.empty());
  }

  /** The Vert.x instance the peer listener shares. */
  public Vertx vertx() {
    return vertx;
  }

  /** Starts the machine (waiting; the first heartbeat at once). */
  public void start() {
    onHaThread(
        () -> {
          machine.start();
          return null;
        });
  }

  // ---- ScopeFilter: the packet thread ----------------------------------------------------------

  @Override
  public Decision decide(DhcpPacket query) {
    Served now = served;
    QueryScopes.Scope scope = queryScopes.classify(query);
    if (!(scope instanceof QueryScopes.Owned owned)) {
      // Kea 3.1.5+ counts HA's drops as pkt4-not-for-us too (2.2 counts none of them).
      stats.increment("pkt4-not-for-us");
      stats.increment("pkt4-receive-drop");
      return Decision.NO_IDENTIFIER;
    }
    if (!owned.filtered() || now.scopes().contains(owned.owner().name())) {
      return Decision.ADMIT;
    }
    stats.increment("pkt4-not-for-us");
    stats.increment("pkt4-receive-drop");
    stats.increment("ha-queries-not-in-scope");
    thread.execute(() -> machine.notInScope(query));
    return Decision.NOT_IN_SCOPE;
  }

  // ---- LeaseReplication: the packet thread -----------------------------------------------------

  @Override
  public CompletableFuture<Boolean> replicate(Client client, List<LeaseChange> changes) {
    if (changes.isEmpty() || !config.sendLeaseUpdates()) {
      return CompletableFuture.completedFuture(true);
    }
    Served now = served;
    List<CompletableFuture<Boolean>> waits = new ArrayList<>();
    for (PeerClient backup : backups) {
      // A backup's answer, whatever it is, tells nothing of the partner.
      CompletableFuture<Boolean> sent =
          sendChanges(backup, changes).thenApply(o -> o == Update.ACKNOWLEDGED);
      if (config.waitBackupAck()) {
        waits.add(sent);
      }
    }
    if (partner.isPresent()) {
      if (now.state() == HaState.COMMUNICATION_RECOVERY) {
        thread.execute(() -> hold(changes));
      } else if (now.leaseUpdates()) {
        waits.add(
            sendChanges(partner.get(), changes)
                .thenApply(
                    outcome -> {
                      if (outcome == Update.REJECTED) {
                        rejectionsSeen = true;
                      } else if (outcome == Update.ACKNOWLEDGED && !rejectionsSeen) {
                        // The usual case: no rejection to forget, nothing for the HA thread.
                        return true;
                      }
                      thread.execute(
                          () -> {
                            switch (outcome) {
                              case ACKNOWLEDGED ->
                                  machine.leaseUpdateAccepted(
                                      client.hardwareAddress(), client.clientId());
                              case REJECTED ->
                                  machine.leaseUpdateRejected(
                                      client.hardwareAddress(), client.clientId());
                              case FAILED -> machine.leaseUpdateFailed();
                            }
                          });
                      return outcome == Update.ACKNOWLEDGED;
                    }));
      } else {
        thread.execute(machine::leaseUpdateNotSent);
        keepDeletions(changes);
      }
    }
    if (waits.isEmpty()) {
      return CompletableFuture.completedFuture(true);
    }
    long n = parked.incrementAndGet();
    stats.increment("ha-replies-parked");
    boolean overLimit = parkedLimit > 0 && n > parkedLimit;
    return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
        .handle(
            (v, e) -> {
              parked.decrementAndGet();
              if (overLimit) {
                Dhcp4Log.HA_PARKED_PACKET_LIMIT_EXCEEDED.log(parkedLimit);
                return false;
              }
              return e == null && waits.stream().allMatch(w -> w.join());
            });
  }

  /**
   * Leases deleted (released) while the partner gets no lease updates (partner-down): the deletion
   * cannot reach it, and its sync when it returns pulls leases, not deletions, so it would keep its
   * stale copy as live: its client, back, would be renewed without a DNS add although this server
   * removed the name, and the name removed again at the copy's expiry. The store keeps instead a
   * reclaimed lease in the address's place (state 2, name cleared, {@code cltt} now - 1 with a
   * lifetime of 1 s: expired, free for any client), which the partner's sync takes over its older
   * copy; it goes with the other reclaimed leases after {@code hold-reclaimed-time}, and not before
   * lease updates reach the partner again ({@link #mayForget}). Merged off this thread; a lease on
   * the address by then (newer or as new) is kept.
   */
  private void keepDeletions(List<LeaseChange> changes) {
    long now = clock.instant().getEpochSecond();
    List<JsonNode> kept = new ArrayList<>();
    for (LeaseChange change : changes) {
      if (change instanceof LeaseChange.Deleted deleted) {
        Lease4 l = deleted.lease();
        // The lease map with its expiry, as a partner's lease4-update carries it.
        kept.add(
            PeerLeases.deleteArguments(
                new Lease4(
                    l.address(),
                    l.hwaddr(),
                    l.clientId(),
                    1,
                    Math.max(0, now - 1),
                    l.subnetId(),
                    false,
                    false,
                    "",
                    LeaseState.EXPIRED_RECLAIMED,
                    l.userContext())));
      }
    }
    if (!kept.isEmpty()) {
      // Nothing waits for it: a lease that cannot be kept is logged by the merge and stays deleted.
      CompletableFuture<int[]> unused = merge.apply(kept);
    }
  }

  // ---- ReclaimPolicy: the timer thread, holding the lease store's monitor ----------------------

  /**
   * Spec §3.4 #3 and §6.12: the server serving a lease's scope removes its name when it expires (in
   * partner-down that is the survivor, for every scope); the other reclaims it silently once the
   * partner, still answering and serving that scope, has had the time to; while no server is known
   * to serve the scope (this one waiting or syncing, the partner silent) the lease stays expired
   * for a later cycle, so that its removal is never lost.
   */
  @Override
  public Action decide(Lease4 lease, Instant now) {
    Action d =
        reclaimDecision(
            queryScopes,
            served.scopes(),
            partnerServes,
            config.role() == HaRole.BACKUP,
            lease,
            now);
    if (d == Action.RECLAIM_SILENTLY) {
      stats.increment("ha-reclaims-left-to-partner");
    }
    return d;
  }

  /**
   * {@link #decide(Lease4, Instant)}, pure.
   *
   * @param serving the scopes this server serves now
   * @param partnerServes the scopes the partner served at its last answered heartbeat
   * @param backup whether this server is a backup (it serves no scope; the active servers remove)
   */
  static Action reclaimDecision(
      QueryScopes scopes,
      Set<String> serving,
      Set<String> partnerServes,
      boolean backup,
      Lease4 lease,
      Instant now) {
    Optional<String> owner = scopes.ownerOf(lease.clientId(), lease.hwaddr()).map(HaPeer::name);
    if (owner.isEmpty()) {
      // No identifier to place it: whoever serves clients now removes it.
      return serving.isEmpty() ? Action.LATER : Action.RECLAIM_AND_REMOVE;
    }
    if (serving.contains(owner.get())) {
      return Action.RECLAIM_AND_REMOVE;
    }
    boolean elsewhere = backup || partnerServes.contains(owner.get());
    Instant expired = Instant.ofEpochSecond(lease.expire());
    if (elsewhere && Duration.between(expired, now).compareTo(RECLAIM_GRACE) >= 0) {
      return Action.RECLAIM_SILENTLY;
    }
    return Action.LATER;
  }

  /**
   * This server reclaimed (and removed from DNS) a lease of a scope it serves: the partner and the
   * backups get the reclaimed lease ({@code lease4-update}, state 2, name cleared; {@code
   * lease4-del} when it was deleted), so they never remove the name again. Not a Kea 2.2 message;
   * Kea 2.2 takes it as any lease update. No reply waits for it.
   */
  @Override
  public void reclaimed(Lease4 before, Optional<Lease4> after) {
    if (!config.sendLeaseUpdates()) {
      return;
    }
    List<LeaseChange> changes =
        List.of(
            after
                .<LeaseChange>map(LeaseChange.Updated::new)
                .orElseGet(() -> new LeaseChange.Deleted(before)));
    for (PeerClient backup : backups) {
      sendChanges(backup, changes);
    }
    if (partner.isEmpty()) {
      return;
    }
    Served now = served;
    if (now.state() == HaState.COMMUNICATION_RECOVERY) {
      thread.execute(() -> hold(changes));
    } else if (now.leaseUpdates()) {
      sendChanges(partner.get(), changes)
          .thenAccept(
              outcome -> {
                if (outcome == Update.FAILED) {
                  thread.execute(machine::leaseUpdateFailed);
                }
              });
    }
    // partner-down: the partner resyncs when it returns and takes the reclaimed copy then.
  }

  /**
   * Reclaimed leases stay in the store while the partner misses lease updates: its sync, when it
   * returns, pulls leases and not deletions, so a reclaimed copy is how it learns that this server
   * released, reclaimed or removed a lease meanwhile. With {@code hold-reclaimed-time} 0 or a short
   * one they would otherwise be gone before the partner is back.
   */
  @Override
  public boolean mayForget() {
    return partner.isEmpty() || !config.sendLeaseUpdates() || served.leaseUpdates();
  }

  /** Communication-recovery: held for the replay, up to {@code delayed-updates-limit}. */
  private void hold(List<LeaseChange> changes) {
    if (backlog.size() + changes.size() > config.delayedUpdatesLimit()) {
      machine.backlogOverflowed();
      return;
    }
    backlog.addAll(changes);
  }

  /** How a peer took one query's lease updates. */
  private enum Update {
    /** Every one answered with result 0 (3 for a delete of a lease the peer does not have). */
    ACKNOWLEDGED,
    /** One answered with result 4, a conflict: the peer is there but refuses the lease. */
    REJECTED,
    /** One not delivered, or answered with another error result. */
    FAILED
  }

  /**
   * One request per change, in order, deletes before updates as Kea sends them; the first that is
   * not acknowledged ends the exchange.
   */
  private CompletableFuture<Update> sendChanges(PeerClient to, List<LeaseChange> changes) {
    List<LeaseChange> ordered = new ArrayList<>();
    changes.stream().filter(c -> c instanceof LeaseChange.Deleted).forEach(ordered::add);
    changes.stream().filter(c -> c instanceof LeaseChange.Updated).forEach(ordered::add);
    CompletableFuture<Update> chain = CompletableFuture.completedFuture(Update.ACKNOWLEDGED);
    for (LeaseChange change : ordered) {
      chain =
          chain.thenCompose(
              so -> so == Update.ACKNOWLEDGED ? sendChange(to, change) : completed(so));
    }
    return chain;
  }

  private static CompletableFuture<Update> completed(Update value) {
    return CompletableFuture.completedFuture(value);
  }

  private CompletableFuture<Update> sendChange(PeerClient to, LeaseChange change) {
    boolean delete = change instanceof LeaseChange.Deleted;
    String command = delete ? "lease4-del" : "lease4-update";
    ObjectNode args =
        delete
            ? PeerLeases.deleteArguments(change.lease())
            : PeerLeases.updateArguments(change.lease());
    String address = args.path("ip-address").asText();
    return to.send(PeerMessages.command(command, Optional.of(args)), REQUEST_TIMEOUT)
        .handle(
            (body, e) -> {
              if (e != null) {
                stats.increment("ha-lease-updates-failed");
                Dhcp4Log.HA_LEASE_UPDATE_COMMUNICATIONS_FAILED.log(
                    command, address, to.peer().name(), reason(e));
                return Update.FAILED;
              }
              PeerMessages.Reply reply = PeerMessages.readReply(body);
              if (reply.result() == Answer.SUCCESS || (delete && reply.result() == Answer.EMPTY)) {
                stats.increment("ha-lease-updates-sent");
                return Update.ACKNOWLEDGED;
              }
              if (reply.result() == Answer.CONFLICT) {
                stats.increment("ha-lease-updates-rejected");
                Dhcp4Log.HA_LEASE_UPDATE_CONFLICT.log(
                    command, address, to.peer().name(), reply.text());
                return Update.REJECTED;
              }
              stats.increment("ha-lease-updates-failed");
              Dhcp4Log.HA_LEASE_UPDATE_FAILED.log(
                  command, address, to.peer().name(), reply.result(), reply.text());
              return Update.FAILED;
            });
  }

  // ---- HaActions: the HA thread ----------------------------------------------------------------

  @Override
  public void sendHeartbeat() {
    PeerClient to = partner.orElseThrow();
    to.send(PeerMessages.command("ha-heartbeat", Optional.empty()), REQUEST_TIMEOUT)
        .whenComplete(
            (body, e) ->
                thread.execute(
                    () -> {
                      if (e != null) {
                        partnerServes = Set.of();
                        stats.increment("ha-heartbeats-failed");
                        Dhcp4Log.HA_HEARTBEAT_COMMUNICATIONS_FAILED.log(
                            to.peer().name(), reason(e));
                        machine.heartbeatFailed();
                        return;
                      }
                      PeerMessages.HeartbeatReply reply = PeerMessages.readHeartbeat(body);
                      if (reply instanceof PeerMessages.Answered a) {
                        machine.heartbeatAnswered(a.heartbeat());
                        CommunicationState comm = machine.communication();
                        partnerServes =
                            comm.partnerState() == HaState.UNAVAILABLE || comm.interrupted()
                                ? Set.of()
                                : Set.copyOf(comm.partnerScopes());
                      } else {
                        partnerServes = Set.of();
                        stats.increment("ha-heartbeats-failed");
                        Dhcp4Log.HA_HEARTBEAT_FAILED.log(
                            to.peer().name(), ((PeerMessages.Failed) reply).reason());
                        machine.heartbeatFailed();
                      }
                    }));
  }

  @Override
  public void startSync() {
    PeerClient from = partner.orElseThrow();
    new LeaseSync(from, config, merge, clock)
        .run()
        .whenComplete((ok, e) -> thread.execute(() -> machine.syncDone(e == null && ok)));
  }

  @Override
  public void replayBacklog() {
    List<LeaseChange> held = List.copyOf(backlog);
    sendChanges(partner.orElseThrow(), held)
        .whenComplete(
            (outcome, e) ->
                thread.execute(
                    () -> machine.backlogReplayed(e == null && outcome == Update.ACKNOWLEDGED)));
  }

  @Override
  public void clearBacklog() {
    backlog.clear();
  }

  @Override
  public void sendHaReset() {
    simple("ha-reset", Optional.empty())
        .whenComplete(
            (r, e) ->
                thread.execute(
                    () -> machine.haResetDone(e == null && r.result() == Answer.SUCCESS)));
  }

  @Override
  public void sendMaintenanceNotify(boolean cancel) {
    ObjectNode args = JSON.objectNode().put("cancel", cancel);
    CompletableFuture<Void> answered = maintenanceAnswer;
    simple("ha-maintenance-notify", Optional.of(args))
        .whenComplete(
            (r, e) ->
                thread.execute(
                    () -> {
                      HaStateMachine.NotifyOutcome outcome =
                          e != null
                              ? HaStateMachine.NotifyOutcome.FAILED
                              : r.result() == Answer.SUCCESS
                                  ? HaStateMachine.NotifyOutcome.ACCEPTED
                                  : r.result() == Answer.HA_MAINTENANCE_NOT_ALLOWED
                                      ? HaStateMachine.NotifyOutcome.REFUSED
                                      : HaStateMachine.NotifyOutcome.FAILED;
                      machine.maintenanceNotifyAnswered(outcome);
                      answered.complete(null);
                    }));
  }

  @Override
  public void partnerSyncReleased() {
    service.enable("ha-partner");
  }

  @Override
  public void serve(HaState state, Set<String> scopes, boolean dhcpEnabled, boolean leaseUpdates) {
    served = new Served(state, Set.copyOf(scopes), dhcpEnabled, leaseUpdates);
    if (dhcpEnabled) {
      service.enable("ha-local");
    } else {
      service.disable("ha-local", Optional.empty());
    }
  }

  private CompletableFuture<PeerMessages.Reply> simple(String command, Optional<ObjectNode> args) {
    return partner
        .orElseThrow()
        .send(PeerMessages.command(command, args), REQUEST_TIMEOUT)
        .thenApply(PeerMessages::readReply);
  }

  // ---- HaControl: the command thread -----------------------------------------------------------

  @Override
  public Answer heartbeat() {
    return onHaThread(
        () ->
            Answer.ok(
                PeerMessages.HEARTBEAT_TEXT,
                PeerMessages.heartbeatArguments(
                    machine.state(),
                    clock.instant(),
                    machine.scopes(),
                    machine.unsentUpdateCount())));
  }

  @Override
  public Answer scopes(JsonNode args) {
    if (args == null || !args.isObject() || !args.has("scopes")) {
      return Answer.error("'scopes' is mandatory");
    }
    JsonNode list = args.get("scopes");
    if (!list.isArray()) {
      return Answer.error("'scopes' must be a list");
    }
    Set<String> names = new HashSet<>();
    for (JsonNode n : list) {
      if (!n.isTextual()) {
        return Answer.error("scope name must be a string in the 'scopes' argument");
      }
      names.add(n.asText());
    }
    return onHaThread(
        () -> {
          try {
            machine.serveScopes(names);
            served =
                new Served(
                    served.state(), Set.copyOf(names), served.dhcpEnabled(), served.leaseUpdates());
            return Answer.ok("New HA scopes configured.");
          } catch (IllegalArgumentException e) {
            return Answer.error(e.getMessage());
          }
        });
  }

  @Override
  public Answer resume() {
    return onHaThread(
        () ->
            machine.resume() == HaStateMachine.CommandResult.OK
                ? Answer.ok("HA state machine continues.")
                : Answer.ok("HA state machine is not paused."));
  }

  @Override
  public Answer reset() {
    return onHaThread(
        () ->
            machine.reset() == HaStateMachine.CommandResult.OK
                ? Answer.ok("HA state machine reset.")
                : Answer.ok("HA state machine already in WAITING state."));
  }

  @Override
  public Answer maintenanceNotify(JsonNode args) {
    JsonNode cancel = args == null ? null : args.get("cancel");
    if (cancel == null || !cancel.isBoolean()) {
      return Answer.error("'cancel' is mandatory for the 'ha-maintenance-notify' command");
    }
    return onHaThread(
        () -> {
          HaState was = machine.state();
          HaStateMachine.CommandResult r = machine.maintenanceNotify(cancel.booleanValue());
          if (r == HaStateMachine.CommandResult.NOT_ALLOWED) {
            return new Answer(
                Answer.HA_MAINTENANCE_NOT_ALLOWED,
                Optional.of(
                    "Unable to transition the server from the "
                        + was.logName()
                        + " to in-maintenance state."),
                Optional.empty());
          }
          return Answer.ok(
              cancel.booleanValue()
                  ? "Server maintenance canceled."
                  : "Server is in-maintenance state.");
        });
  }

  @Override
  public Answer maintenanceStart() {
    return maintenance(true);
  }

  @Override
  public Answer maintenanceCancel() {
    return maintenance(false);
  }

  private Answer maintenance(boolean start) {
    CompletableFuture<Void> answered = new CompletableFuture<>();
    HaStateMachine.CommandResult r =
        onHaThread(
            () -> {
              maintenanceAnswer = answered;
              return start ? machine.maintenanceStart() : machine.maintenanceCancel();
            });
    if (r == HaStateMachine.CommandResult.NOT_ALLOWED) {
      return Answer.error(
          start
              ? "Unable to transition to the partner-in-maintenance state from the current state."
              : "Unable to cancel maintenance: the server is not in the partner-in-maintenance"
                  + " state.");
    }
    try {
      answered.get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return Answer.error("no answer from the partner to ha-maintenance-notify");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.error("interrupted");
    }
    HaState now = onHaThread(machine::state);
    if (!start) {
      return now == HaState.PARTNER_IN_MAINTENANCE
          ? Answer.error("Unable to cancel maintenance: the partner refused.")
          : Answer.ok("Server maintenance successfully canceled.");
    }
    return switch (now) {
      case PARTNER_IN_MAINTENANCE ->
          Answer.ok(
              "Server is now in the partner-in-maintenance state and its partner is in"
                  + " in-maintenance state. The partner can be now safely shut down.");
      case PARTNER_DOWN ->
          Answer.ok(
              "Server is now in the partner-down state as its partner appears to be offline for"
                  + " maintenance.");
      default ->
          Answer.error(
              "Unable to transition to the partner-in-maintenance state: the partner refused.");
    };
  }

  @Override
  public Answer syncCompleteNotify() {
    return onHaThread(
        () -> {
          machine.partnerSyncComplete();
          return Answer.ok("Server successfully notified about the synchronization completion.");
        });
  }

  @Override
  public Answer sync(JsonNode args) {
    JsonNode name = args == null ? null : args.get("server-name");
    if (name == null || !name.isTextual()) {
      return Answer.error("'server-name' is mandatory for the 'ha-sync' command");
    }
    Optional<PeerClient> from = partner.filter(p -> p.peer().name().equals(name.asText()));
    if (from.isEmpty()) {
      return Answer.error("server name '" + name.asText() + "' is not this server's partner");
    }
    // Kea's ha-sync blocks until the sync is done; here the command runs holding the lease
    // store's monitor, which the merge of each page needs, so it starts the sync and answers.
    new LeaseSync(from.get(), config, merge, clock).run();
    return Answer.ok(
        "Lease database synchronization started; HA_SYNC_SUCCESSFUL or HA_SYNC_FAILED reports"
            + " its end.");
  }

  @Override
  public ObjectNode status() {
    return onHaThread(() -> HaStatus.render(config, machine));
  }

  /** The machine's state (tests, and the daemon's log on close). */
  public HaState state() {
    return onHaThread(machine::state);
  }

  private <T> T onHaThread(Supplier<T> work) {
    CompletableFuture<T> out = new CompletableFuture<>();
    thread.execute(
        () -> {
          try {
            out.complete(work.get());
          } catch (RuntimeException e) {
            out.completeExceptionally(e);
          }
        });
    try {
      return out.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the HA thread did not answer in 10 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String reason(Throwable e) {
    Throwable c = e;
    while ((c instanceof java.util.concurrent.CompletionException
            || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }

  /** Stops the timers, the clients and Vert.x (the listener closes first, in the runtime). */
  public void close() {
    thread.close();
    partner.ifPresent(PeerClient::close);
    backups.forEach(PeerClient::close);
    try {
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (TimeoutException | RuntimeException e) {
      // going away
    }
  }
}
