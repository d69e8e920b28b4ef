package io.d2j.dhcp4.plugins.allocation;

import io.d2j.dhcp4.alloc.Client;
import io.d2j.dhcp4.alloc.Decision;
import io.d2j.dhcp4.alloc.LeaseChange;
import io.d2j.dhcp4.alloc.LeaseEventClassifier;
import io.d2j.dhcp4.alloc.LeaseFlows;
import io.d2j.dhcp4.alloc.LeaseNamer;
import io.d2j.dhcp4.classify.Classifier;
import io.d2j.dhcp4.classify.EvaluationLog;
import io.d2j.dhcp4.classify.PacketFacts;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Reservation;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.Replies;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the pure {@link LeaseFlows} decision into a reply: stores the lease change, tells {@link
 * LeaseEvents} what it means (the pure {@link LeaseEventClassifier}), then sets message type,
 * ciaddr and yiaddr (RFC 2131 table 3). The packet thread sends the reply, and lets the events
 * through, only once the change is durable.
 */
final class AllocationHandler implements PacketHandler {

  private final LeaseFlows flows;
  private final LeaseStore leases;
  private final LeaseEvents events;
  private final Dhcp4Config config;
  private final Classifier classifier;
  private final StarvationAlarm starvation;

  AllocationHandler(
      LeaseFlows flows,
      LeaseStore leases,
      LeaseEvents events,
      Dhcp4Config config,
      StarvationAlarm starvation) {
    this.starvation = starvation;
    this.flows = flows;
    this.leases = leases;
    this.events = events;
    this.config = config;
    this.classifier = config.clientClasses().classifier();
  }

  @Override
  public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context) {
    PacketFacts facts = context.facts(query);
    Decision d =
        flows.decide(
            new LeaseFlows.Query(query, facts, context.classes(), EvaluationLog.INSTANCE),
            context.serverId(),
            context.ingress(),
            context.now(),
            context.get(PacketContext.LEASE_NAMER).orElse(LeaseNamer.NONE));
    if (d instanceof Decision.Offer o) {
      context.allocated(o.subnet(), Optional.of(o.lease()), o.reservation());
      requiredClasses(facts, context, o.subnet(), Optional.of(o.lease()), o.reservation());
      return Verdict.next(
          typed(
              Replies.withAddresses(reply, DhcpPacket.ANY, o.lease().address()),
              DhcpMessageType.OFFER));
    } else if (d instanceof Decision.Ack a) {
      apply(a.change());
      context.allocated(a.subnet(), Optional.of(a.lease()), a.reservation());
      requiredClasses(facts, context, a.subnet(), Optional.of(a.lease()), a.reservation());
      return Verdict.next(
          typed(
              Replies.withAddresses(reply, query.ciaddr(), a.lease().address()),
              DhcpMessageType.ACK));
    } else if (d instanceof Decision.InformAck i) {
      context.allocated(i.subnet(), Optional.empty(), i.reservation());
      requiredClasses(facts, context, i.subnet(), Optional.empty(), i.reservation());
      // §4.3.5: no lease time, yiaddr zero, ciaddr echoed.
      return Verdict.next(
          typed(Replies.withAddresses(reply, query.ciaddr(), DhcpPacket.ANY), DhcpMessageType.ACK));
    } else if (d instanceof Decision.Nak n) {
      DhcpPacket nak = typed(reply, DhcpMessageType.NAK);
      return Verdict.next(
          nak.withOptions(nak.options().toBuilder().text(OptionCodes.MESSAGE, n.reason()).build()));
    } else if (d instanceof Decision.NoAddress none) {
      starvation.noAddress(none, query, context.now());
      return Verdict.drop(none.reason());
    }
    Decision.Silent s = (Decision.Silent) d;
    apply(s.change());
    return Verdict.drop(s.reason());
  }

  /**
   * After allocation, as Kea: a subnet reservation's classes join now when the subnet is in a
   * shared network (allocation may have moved the client to another subnet of it), then the {@code
   * only-if-required} classes the shared network, the subnet and the address's pool list are
   * evaluated, in that order.
   */
  private void requiredClasses(
      PacketFacts facts,
      PacketContext context,
      Subnet4 subnet,
      Optional<Lease4> lease,
      Optional<Reservation> reservation) {
    if (subnet.sharedNetwork().isPresent() && reservation.isPresent()) {
      boolean global = config.hosts().global().contains(reservation.get());
      if (!global) {
        context.classes().addAll(reservation.get().clientClasses());
      }
    }
    List<String> names = new ArrayList<>(subnet.networkRequiredClasses());
    names.addAll(subnet.requiredClasses());
    lease.flatMap(l -> subnet.pool(l.address())).ifPresent(p -> names.addAll(p.requiredClasses()));
    if (!names.isEmpty()) {
      classifier.required(facts, context.classes(), names, EvaluationLog.INSTANCE);
    }
  }

  /** Stores the change, then tells the listeners what it means ({@link LeaseEventClassifier}). */
  private void apply(LeaseChange change) {
    if (change instanceof LeaseChange.Add add) {
      leases.add(add.lease());
    } else if (change instanceof LeaseChange.Update u) {
      leases.update(u.lease());
    } else if (change instanceof LeaseChange.Delete del) {
      leases.delete(del.lease().address());
    }
    LeaseEventClassifier.Classified c = LeaseEventClassifier.classify(change, this::leasesOf);
    c.unnamed().ifPresent(leases::update);
    c.events().forEach(e -> e.fire(events));
  }

  private List<Lease4> leasesOf(Client client) {
    return client.clientId().isEmpty()
        ? leases.getByHwAddress(client.hwaddr())
        : leases.getByClientId(client.clientId());
  }

  private static DhcpPacket typed(DhcpPacket reply, DhcpMessageType type) {
    return reply.withOptions(reply.options().toBuilder().messageType(type).build());
  }
}
