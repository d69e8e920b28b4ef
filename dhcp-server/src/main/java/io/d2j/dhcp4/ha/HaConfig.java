package io.d2j.dhcp4.ha;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HA relationship, as {@code hooks-libraries[].parameters.high-availability[0]} describes it
 * (spec §6.2), validated: this server is one of the peers, the roles fit the mode, the values are
 * in Kea 2.2's ranges.
 *
 * @param thisServerName which peer this server is
 * @param mode how the peers share the clients
 * @param heartbeatDelay the interval between heartbeats; zero: none are sent
 * @param maxResponseDelay how old the last answered heartbeat may be before communication counts as
 *     interrupted
 * @param maxAckDelay a client whose {@code secs} exceeds this counts as unanswered by the partner
 * @param maxUnackedClients how many such clients it takes (more than this) to declare the partner
 *     down; zero: no client analysis
 * @param maxRejectedLeaseUpdates how many clients' updates the partner may reject before this
 *     server terminates (Kea 2.3.1+); zero: never
 * @param delayedUpdatesLimit the lease-update backlog kept in communication-recovery; zero: that
 *     state is never entered
 * @param sendLeaseUpdates whether leases are sent to the peers
 * @param syncLeases whether a starting server fetches the partner's leases
 * @param syncTimeout the time-out of one sync request (and the partner's {@code dhcp-disable}
 *     period)
 * @param syncPageLimit the leases asked for per {@code lease4-get-page}
 * @param waitBackupAck passive-backup only: whether replies wait for the backups' answers
 * @param restrictCommands whether the peer listener takes only the commands a partner sends
 * @param requireClientCerts whether the peer listener demands client certificates
 * @param multiThreading the {@code multi-threading} map
 * @param pausing the states with a {@code pause} other than never
 * @param peers every peer, in configuration order
 */
public record HaConfig(
    String thisServerName,
    HaMode mode,
    Duration heartbeatDelay,
    Duration maxResponseDelay,
    Duration maxAckDelay,
    long maxUnackedClients,
    long maxRejectedLeaseUpdates,
    long delayedUpdatesLimit,
    boolean sendLeaseUpdates,
    boolean syncLeases,
    Duration syncTimeout,
    long syncPageLimit,
    boolean waitBackupAck,
    boolean restrictCommands,
    boolean requireClientCerts,
    MultiThreading multiThreading,
    Map<HaState, StatePausing> pausing,
    List<HaPeer> peers) {

  /** What a peer's name is prefixed with to name the class of its scope. */
  public static final String CLASS_PREFIX = "HA_";

  /**
   * The {@code multi-threading} map of an HA relationship.
   *
   * @param enabled {@code enable-multi-threading}
   * @param httpDedicatedListener {@code http-dedicated-listener}: the server takes peer commands on
   *     its own URL
   * @param httpListenerThreads {@code http-listener-threads} (0: as many as DHCP threads)
   * @param httpClientThreads {@code http-client-threads} (0: as many as DHCP threads)
   */
  public record MultiThreading(
      boolean enabled,
      boolean httpDedicatedListener,
      long httpListenerThreads,
      long httpClientThreads) {

    /** Kea 2.2's defaults: off. */
    public static final MultiThreading DEFAULTS = new MultiThreading(false, false, 0, 0);
  }

  public HaConfig {
    Objects.requireNonNull(thisServerName, "thisServerName");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(heartbeatDelay, "heartbeatDelay");
    Objects.requireNonNull(maxResponseDelay, "maxResponseDelay");
    Objects.requireNonNull(maxAckDelay, "maxAckDelay");
    Objects.requireNonNull(syncTimeout, "syncTimeout");
    Objects.requireNonNull(multiThreading, "multiThreading");
    pausing = pausing.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(pausing));
    peers = List.copyOf(peers);
    if (peers.stream().noneMatch(p -> p.name().equals(thisServerName))) {
      throw new IllegalArgumentException("no peer named '" + thisServerName + "'");
    }
  }

  /** This server's own peer entry. */
  public HaPeer thisServer() {
    return peer(thisServerName).orElseThrow();
  }

  /** The peer named {@code name}. */
  public Optional<HaPeer> peer(String name) {
    return peers.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** This server's role. */
  public HaRole role() {
    return thisServer().role();
  }

  /**
   * The other active server (the secondary or standby for a primary, the primary for them); empty
   * in passive-backup mode.
   */
  public Optional<HaPeer> partner() {
    if (mode == HaMode.PASSIVE_BACKUP) {
      return Optional.empty();
    }
    return peers.stream()
        .filter(p -> !p.name().equals(thisServerName) && p.role() != HaRole.BACKUP)
        .findFirst();
  }

  /**
   * The servers that answer clients, in the order the load-balancing hash indexes them: the primary
   * first, then the secondary or standby (spec §6.6).
   */
  public List<HaPeer> activeServers() {
    List<HaPeer> out = new ArrayList<>();
    peers.stream().filter(p -> p.role() == HaRole.PRIMARY).forEach(out::add);
    peers.stream()
        .filter(p -> p.role() == HaRole.SECONDARY || p.role() == HaRole.STANDBY)
        .forEach(out::add);
    return out;
  }

  /** The {@code pause} configured for {@code state} ({@link StatePausing#NEVER} by default). */
  public StatePausing pausing(HaState state) {
    return pausing.getOrDefault(state, StatePausing.NEVER);
  }

  /** The class names of the active servers' scopes ({@code HA_server1}, ...). */
  public List<String> classNames() {
    return activeServers().stream().map(HaPeer::className).toList();
  }
}
