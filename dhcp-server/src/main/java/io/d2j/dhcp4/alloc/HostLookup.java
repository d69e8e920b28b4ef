package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.HostIdentifier;
import io.d2j.dhcp4.config.HostIndex;
import io.d2j.dhcp4.config.Reservation;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a query's host reservations as Kea 2.2 does: the query's identifiers are tried in {@code
 * host-reservation-identifiers} order, in each candidate subnet that looks reservations up in the
 * subnet ({@code reservations-in-subnet}) and globally when a subnet looks there ({@code
 * reservations-global}). Identifiers: {@code hw-address} (chaddr), {@code duid} (the DUID inside an
 * RFC 4361 client identifier: type 255, 4 octets of IAID, then the DUID), {@code circuit-id}
 * (option 82 sub-option 1), {@code client-id} (all of option 61); {@code flex-id} needs Kea's
 * flex_id hook and so never matches here.
 */
public final class HostLookup {

  private final HostIndex index;
  private final List<HostIdentifier.Type> order;

  public HostLookup(Dhcp4Config config) {
    this.index = config.hosts().index();
    this.order = config.hosts().identifiers();
  }

  /** What was found for one query. */
  public record Found(Map<Long, Reservation> bySubnet, Optional<Reservation> global) {

    static final Found NONE = new Found(Map.of(), Optional.empty());

    /** Whether any reservation was found (the query joins KNOWN, else UNKNOWN). */
    public boolean known() {
      return !bySubnet.isEmpty() || global.isPresent();
    }

    /**
     * The reservation that applies in {@code subnet}: the subnet's own when it looks there, else
     * the global one when it looks there (Kea's currentHost).
     */
    public Optional<Reservation> current(Subnet4 subnet) {
      if (subnet.policy().reservationsInSubnet()) {
        Reservation r = bySubnet.get(subnet.id());
        if (r != null) {
          return Optional.of(r);
        }
      }
      return subnet.policy().reservationsGlobal() ? global : Optional.empty();
    }

    /** Whether {@code r} is one of this query's reservations. */
    boolean isMine(Reservation r) {
      return global.filter(g -> g == r).isPresent() || bySubnet.containsValue(r);
    }
  }

  /** The query's identifiers, in lookup order (those it has). */
  public List<HostIdentifier> identifiers(DhcpPacket query) {
    List<HostIdentifier> out = new ArrayList<>();
    Octets cid = query.options().find(OptionCodes.CLIENT_IDENTIFIER);
    for (int i = 0; i < order.size(); i++) { // indexed: C1 allocates iterators
      HostIdentifier.Type t = order.get(i);
      Octets v =
          switch (t) {
            case HW_ADDRESS -> query.hardwareAddress();
            case DUID ->
                cid != null && cid.length() > 5 && cid.get(0) == 255
                    ? cid.slice(5, cid.length() - 5)
                    : Octets.EMPTY;
            case CIRCUIT_ID -> circuitId(query);
            case CLIENT_ID -> cid == null ? Octets.EMPTY : cid;
            case FLEX_ID -> Octets.EMPTY;
          };
      if (!v.isEmpty()) {
        out.add(new HostIdentifier(t, v));
      }
    }
    return out;
  }

  /** Global reservations only ({@code early-global-reservations-lookup}, before a subnet). */
  public Found global(List<HostIdentifier> ids) {
    return new Found(Map.of(), first(HostIndex.GLOBAL, ids));
  }

  /** Reservations in {@code candidates} (a subnet, or the usable subnets of its network). */
  public Found find(List<Subnet4> candidates, List<HostIdentifier> ids) {
    if (ids.isEmpty() || candidates.isEmpty()) {
      return Found.NONE;
    }
    // Runs per query, mostly finding nothing: no map, iterator or lambda until something is found.
    Map<Long, Reservation> bySubnet = null;
    boolean lookGlobal = false;
    for (int i = 0; i < candidates.size(); i++) {
      Subnet4 s = candidates.get(i);
      lookGlobal |= s.policy().reservationsGlobal();
      Optional<Reservation> r =
          s.policy().reservationsInSubnet() ? first(s.id(), ids) : Optional.empty();
      if (r.isPresent()) {
        if (bySubnet == null) {
          bySubnet = new HashMap<>();
        }
        bySubnet.put(s.id(), r.get());
      }
    }
    Optional<Reservation> global = lookGlobal ? first(HostIndex.GLOBAL, ids) : Optional.empty();
    return bySubnet == null && global.isEmpty()
        ? Found.NONE
        : new Found(bySubnet == null ? Map.of() : bySubnet, global);
  }

  private Optional<Reservation> first(long subnetId, List<HostIdentifier> ids) {
    if (!index.has(subnetId)) {
      return Optional.empty();
    }
    for (int i = 0; i < ids.size(); i++) {
      Optional<Reservation> r = index.find(subnetId, ids.get(i));
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  /** Sub-option 1 of option 82. */
  static Octets circuitId(DhcpPacket query) {
    Octets rai = query.options().find(OptionCodes.RELAY_AGENT_INFORMATION);
    if (rai == null) {
      return Octets.EMPTY;
    }
    int i = 0;
    while (i + 1 < rai.length()) {
      int code = rai.get(i);
      int len = rai.get(i + 1);
      if (i + 2 + len > rai.length()) {
        break;
      }
      if (code == 1) {
        return rai.slice(i + 2, len);
      }
      i += 2 + len;
    }
    return Octets.EMPTY;
  }
}
