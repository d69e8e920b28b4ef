package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.alloc.Ingress;
import io.d2j.dhcp4.alloc.LeaseNamer;
import io.d2j.dhcp4.classify.ClientClasses;
import io.d2j.dhcp4.classify.PacketFacts;
import io.d2j.dhcp4.config.Reservation;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What handlers learn about one query as it passes the chain: where it came from (set by the shell)
 * and what earlier handlers decided (subnet, lease, reservation). Confined to the packet thread;
 * one instance per query.
 */
public final class PacketContext {

  /** A typed slot for a third-party handler's own per-query data. */
  public record Key<T>(String name, Class<T> type) {}

  /**
   * The core's key between two plugins: where a handler before allocation (the {@code ddns-naming}
   * slot) leaves the query's {@link LeaseNamer}, which allocation calls once it has chosen the
   * subnet and the address; absent, leases keep the names allocation gives them. Here, in the core,
   * so that neither plugin imports the other.
   */
  public static final Key<LeaseNamer> LEASE_NAMER = new Key<>("lease-namer", LeaseNamer.class);

  private final Instant now;
  private final Inet4Address serverId;
  private final Ingress ingress;
  private final Inet4Address source;
  private final Inet4Address destination;
  private final ClientClasses classes = new ClientClasses();
  private final Map<Key<?>, Object> attributes = new HashMap<>();
  // Kept as the Optionals the getters return: handlers ask several times per query, and C1
  // would allocate a fresh Optional for each ask.
  private PacketFacts facts;
  private Optional<Subnet4> subnet = Optional.empty();
  private Optional<Lease4> lease = Optional.empty();
  private Optional<Reservation> reservation = Optional.empty();

  /**
   * @param now the time the query is handled at
   * @param serverId this server's identifier for the query (option 54)
   * @param localAddresses addresses of the interface it arrived on
   */
  public PacketContext(Instant now, Inet4Address serverId, List<Inet4Address> localAddresses) {
    this(now, serverId, Ingress.addresses(localAddresses));
  }

  /**
   * @param now the time the query is handled at
   * @param serverId this server's identifier for the query (option 54)
   * @param ingress the interface it arrived on
   */
  public PacketContext(Instant now, Inet4Address serverId, Ingress ingress) {
    this(now, serverId, ingress, DhcpPacket.ANY, DhcpPacket.ANY);
  }

  /**
   * @param source the datagram's sender ({@code pkt.src}), {@link DhcpPacket#ANY} when unknown
   * @param destination the address it was sent to ({@code pkt.dst}), {@link DhcpPacket#ANY} when
   *     unknown
   */
  public PacketContext(
      Instant now,
      Inet4Address serverId,
      Ingress ingress,
      Inet4Address source,
      Inet4Address destination) {
    this.now = Objects.requireNonNull(now, "now");
    this.serverId = Objects.requireNonNull(serverId, "serverId");
    this.ingress = Objects.requireNonNull(ingress, "ingress");
    this.source = Objects.requireNonNull(source, "source");
    this.destination = Objects.requireNonNull(destination, "destination");
  }

  /** What client-class tests may ask about {@code query} and its origin. */
  public PacketFacts facts(DhcpPacket query) {
    // Classification and allocation both ask for the query's facts; make them once.
    if (facts == null || facts.query() != query) {
      facts = new PacketFacts(query, ingress.interfaceName().orElse(""), source, destination);
    }
    return facts;
  }

  /**
   * The classes the query belongs to, filled by the {@code classify} handler and by allocation
   * (reservations, KNOWN/UNKNOWN, required classes); later handlers read them.
   */
  public ClientClasses classes() {
    return classes;
  }

  public Instant now() {
    return now;
  }

  public Inet4Address serverId() {
    return serverId;
  }

  public List<Inet4Address> localAddresses() {
    return ingress.addresses();
  }

  /** The interface the query arrived on (subnet selection for directly connected clients). */
  public Ingress ingress() {
    return ingress;
  }

  public Optional<Subnet4> subnet() {
    return subnet;
  }

  /** The lease offered or acknowledged (absent for INFORM, NAK and silent outcomes). */
  public Optional<Lease4> lease() {
    return lease;
  }

  public Optional<Reservation> reservation() {
    return reservation;
  }

  /** Set by the allocation handler. */
  public void allocated(Subnet4 s, Optional<Lease4> l, Optional<Reservation> r) {
    this.subnet = Optional.of(Objects.requireNonNull(s, "s"));
    this.lease = Objects.requireNonNull(l, "l");
    this.reservation = Objects.requireNonNull(r, "r");
  }

  public <T> void put(Key<T> key, T value) {
    attributes.put(key, key.type().cast(value));
  }

  public <T> Optional<T> get(Key<T> key) {
    return Optional.ofNullable(key.type().cast(attributes.get(key)));
  }
}
