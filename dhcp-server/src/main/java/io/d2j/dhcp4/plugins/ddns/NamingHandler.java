package io.d2j.dhcp4.plugins.ddns;

import io.d2j.dhcp4.alloc.LeaseNamer;
import io.d2j.dhcp4.config.Reservation;
import io.d2j.dhcp4.ddns.ClientNames;
import io.d2j.dhcp4.ddns.LeaseNames;
import io.d2j.dhcp4.ddns.NameDecision;
import io.d2j.dhcp4.ddns.NamePolicy;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.util.Optional;

/**
 * Before allocation: reads the query's name options and leaves a {@link LeaseNamer} for the
 * allocation slot, so the lease is offered and stored with its names (a generated name depends on
 * the address chosen, and its subnet's parameters on the subnet chosen). A query whose option 81
 * sets both N and S (unless {@code lenient-option-parsing}), or is malformed, is dropped as Kea
 * drops it (spec §2.1, §1.5).
 */
final class NamingHandler implements PacketHandler {

  /** The query's name options, for the response handler. */
  static final PacketContext.Key<ClientNames> CLIENT_NAMES =
      new PacketContext.Key<>("ddns-client-names", ClientNames.class);

  /**
   * The naming decision, taken once per query when allocation names the lease (it needs the subnet
   * and the reservation allocation chose), and read again by the response handler.
   */
  static final PacketContext.Key<NameDecision> DECISION =
      new PacketContext.Key<>("ddns-name-decision", NameDecision.class);

  private final boolean lenient;

  /**
   * @param lenient {@code lenient-option-parsing}: option 81 with N and S is read as S
   */
  NamingHandler(boolean lenient) {
    this.lenient = lenient;
  }

  /**
   * No: it reads the query's options into its context. The {@link LeaseNamer} it leaves runs later,
   * inside allocation, under the lock.
   */
  @Override
  public boolean needsLeaseLock() {
    return false;
  }

  @Override
  public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context) {
    Optional<DhcpMessageType> type = query.messageType();
    // Names are processed for DISCOVER and REQUEST only, never for INFORM (spec §2.2).
    if (type.isEmpty()
        || (type.get() != DhcpMessageType.DISCOVER && type.get() != DhcpMessageType.REQUEST)) {
      return Verdict.next(reply);
    }
    ClientNames names;
    try {
      names = ClientNames.of(query.options(), lenient);
    } catch (IllegalArgumentException e) {
      return Verdict.drop(e.getMessage());
    }
    context.put(CLIENT_NAMES, names);
    context.put(
        PacketContext.LEASE_NAMER,
        (subnet, reservation, lease) -> {
          NameDecision decision =
              NamePolicy.decide(names, subnet.ddns(), reservedHostname(reservation));
          context.put(DECISION, decision);
          if (decision instanceof NameDecision.NoName none
              && (names.fqdn().isPresent() || names.hostname().isPresent())) {
            Dhcp4Log.DHCP4_CLIENT_NAME_NOT_USED.log(
                query.hardwareAddress().toColonHex(), none.reason());
          }
          LeaseNames n = decision.names(lease.address());
          return lease.withDns(n.hostname(), n.fwd(), n.rev());
        });
    return Verdict.next(reply);
  }

  static String reservedHostname(Optional<Reservation> reservation) {
    return reservation.map(Reservation::hostname).orElse("");
  }
}
