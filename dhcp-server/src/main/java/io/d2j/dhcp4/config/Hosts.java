package io.d2j.dhcp4.config;

import java.util.List;
import java.util.Objects;

/**
 * Host reservation settings of the whole server.
 *
 * @param identifiers {@code host-reservation-identifiers}: which identifiers of a query are looked
 *     up, in this order
 * @param global {@code Dhcp4.reservations}
 * @param index every reservation, global and per subnet, indexed
 * @param earlyGlobalLookup {@code early-global-reservations-lookup}: look the global reservations
 *     up before subnet selection, so that their client classes can steer it
 * @param addressesUnique {@code ip-reservations-unique}: one reservation per address and subnet
 * @param lookupFirst {@code reservations-lookup-first}: Kea's order of lease and reservation
 *     lookups for multi-threading; d2j always looks reservations up first, so either value behaves
 *     the same
 */
public record Hosts(
    List<HostIdentifier.Type> identifiers,
    List<Reservation> global,
    HostIndex index,
    boolean earlyGlobalLookup,
    boolean addressesUnique,
    boolean lookupFirst) {

  public Hosts {
    identifiers = List.copyOf(identifiers);
    global = List.copyOf(global);
    Objects.requireNonNull(index, "index");
  }
}
