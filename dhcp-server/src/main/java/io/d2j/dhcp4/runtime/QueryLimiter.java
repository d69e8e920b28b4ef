package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.alloc.Ingress;
import io.d2j.dhcp4.config.QueryRateLimits;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keacontrol.limits.TokenBuckets;
import io.d2j.ncr.IpAddresses;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code user-context.d2j.query-rate-limit} applied: one token bucket per client and one per relay
 * ({@link QueryRateLimits}); a query is admitted only when both of its buckets hold a token, and
 * then takes one from each. A query over one budget takes from neither, so a chatty client does not
 * spend its relay's budget beyond its own.
 *
 * <p>A client is its hardware address (htype + chaddr), or its client identifier when the query has
 * no hardware address; one with neither is limited per relay only. A relay is the giaddr of a
 * relayed query; a directly connected client counts against its ingress interface instead (one
 * "relay" per link). Each table keeps at most {@code max-tracked} entries, forgetting the least
 * recently seen first: an attacker who rotates MAC addresses cannot grow it, and a client forgotten
 * that way starts again with a full bucket (so eviction only ever errs towards admitting).
 *
 * <p>Time comes from the query's {@code now} (the packet context's clock), so tests run on virtual
 * time. Thread-safe (one monitor; the packet threads call it under the lease lock anyway).
 */
final class QueryLimiter {

  /** What became of a query. */
  enum Verdict {
    ADMITTED,
    CLIENT_OVER,
    RELAY_OVER
  }

  private final QueryRateLimits limits;
  private final TokenBuckets<Object> clients;
  private final TokenBuckets<Object> relays;

  QueryLimiter(QueryRateLimits limits) {
    this.limits = limits;
    this.clients = limits.perClient().map(r -> table(r, limits.maxTracked())).orElse(null);
    this.relays = limits.perRelay().map(r -> table(r, limits.maxTracked())).orElse(null);
  }

  private static TokenBuckets<Object> table(QueryRateLimits.Rate rate, int max) {
    return new TokenBuckets<>(rate.perSecond(), rate.burst(), max);
  }

  boolean on() {
    return limits.on();
  }

  QueryRateLimits limits() {
    return limits;
  }

  /** Decides whether {@code query}, received on {@code ingress} at {@code now}, is handled. */
  synchronized Verdict admit(DhcpPacket query, Ingress ingress, Instant now) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    TokenBuckets.Bucket client =
        clients == null ? null : clientKey(query).map(k -> clients.bucket(k, nanos)).orElse(null);
    TokenBuckets.Bucket relay =
        relays == null
            ? null
            : relayKey(query, ingress).map(k -> relays.bucket(k, nanos)).orElse(null);
    if (client != null && !client.hasToken()) {
      return Verdict.CLIENT_OVER;
    }
    if (relay != null && !relay.hasToken()) {
      return Verdict.RELAY_OVER;
    }
    if (client != null) {
      client.take();
    }
    if (relay != null) {
      relay.take();
    }
    return Verdict.ADMITTED;
  }

  /** How many clients and relays are remembered now (bounded by {@code max-tracked} each). */
  synchronized int tracked() {
    return (clients == null ? 0 : clients.size()) + (relays == null ? 0 : relays.size());
  }

  /** The client a query counts against, as shown in log lines. */
  static String client(DhcpPacket query) {
    return clientKey(query).map(Object::toString).orElse("(no client identity)");
  }

  /** The relay (or link) a query counts against, as shown in log lines. */
  static String relay(DhcpPacket query, Ingress ingress) {
    return relayKey(query, ingress).map(Object::toString).orElse("(unknown link)");
  }

  private static Optional<Object> clientKey(DhcpPacket query) {
    Octets hw = query.hardwareAddress();
    if (!hw.isEmpty()) {
      return Optional.of(new HwKey(query.htype(), hw));
    }
    return query.options().clientIdentifier().map(ClientIdKey::new);
  }

  private static Optional<Object> relayKey(DhcpPacket query, Ingress ingress) {
    if (query.relayed()) {
      return Optional.of(new RelayKey(IpAddresses.format(query.giaddr())));
    }
    return ingress.interfaceName().map(LinkKey::new);
  }

  private record HwKey(int htype, Octets hw) {
    @Override
    public String toString() {
      return "hwtype=" + htype + " " + hw.toColonHex();
    }
  }

  private record ClientIdKey(Octets id) {
    @Override
    public String toString() {
      return "client-id " + id.toColonHex();
    }
  }

  private record RelayKey(String giaddr) {
    @Override
    public String toString() {
      return "relay " + giaddr;
    }
  }

  private record LinkKey(String nic) {
    @Override
    public String toString() {
      return "link " + nic;
    }
  }
}
