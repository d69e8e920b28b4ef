package io.d2j.dhcp4.plugins.ddns;

import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.ddns.ClientNames;
import io.d2j.dhcp4.ddns.NameDecision;
import io.d2j.dhcp4.ddns.NamePolicy;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.util.Optional;

/**
 * After allocation: puts option 81 (flags per spec §2.3, E and RCODEs as the client sent them, the
 * lease's name, absolute) or option 12 (the lease's name, no trailing dot) into an OFFER or ACK
 * that carries a lease. The name is the one on the lease, so the reply and the lease file never
 * disagree, and the decision is the one the naming handler took for the lease.
 */
final class ResponseHandler implements PacketHandler {

  /** No: it reads the query's context (its lease, subnet, decision) and the configuration. */
  @Override
  public boolean needsLeaseLock() {
    return false;
  }

  @Override
  public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context) {
    Optional<ClientNames> names = context.get(NamingHandler.CLIENT_NAMES);
    Optional<Lease4> lease = context.lease();
    Optional<Subnet4> subnet = context.subnet();
    Optional<DhcpMessageType> type = reply.messageType();
    if (names.isEmpty()
        || lease.isEmpty()
        || subnet.isEmpty()
        || type.isEmpty()
        || (type.get() != DhcpMessageType.OFFER && type.get() != DhcpMessageType.ACK)) {
      return Verdict.next(reply);
    }
    // Taken when allocation named the lease; a lease allocation did not name (none to name) is
    // decided here, once, from the same inputs.
    NameDecision decision =
        context
            .get(NamingHandler.DECISION)
            .orElseGet(
                () ->
                    NamePolicy.decide(
                        names.get(),
                        subnet.get().ddns(),
                        NamingHandler.reservedHostname(context.reservation())));
    Optional<NameDecision.ResponseOption> option = decision.response(lease.get().hostname());
    if (option.isEmpty()) {
      return Verdict.next(reply);
    }
    return Verdict.next(
        reply.withOptions(
            reply.options().toBuilder().put(option.get().code(), option.get().payload()).build()));
  }
}
