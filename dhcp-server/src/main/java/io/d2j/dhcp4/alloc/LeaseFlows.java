package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The server side of RFC 2131 §4.3 as a pure function: a query (and what the shell knows about
 * where it came from) in, a {@link Decision} out. Reads leases; never writes them.
 */
public final class LeaseFlows {

  private final Dhcp4Config config;
  private final LeaseStore leases;
  private final SubnetSelector selector;
  private final AddressChooser chooser;

  public LeaseFlows(Dhcp4Config config, LeaseStore leases) {
    this.config = config;
    this.leases = leases;
    this.selector = new SubnetSelector(config);
    this.chooser = new AddressChooser(leases);
  }

  /**
   * Decides the answer to {@code query}.
   *
   * @param serverId this server's identifier on the interface the query came in on
   * @param localAddresses addresses of that interface (subnet selection for direct clients)
   */
  public Decision decide(
      DhcpPacket query, Inet4Address serverId, List<Inet4Address> localAddresses, Instant now) {
    return decide(query, serverId, localAddresses, now, LeaseNamer.NONE);
  }

  /**
   * Decides the answer to {@code query}, naming offered and acknowledged leases with {@code namer}.
   */
  public Decision decide(
      DhcpPacket query,
      Inet4Address serverId,
      List<Inet4Address> localAddresses,
      Instant now,
      LeaseNamer namer) {
    return decide(query, serverId, Ingress.addresses(localAddresses), now, namer);
  }

  /**
   * Decides the answer to {@code query} that came in at {@code ingress}, naming offered and
   * acknowledged leases with {@code namer}.
   */
  public Decision decide(
      DhcpPacket query, Inet4Address serverId, Ingress ingress, Instant now, LeaseNamer namer) {
    Optional<DhcpMessageType> type = query.messageType();
    if (type.isEmpty()) {
      return Decision.Silent.because("no message type (option 53)");
    }
    Optional<Octets> cid = query.options().clientIdentifier();
    if (cid.isPresent()
        && (cid.get().length() < Lease4.MIN_CLIENT_ID_LENGTH
            || cid.get().length() > Lease4.MAX_CLIENT_ID_LENGTH)) {
      return Decision.Silent.because(
          "client identifier of " + cid.get().length() + " octets is outside 2-128");
    }
    Client client = new Client(query.hardwareAddress(), cid.orElse(Octets.EMPTY));
    if (client.hwaddr().isEmpty() && client.clientId().isEmpty()) {
      return Decision.Silent.because("neither a hardware address nor a client identifier");
    }
    Optional<Subnet4> subnet = selector.select(query, ingress);
    switch (type.get()) {
      case DISCOVER:
        return subnet.isEmpty()
            ? noSubnet(query)
            : discover(query, client, subnet.get(), now, namer);
      case REQUEST:
        return request(query, client, subnet, serverId, now, namer);
      case RELEASE:
        return release(query, client);
      case DECLINE:
        return decline(query, client, serverId, now);
      case INFORM:
        return subnet.isEmpty()
            ? noSubnet(query)
            : new Decision.InformAck(
                subnet.get(), AddressChooser.reservation(subnet.get(), client));
      default:
        return Decision.Silent.because("message type " + type.get() + " is not for a server");
    }
  }

  private Decision discover(
      DhcpPacket query, Client client, Subnet4 subnet, Instant now, LeaseNamer namer) {
    Optional<AddressChooser.Choice> choice =
        chooser.choose(
            client, selector.candidates(subnet), query.options().requestedAddress(), now);
    if (choice.isEmpty()) {
      return Decision.Silent.because(
          "no address available in subnet "
              + subnet.prefix()
              + (subnet.sharedNetwork().map(n -> " (shared network " + n + ")").orElse("")));
    }
    AddressChooser.Choice c = choice.get();
    return new Decision.Offer(
        c.subnet(),
        namer.name(c.subnet(), c.reservation(), newLease(client, c, now)),
        c.reservation());
  }

  private Decision request(
      DhcpPacket query,
      Client client,
      Optional<Subnet4> subnet,
      Inet4Address serverId,
      Instant now,
      LeaseNamer namer) {
    Optional<Inet4Address> sid = query.options().serverIdentifier();
    Optional<Inet4Address> requested = query.options().requestedAddress();
    boolean hasCiaddr = !query.ciaddr().equals(DhcpPacket.ANY);
    if (sid.isPresent()) {
      // SELECTING (§4.3.2): the client names the server it chose.
      if (!sid.get().equals(serverId)
          && !config.configuredServerId().filter(sid.get()::equals).isPresent()) {
        return Decision.Silent.because("client selected server " + IpAddresses.format(sid.get()));
      }
      Optional<Inet4Address> address =
          requested.or(() -> hasCiaddr ? Optional.of(query.ciaddr()) : Optional.empty());
      if (address.isEmpty()) {
        return Decision.Silent.because("SELECTING request without a requested address");
      }
      if (subnet.isEmpty()) {
        return noSubnet(query);
      }
      return grant(client, subnet.get(), address.get(), now, "SELECTING", namer);
    }
    if (requested.isPresent() && !hasCiaddr) {
      // INIT-REBOOT (§4.3.2): verify the remembered address.
      if (subnet.isEmpty()) {
        return new Decision.Nak(
            "INIT-REBOOT: "
                + IpAddresses.format(requested.get())
                + " is not on any network this server serves");
      }
      List<Subnet4> candidates = selector.candidates(subnet.get());
      if (candidates.stream().noneMatch(s -> s.prefix().contains(requested.get()))) {
        return new Decision.Nak(
            "INIT-REBOOT: " + IpAddresses.format(requested.get()) + " is on the wrong network");
      }
      Optional<Lease4> lease = leases.get(requested.get());
      if (lease.isEmpty()
          || lease.get().state() == LeaseState.DECLINED
          || (!client.owns(lease.get()) && lease.get().expiredAt(now))) {
        // No record of this client: remain silent (§4.3.2, not authoritative).
        return Decision.Silent.because(
            "INIT-REBOOT: no lease for "
                + IpAddresses.format(requested.get())
                + "; not authoritative, so silent");
      }
      return grant(client, subnet.get(), requested.get(), now, "INIT-REBOOT", namer);
    }
    if (hasCiaddr) {
      // RENEWING (unicast) or REBINDING (broadcast), §4.3.2: extend the lease on ciaddr.
      if (subnet.isEmpty()) {
        return Decision.Silent.because(
            "RENEWING/REBINDING: no subnet holds ciaddr " + IpAddresses.format(query.ciaddr()));
      }
      return grant(client, subnet.get(), query.ciaddr(), now, "RENEWING/REBINDING", namer);
    }
    return Decision.Silent.because(
        "REQUEST with no server identifier, requested address or ciaddr");
  }

  /** ACK {@code address} to {@code client} when it may have it, else NAK. */
  private Decision grant(
      Client client,
      Subnet4 subnet,
      Inet4Address address,
      Instant now,
      String state,
      LeaseNamer namer) {
    Optional<AddressChooser.Choice> choice =
        chooser.acceptable(client, selector.candidates(subnet), address, now);
    if (choice.isEmpty()) {
      return new Decision.Nak(
          state + ": " + IpAddresses.format(address) + " is not available to this client");
    }
    Lease4 lease = newLease(client, choice.get(), now);
    Optional<Lease4> existing = leases.get(address);
    if (existing.isPresent()
        && client.owns(existing.get())
        && existing.get().state() == LeaseState.DEFAULT) {
      // Keep the recorded DNS names (the namer below may change them); times are new.
      lease = existing.get().renewed(lease.cltt(), lease.validLifetime());
      lease =
          new Lease4(
              lease.address(),
              client.hwaddr(),
              client.clientId(),
              lease.validLifetime(),
              lease.cltt(),
              choice.get().subnet().id(),
              lease.fqdnFwd(),
              lease.fqdnRev(),
              lease.hostname(),
              LeaseState.DEFAULT,
              lease.userContext());
    }
    // Kea processes the client's names on every REQUEST, so a renewal may change them (§3.2).
    lease = namer.name(choice.get().subnet(), choice.get().reservation(), lease);
    LeaseChange change =
        existing.isPresent()
            ? new LeaseChange.Update(existing.get(), lease)
            : new LeaseChange.Add(lease);
    return new Decision.Ack(choice.get().subnet(), lease, choice.get().reservation(), change);
  }

  private Decision release(DhcpPacket query, Client client) {
    Optional<Lease4> lease = leases.get(query.ciaddr());
    if (lease.isEmpty() || !client.owns(lease.get()) || lease.get().state() != LeaseState.DEFAULT) {
      return Decision.Silent.because(
          "RELEASE of " + IpAddresses.format(query.ciaddr()) + ", which this client does not hold");
    }
    return new Decision.Silent(
        "released " + IpAddresses.format(query.ciaddr()), new LeaseChange.Delete(lease.get()));
  }

  private Decision decline(DhcpPacket query, Client client, Inet4Address serverId, Instant now) {
    Optional<Inet4Address> address = query.options().requestedAddress();
    if (address.isEmpty()) {
      return Decision.Silent.because("DECLINE without a requested address (option 50)");
    }
    Optional<Lease4> lease = leases.get(address.get());
    if (lease.isEmpty() || !client.owns(lease.get()) || lease.get().state() != LeaseState.DEFAULT) {
      return Decision.Silent.because(
          "DECLINE of " + IpAddresses.format(address.get()) + ", which this client does not hold");
    }
    // Probation (spec §1.5): the identity is dropped so that no client gets it back early.
    Lease4 held =
        new Lease4(
            address.get(),
            Octets.EMPTY,
            Octets.EMPTY,
            config.declineProbationPeriod().getSeconds(),
            now.getEpochSecond(),
            lease.get().subnetId(),
            false,
            false,
            "",
            LeaseState.DECLINED,
            "");
    return new Decision.Silent(
        "declined " + IpAddresses.format(address.get()), new LeaseChange.Update(lease.get(), held));
  }

  private static Lease4 newLease(Client client, AddressChooser.Choice choice, Instant now) {
    return Lease4.assigned(
        choice.address(),
        client.hwaddr(),
        client.clientId(),
        choice.subnet().times().validLifetime(),
        now.getEpochSecond(),
        choice.subnet().id());
  }

  private static Decision noSubnet(DhcpPacket query) {
    return Decision.Silent.because(
        query.relayed()
            ? "no subnet for relay " + IpAddresses.format(query.giaddr())
            : "no subnet for a directly connected client");
  }
}
