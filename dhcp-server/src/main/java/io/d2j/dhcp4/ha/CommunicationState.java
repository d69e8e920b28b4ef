package io.d2j.dhcp4.ha;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this server knows of its partner (spec §6.11): the partner's last reported state (or {@link
 * HaState#UNAVAILABLE}), when a heartbeat was last answered, the clock skew, the partner's
 * unsent-update count, and the clients that seem unanswered while communication is interrupted.
 * Pure: time comes from the injected clock. Confined to the HA machine's thread.
 */
public final class CommunicationState {

  /** Clock skew beyond this is logged ({@code HA_HIGH_CLOCK_SKEW}). */
  static final Duration WARN_SKEW = Duration.ofSeconds(30);

  /** Clock skew beyond this terminates the relationship. */
  static final Duration TERMINATE_SKEW = Duration.ofSeconds(60);

  /** At most one skew warning per this period. */
  static final Duration SKEW_WARN_INTERVAL = Duration.ofSeconds(60);

  /**
   * A client whose update the partner rejected counts for {@code max-rejected-lease-updates} this
   * long after its last rejection (Kea's default: a day), unless an update of its is accepted
   * first.
   */
  static final Duration REJECTED_CLIENT_LIFETIME = Duration.ofDays(1);

  /**
   * A partner's answer to {@code ha-heartbeat}.
   *
   * @param state the partner's state
   * @param dateTime the partner's clock at the answer ({@code date-time}, 1 s resolution)
   * @param scopes the scopes the partner serves
   * @param unsentUpdateCount the partner's count of updates it could not send, when reported
   */
  public record Heartbeat(
      HaState state, Instant dateTime, Set<String> scopes, Optional<Long> unsentUpdateCount) {
    public Heartbeat {
      if (state == HaState.UNAVAILABLE) {
        throw new IllegalArgumentException("a partner never reports itself unavailable");
      }
      scopes = Set.copyOf(scopes);
    }
  }

  private final HaConfig config;
  private final Clock clock;
  private HaState partnerState = HaState.UNAVAILABLE;
  private boolean inTouch;
  private Set<String> partnerScopes = Set.of();
  private Instant lastPoke;
  private Duration skew = Duration.ZERO;
  private Instant lastSkewWarning;
  private long previousUnsent;
  private long lastUnsent;
  private long analyzedPackets;
  private final Map<List<Octets>, Boolean> connectingClients = new HashMap<>();

  /** Clients whose last lease update the partner rejected, with when they stop counting. */
  private final Map<List<Octets>, Instant> rejectedClients = new HashMap<>();

  public CommunicationState(HaConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.lastPoke = clock.instant();
  }

  /**
   * The HA service started (its first heartbeat just went out): the partner has {@code
   * max-response-delay} from now to answer, whenever this state was made. The server builds it
   * before it opens its sockets and peer listener, seconds earlier on a loaded host.
   */
  public void serviceStarted() {
    poke(clock.instant());
  }

  /** A heartbeat was answered: the partner's state, and communication counts as working now. */
  public void heartbeatAnswered(Heartbeat answer) {
    Instant now = clock.instant();
    inTouch = true;
    partnerState = answer.state();
    partnerScopes = answer.scopes();
    skew = Duration.between(now, answer.dateTime());
    answer
        .unsentUpdateCount()
        .ifPresent(
            n -> {
              previousUnsent = lastUnsent;
              lastUnsent = n;
            });
    poke(now);
  }

  /** A heartbeat or lease update failed: the partner's state is unknown until it answers again. */
  public void partnerUnavailable() {
    inTouch = true;
    partnerState = HaState.UNAVAILABLE;
  }

  /**
   * Whether any exchange with the partner has ended since start, answered or not ({@code
   * status-get}'s {@code in-touch}, as Kea reports it).
   */
  public boolean inTouch() {
    return inTouch;
  }

  private void poke(Instant now) {
    lastPoke = now;
    connectingClients.clear();
    analyzedPackets = 0;
  }

  /** The clock this state reads. */
  public java.time.Clock clock() {
    return clock;
  }

  public HaState partnerState() {
    return partnerState;
  }

  public Set<String> partnerScopes() {
    return partnerScopes;
  }

  /**
   * When a heartbeat was last answered (before the first, the service's start: {@link
   * #serviceStarted}).
   */
  public Instant lastPoke() {
    return lastPoke;
  }

  /** Whether the last answered heartbeat is older than {@code max-response-delay}. */
  public boolean interrupted() {
    return Duration.between(lastPoke, clock.instant()).compareTo(config.maxResponseDelay()) > 0;
  }

  /**
   * Takes note of a query in the partner's scope while communication is interrupted: a client whose
   * {@code secs} exceeds {@code max-ack-delay} has waited for an answer the partner did not give.
   * Clients are told apart by hardware address and client identifier; once unacked, a client stays
   * so until communication is back.
   */
  public void analyze(DhcpPacket query) {
    if (!interrupted()) {
      return;
    }
    analyzedPackets++;
    int secs = query.secs();
    // Some clients send secs in little-endian order: 0x0100 for one second.
    if (secs > 0xFF && (secs & 0xFF) == 0) {
      secs = secs >>> 8;
    }
    boolean unacked = secs * 1000L > config.maxAckDelay().toMillis();
    List<Octets> key =
        List.of(
            query.hlen() <= query.chaddr().length() ? query.hardwareAddress() : query.chaddr(),
            query.options().clientIdentifier().orElse(Octets.EMPTY));
    connectingClients.merge(key, unacked, Boolean::logicalOr);
  }

  /**
   * The partner rejected a lease update of this client (result 4, a conflict): the client counts
   * towards {@code max-rejected-lease-updates} for a day from now, once however often it is
   * rejected.
   *
   * @return whether the client was not counted yet
   */
  public boolean leaseUpdateRejected(Octets hardwareAddress, Octets clientId) {
    Instant until = clock.instant().plus(REJECTED_CLIENT_LIFETIME);
    return rejectedClients.put(List.of(hardwareAddress, clientId), until) == null;
  }

  /**
   * The partner accepted a lease update of this client: a rejection before no longer counts.
   *
   * @return whether the client was counted
   */
  public boolean leaseUpdateAccepted(Octets hardwareAddress, Octets clientId) {
    return !rejectedClients.isEmpty()
        && rejectedClients.remove(List.of(hardwareAddress, clientId)) != null;
  }

  /** Distinct clients whose lease updates the partner rejected within the last day. */
  public long rejectedLeaseUpdates() {
    Instant now = clock.instant();
    rejectedClients.values().removeIf(until -> !until.isAfter(now));
    return rejectedClients.size();
  }

  /** Forgets the rejected clients (on entering a state that starts over with the partner). */
  public void clearRejectedLeaseUpdates() {
    rejectedClients.clear();
  }

  /**
   * Whether the partner rejected updates of {@code max-rejected-lease-updates} distinct clients or
   * more (never when that is 0): the two servers disagree about their configuration.
   */
  public boolean rejectedLeaseUpdatesTerminate() {
    long max = config.maxRejectedLeaseUpdates();
    return max > 0 && rejectedLeaseUpdates() >= max;
  }

  /** Clients seen while communication is interrupted. */
  public long connectingClients() {
    return connectingClients.size();
  }

  /** Of them, those whose {@code secs} exceeded {@code max-ack-delay}. */
  public long unackedClients() {
    return connectingClients.values().stream().filter(b -> b).count();
  }

  /** Queries analysed since communication was last working. */
  public long analyzedPackets() {
    return analyzedPackets;
  }

  /**
   * How many more unacked clients it takes to declare the partner down ({@code status-get}): 0
   * while communication works.
   */
  public long unackedClientsLeft() {
    long unacked = unackedClients();
    return interrupted() && config.maxUnackedClients() >= unacked
        ? config.maxUnackedClients() - unacked + 1
        : 0;
  }

  /**
   * Whether the clients show the partner is down: {@code max-unacked-clients} is 0, or more clients
   * than it went unanswered.
   */
  public boolean failureDetected() {
    return config.maxUnackedClients() == 0 || unackedClients() > config.maxUnackedClients();
  }

  /** The partner's clock minus this server's, at the last answered heartbeat. */
  public Duration clockSkew() {
    return skew;
  }

  /** Whether the skew is past the terminating limit (60 s either way). */
  public boolean skewTerminates() {
    return skew.abs().compareTo(TERMINATE_SKEW) > 0;
  }

  /**
   * Whether the skew deserves a warning now: past 30 s either way, and no warning in the last 60 s
   * (the call records that one is given).
   */
  public boolean skewWarningDue() {
    if (skew.abs().compareTo(WARN_SKEW) <= 0) {
      return false;
    }
    Instant now = clock.instant();
    if (lastSkewWarning != null
        && Duration.between(lastSkewWarning, now).compareTo(SKEW_WARN_INTERVAL) <= 0) {
      return false;
    }
    lastSkewWarning = now;
    return true;
  }

  /**
   * Whether the partner reported a new, non-zero unsent-update count in its last heartbeat: it
   * allocated leases this server never received.
   */
  public boolean partnerHasNewUnsentUpdates() {
    return lastUnsent > 0 && lastUnsent != previousUnsent;
  }
}
