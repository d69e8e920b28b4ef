package io.d2j.dhcp4.plugins.allocation;

import io.d2j.dhcp4.alloc.Client;
import io.d2j.dhcp4.alloc.Decision;
import io.d2j.dhcp4.alloc.LeaseChange;
import io.d2j.dhcp4.alloc.LeaseFlows;
import io.d2j.dhcp4.alloc.LeaseNamer;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.Replies;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.util.List;
import java.util.Optional;

/**
 * Turns the pure {@link LeaseFlows} decision into a reply: stores the lease change, tells {@link
 * LeaseEvents}, then sets message type, ciaddr and yiaddr (RFC 2131 table 3). The packet thread
 * sends the reply, and lets the events through, only once the change is durable.
 */
final class AllocationHandler implements PacketHandler {

  private final LeaseFlows flows;
  private final LeaseStore leases;
  private final LeaseEvents events;

  AllocationHandler(LeaseFlows flows, LeaseStore leases, LeaseEvents events) {
    this.flows = flows;
    this.leases = leases;
    this.events = events;
  }

  @Override
  public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context) {
    Decision d =
        flows.decide(
            query,
            context.serverId(),
            context.ingress(),
            context.now(),
            context.get(AllocationPlugin.LEASE_NAMER).orElse(LeaseNamer.NONE));
    if (d instanceof Decision.Offer o) {
      context.allocated(o.subnet(), Optional.of(o.lease()), o.reservation());
      return Verdict.next(
          typed(
              Replies.withAddresses(reply, DhcpPacket.ANY, o.lease().address()),
              DhcpMessageType.OFFER));
    } else if (d instanceof Decision.Ack a) {
      apply(a.change());
      context.allocated(a.subnet(), Optional.of(a.lease()), a.reservation());
      return Verdict.next(
          typed(
              Replies.withAddresses(reply, query.ciaddr(), a.lease().address()),
              DhcpMessageType.ACK));
    } else if (d instanceof Decision.InformAck i) {
      context.allocated(i.subnet(), Optional.empty(), i.reservation());
      // §4.3.5: no lease time, yiaddr zero, ciaddr echoed.
      return Verdict.next(
          typed(Replies.withAddresses(reply, query.ciaddr(), DhcpPacket.ANY), DhcpMessageType.ACK));
    } else if (d instanceof Decision.Nak n) {
      DhcpPacket nak = typed(reply, DhcpMessageType.NAK);
      return Verdict.next(
          nak.withOptions(nak.options().toBuilder().text(OptionCodes.MESSAGE, n.reason()).build()));
    }
    Decision.Silent s = (Decision.Silent) d;
    apply(s.change());
    return Verdict.drop(s.reason());
  }

  private void apply(LeaseChange change) {
    if (change instanceof LeaseChange.Add add) {
      leases.add(add.lease());
      allocated(add.lease());
    } else if (change instanceof LeaseChange.Update u) {
      leases.update(u.lease());
      if (u.lease().state() == LeaseState.DECLINED) {
        events.onDeclined(u.previous());
      } else if (u.previous().state() == LeaseState.DEFAULT
          && u.previous().hwaddr().equals(u.lease().hwaddr())
          && u.previous().clientId().equals(u.lease().clientId())) {
        events.onRenewed(u.previous(), u.lease());
      } else {
        if (u.previous().state() == LeaseState.DEFAULT) {
          // Another client's expired, unreclaimed lease: reclaimed inline before reuse (§3.2).
          events.onReclaimed(u.previous());
        }
        allocated(u.lease());
      }
    } else if (change instanceof LeaseChange.Delete del) {
      leases.delete(del.lease().address());
      events.onReleased(del.lease());
    }
  }

  /**
   * A lease new to its address. When the same client still holds a named lease on another address
   * (it moved), that one loses its names and the move is reported as a renewal from it, so that the
   * DNS layer removes the old records and adds the new ones: Kea keeps the stale A/PTR in this case
   * (spec §3.4 #1).
   */
  private void allocated(Lease4 lease) {
    Client client = new Client(lease.hwaddr(), lease.clientId());
    List<Lease4> mine =
        lease.clientId().isEmpty()
            ? leases.getByHwAddress(lease.hwaddr())
            : leases.getByClientId(lease.clientId());
    for (Lease4 old : mine) {
      if (!old.address().equals(lease.address())
          && old.state() == LeaseState.DEFAULT
          && client.owns(old)
          && !old.hostname().isEmpty()
          && (old.fqdnFwd() || old.fqdnRev())) {
        leases.update(old.withDns("", false, false));
        events.onRenewed(old, lease);
        return;
      }
    }
    events.onAllocated(lease);
  }

  private static DhcpPacket typed(DhcpPacket reply, DhcpMessageType type) {
    return reply.withOptions(reply.options().toBuilder().messageType(type).build());
  }
}
