package io.d2j.dhcp4.ha;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which active server's scope a query belongs to (spec §6.5): the class {@code HA_<name>} the
 * classifier gives it (pools split with {@code client-class} select on it) and whether this server
 * answers it while serving a given set of scopes. Pure; one instance per configuration.
 *
 * <pre>{@code
 * QueryScopes scopes = new QueryScopes(ha);
 * scopes.classify(query)                 // Owned[server2] for a client the hash gives index 1
 * scopes.className(query)                // Optional["HA_server2"]: added to the query's classes
 * scopes.served(query, Set.of("server1")) // false: not answered in load-balancing
 * }</pre>
 */
public final class QueryScopes {

  /** The message types HA decides on; every other query goes to the first server's scope. */
  private static final Set<DhcpMessageType> FILTERED =
      EnumSet.of(
          DhcpMessageType.DISCOVER,
          DhcpMessageType.REQUEST,
          DhcpMessageType.DECLINE,
          DhcpMessageType.RELEASE,
          DhcpMessageType.INFORM);

  /** What {@link #classify} found. */
  public sealed interface Scope permits Owned, NoIdentifier {}

  /**
   * The query belongs to {@code owner}'s scope.
   *
   * @param owner the active server the query belongs to
   * @param filtered whether its type is one HA decides on (DISCOVER, REQUEST, DECLINE, RELEASE,
   *     INFORM); others get the first server's scope and every server processes them
   */
  public record Owned(HaPeer owner, boolean filtered) implements Scope {}

  /** Load-balancing, and the query has neither a client identifier nor a hardware address. */
  public record NoIdentifier() implements Scope {}

  private final HaConfig config;
  private final List<HaPeer> active;

  public QueryScopes(HaConfig config) {
    this.config = config;
    this.active = config.activeServers();
  }

  /** The scope {@code query} belongs to. */
  public Scope classify(DhcpPacket query) {
    boolean filtered = query.messageType().map(FILTERED::contains).orElse(false);
    if (!filtered || config.mode() != HaMode.LOAD_BALANCING) {
      // Hot-standby and passive-backup: every query is the primary's (index 0).
      return new Owned(active.get(0), filtered);
    }
    Optional<Octets> key = LoadBalancing.key(query);
    if (key.isEmpty()) {
      return new NoIdentifier();
    }
    return new Owned(active.get(LoadBalancing.serverIndex(key.get(), active.size())), true);
  }

  /**
   * The active server whose scope a lease's client belongs to, by the rule {@link #classify}
   * applies to its queries: in load-balancing the hash of its client identifier, else of its
   * hardware address (empty when it has neither); otherwise the first server's.
   */
  public Optional<HaPeer> ownerOf(Octets clientId, Octets hardwareAddress) {
    if (config.mode() != HaMode.LOAD_BALANCING) {
      return Optional.of(active.get(0));
    }
    Octets key = clientId.isEmpty() ? hardwareAddress : clientId;
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(active.get(LoadBalancing.serverIndex(key, active.size())));
  }

  /**
   * The class the query gets ({@code HA_<owner>}), for the classifier; empty when load-balancing
   * cannot place it (it is dropped).
   */
  public Optional<String> className(DhcpPacket query) {
    return classify(query) instanceof Owned owned
        ? Optional.of(owned.owner().className())
        : Optional.empty();
  }

  /**
   * Whether this server processes {@code query} while it serves {@code servedScopes} (peer names,
   * as heartbeats carry them): a query HA does not filter always is; a filtered one when its
   * owner's scope is served.
   */
  public boolean served(DhcpPacket query, Set<String> servedScopes) {
    if (classify(query) instanceof Owned o) {
      return !o.filtered() || servedScopes.contains(o.owner().name());
    }
    return false;
  }
}
