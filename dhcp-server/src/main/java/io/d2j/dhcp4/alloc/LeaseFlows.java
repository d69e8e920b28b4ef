package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.classify.BuiltInClasses;
import io.d2j.dhcp4.classify.Classifier;
import io.d2j.dhcp4.classify.Classifier.FailureListener;
import io.d2j.dhcp4.classify.ClientClasses;
import io.d2j.dhcp4.classify.PacketFacts;
import io.d2j.dhcp4.config.ClientClassDef;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.HostIdentifier;
import io.d2j.dhcp4.config.Lifetime;
import io.d2j.dhcp4.config.Reservation;
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
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The server side of RFC 2131 §4.3 as a pure function: a query (and what the shell knows about
 * where it came from) in, a {@link Decision} out. Reads leases; never writes them.
 */
public final class LeaseFlows {

  private static final FailureListener IGNORE_FAILURES = (name, e) -> {};

  private final Dhcp4Config config;
  private final LeaseStore leases;
  private final SubnetSelector selector;
  private final AddressChooser chooser;
  private final HostLookup hosts;
  private final Classifier classifier;

  public LeaseFlows(Dhcp4Config config, LeaseStore leases) {
    this.config = config;
    this.leases = leases;
    this.selector = new SubnetSelector(config);
    this.chooser = new AddressChooser(leases, config.hosts().index());
    this.hosts = new HostLookup(config);
    this.classifier = config.clientClasses().classifier();
  }

  /**
   * One query as allocation sees it: the packet, its facts for expressions, the classes it joined
   * before allocation (and joins during it), and who hears of tests that failed to evaluate.
   */
  public record Query(
      DhcpPacket packet, PacketFacts facts, ClientClasses classes, FailureListener failures) {

    /** A query classified from scratch, with failures ignored (tests). */
    public static Query of(DhcpPacket packet, Classifier classifier) {
      PacketFacts facts = PacketFacts.of(packet);
      return new Query(packet, facts, classifier.initial(facts, IGNORE_FAILURES), IGNORE_FAILURES);
    }
  }

  /**
   * Decides the answer to {@code query}.
   *
   * @param serverId this server's identifier on the interface the query came in on
   * @param localAddresses addresses of that interface (subnet selection for direct clients)
   */
  public Decision decide(
      DhcpPacket query, Inet4Address serverId, List<Inet4Address> localAddresses, Instant now) {
    return decide(
        Query.of(query, classifier),
        serverId,
        Ingress.addresses(localAddresses),
        now,
        LeaseNamer.NONE);
  }

  /** As above, naming offered and acknowledged leases with {@code namer}. */
  public Decision decide(
      DhcpPacket query,
      Inet4Address serverId,
      List<Inet4Address> localAddresses,
      Instant now,
      LeaseNamer namer) {
    return decide(
        Query.of(query, classifier), serverId, Ingress.addresses(localAddresses), now, namer);
  }

  /**
   * Decides the answer to {@code query} that came in at {@code ingress}, naming offered and
   * acknowledged leases with {@code namer} (classified from scratch).
   */
  public Decision decide(
      DhcpPacket query, Inet4Address serverId, Ingress ingress, Instant now, LeaseNamer namer) {
    return decide(Query.of(query, classifier), serverId, ingress, now, namer);
  }

  /**
   * Decides the answer to {@code q}, completing its classification on the way (host reservation
   * lookup, reserved classes, KNOWN/UNKNOWN and the tests that depend on them; Kea's order).
   */
  public Decision decide(
      Query q, Inet4Address serverId, Ingress ingress, Instant now, LeaseNamer namer) {
    DhcpPacket query = q.packet();
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
    if (query.hardwareAddress().isEmpty() && cid.isEmpty()) {
      return Decision.Silent.because("neither a hardware address nor a client identifier");
    }
    ClientClasses classes = q.classes();
    List<HostIdentifier> ids = hosts.identifiers(query);
    Optional<Reservation> earlyGlobal = Optional.empty();
    if (config.hosts().earlyGlobalLookup()) {
      // Kea's early global lookup: a global host's classes may steer subnet selection.
      earlyGlobal = hosts.global(ids).global();
      if (earlyGlobal.isPresent() && !earlyGlobal.get().clientClasses().isEmpty()) {
        classifier.reevaluateWithReserved(
            q.facts(), classes, earlyGlobal.get().clientClasses(), q.failures());
      }
    }
    Optional<Subnet4> subnet = selector.select(query, ingress, classes::contains);
    List<Subnet4> candidates =
        subnet.map(s -> selector.candidates(s, classes::contains)).orElse(List.of());
    HostLookup.Found found = hosts.find(candidates, ids);
    if (earlyGlobal.isPresent() && found.global().isEmpty()) {
      found = new HostLookup.Found(found.bySubnet(), earlyGlobal);
    }
    if (subnet.isPresent()) {
      Optional<Reservation> current = found.current(subnet.get());
      boolean global =
          current.isPresent()
              && found.global().isPresent()
              && current.get() == found.global().get();
      if (current.isPresent()
          && !current.get().clientClasses().isEmpty()
          && (global || subnet.get().sharedNetwork().isEmpty())
          && !(global && config.hosts().earlyGlobalLookup())) {
        classifier.reevaluateWithReserved(
            q.facts(), classes, current.get().clientClasses(), q.failures());
      }
    }
    classifier.afterHostLookup(q.facts(), classes, List.of(), found.known(), q.failures());
    if (classes.contains(BuiltInClasses.DROP)) {
      return Decision.Silent.because("the query is in class DROP");
    }
    boolean matchClientId =
        subnet.map(s -> s.policy().matchClientId()).orElse(config.globalPolicy().matchClientId());
    Client client =
        new Client(
            query.hardwareAddress(), matchClientId ? cid.orElse(Octets.EMPTY) : Octets.EMPTY);
    AddressChooser.Asker asker = new AddressChooser.Asker(client, found, classes::contains);
    switch (type.get()) {
      case DISCOVER:
        return subnet.isEmpty()
            ? noSubnet(query)
            : discover(query, asker, candidates, classes, now, namer);
      case REQUEST:
        return request(query, asker, subnet, candidates, classes, serverId, now, namer);
      case RELEASE:
        return release(query, client);
      case DECLINE:
        return decline(query, client, serverId, now);
      case INFORM:
        return subnet.isEmpty()
            ? noSubnet(query)
            : new Decision.InformAck(subnet.get(), found.current(subnet.get()));
      default:
        return Decision.Silent.because("message type " + type.get() + " is not for a server");
    }
  }

  private Decision discover(
      DhcpPacket query,
      AddressChooser.Asker asker,
      List<Subnet4> candidates,
      ClientClasses classes,
      Instant now,
      LeaseNamer namer) {
    Optional<AddressChooser.Choice> choice =
        chooser.choose(asker, candidates, query.options().requestedAddress(), now);
    if (choice.isEmpty()) {
      boolean anyPool =
          candidates.stream()
              .flatMap(c -> c.pools().stream())
              .anyMatch(p -> p.allows(asker.inClass()));
      return new Decision.NoAddress(candidates.get(0), !anyPool);
    }
    AddressChooser.Choice c = choice.get();
    Lease4 lease = newLease(query, asker.client(), c, classes, now);
    lease = extendedInfo(query, c.subnet(), lease);
    return new Decision.Offer(
        c.subnet(), namer.name(c.subnet(), c.reservation(), lease), c.reservation());
  }

  private Decision request(
      DhcpPacket query,
      AddressChooser.Asker asker,
      Optional<Subnet4> subnet,
      List<Subnet4> candidates,
      ClientClasses classes,
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
      return grant(query, asker, candidates, classes, address.get(), now, "SELECTING", namer);
    }
    if (requested.isPresent() && !hasCiaddr) {
      return initReboot(query, asker, subnet, candidates, classes, requested.get(), now, namer);
    }
    if (hasCiaddr) {
      // RENEWING (unicast) or REBINDING (broadcast), §4.3.2: extend the lease on ciaddr.
      if (subnet.isEmpty()) {
        return Decision.Silent.because(
            "RENEWING/REBINDING: no subnet holds ciaddr " + IpAddresses.format(query.ciaddr()));
      }
      return grant(
          query, asker, candidates, classes, query.ciaddr(), now, "RENEWING/REBINDING", namer);
    }
    return Decision.Silent.because(
        "REQUEST with no server identifier, requested address or ciaddr");
  }

  /**
   * INIT-REBOOT (RFC 2131 §4.3.2), as Kea 2.2 decides it: the client's lease is looked up in the
   * candidate subnets (by client identifier, then hardware address). A client this server has no
   * lease of gets a NAK when the subnet is {@code authoritative} and silence otherwise (another
   * server may know it); a known client asking for another address than its lease's gets a NAK.
   */
  private Decision initReboot(
      DhcpPacket query,
      AddressChooser.Asker asker,
      Optional<Subnet4> subnet,
      List<Subnet4> candidates,
      ClientClasses classes,
      Inet4Address requested,
      Instant now,
      LeaseNamer namer) {
    if (subnet.isEmpty()) {
      return new Decision.Nak(
          "INIT-REBOOT: "
              + IpAddresses.format(requested)
              + " is not on any network this server serves");
    }
    Client client = asker.client();
    Optional<Lease4> lease = Optional.empty();
    if (!client.clientId().isEmpty()) {
      lease = inCandidates(leases.getByClientId(client.clientId()), candidates);
    }
    if (lease.isEmpty() && !client.hwaddr().isEmpty()) {
      lease = inCandidates(leases.getByHwAddress(client.hwaddr()), candidates);
    }
    boolean known = lease.isPresent() && client.owns(lease.get());
    boolean authoritative = subnet.get().policy().authoritative();
    if (!authoritative && !known) {
      return Decision.Silent.because(
          "INIT-REBOOT: no lease of this client for "
              + IpAddresses.format(requested)
              + "; not authoritative, so silent");
    }
    if (!known) {
      return new Decision.Nak(
          "INIT-REBOOT: this server has no lease of this client (authoritative)");
    }
    if (!lease.get().address().equals(requested)) {
      return new Decision.Nak(
          "INIT-REBOOT: "
              + IpAddresses.format(requested)
              + " is not the client's lease ("
              + IpAddresses.format(lease.get().address())
              + ")");
    }
    return grant(query, asker, candidates, classes, requested, now, "INIT-REBOOT", namer);
  }

  private static Optional<Lease4> inCandidates(List<Lease4> found, List<Subnet4> candidates) {
    for (Subnet4 s : candidates) {
      for (Lease4 l : found) {
        if (l.subnetId() == s.id() && l.state() != LeaseState.DECLINED) {
          return Optional.of(l);
        }
      }
    }
    return Optional.empty();
  }

  /** ACK {@code address} to the client when it may have it, else NAK. */
  private Decision grant(
      DhcpPacket query,
      AddressChooser.Asker asker,
      List<Subnet4> candidates,
      ClientClasses classes,
      Inet4Address address,
      Instant now,
      String state,
      LeaseNamer namer) {
    Client client = asker.client();
    Optional<AddressChooser.Choice> choice = chooser.acceptable(asker, candidates, address, now);
    if (choice.isEmpty()) {
      return new Decision.Nak(
          state + ": " + IpAddresses.format(address) + " is not available to this client");
    }
    Subnet4 subnet = choice.get().subnet();
    Lease4 lease = newLease(query, client, choice.get(), classes, now);
    Optional<Lease4> existing = leases.get(address);
    boolean renewal =
        existing.isPresent()
            && client.owns(existing.get())
            && existing.get().state() == LeaseState.DEFAULT;
    if (renewal) {
      // Keep the recorded DNS names and user context (the namer below may change the names);
      // times are new.
      Lease4 old = existing.get();
      lease =
          new Lease4(
              old.address(),
              client.hwaddr(),
              client.clientId(),
              lease.validLifetime(),
              lease.cltt(),
              subnet.id(),
              old.fqdnFwd(),
              old.fqdnRev(),
              old.hostname(),
              LeaseState.DEFAULT,
              old.userContext());
    }
    lease = extendedInfo(query, subnet, lease);
    // Kea processes the client's names on every REQUEST, so a renewal may change them (§3.2).
    lease = namer.name(subnet, choice.get().reservation(), lease);
    if (renewal) {
      OptionalLong reuse = reusable(existing.get(), lease, subnet, now);
      if (reuse.isPresent()) {
        // Lease caching (cache-threshold, cache-max-age): nothing is stored, nothing is sent to
        // DNS, and the reply carries the lifetime the stored lease has left.
        return new Decision.Ack(
            subnet,
            existing.get().renewed(now.getEpochSecond(), reuse.getAsLong()),
            choice.get().reservation(),
            LeaseChange.NONE);
      }
    }
    LeaseChange change =
        existing.isPresent()
            ? new LeaseChange.Update(existing.get(), lease)
            : new LeaseChange.Add(lease);
    return new Decision.Ack(subnet, lease, choice.get().reservation(), change);
  }

  /**
   * Kea's lease reuse: when the renewed lease would differ from the stored one only in its times,
   * the stored one is young enough ({@code cache-max-age} seconds, {@code cache-threshold} of its
   * lifetime) and the new lifetime is not shorter, the stored lease is answered with the lifetime
   * it has left.
   */
  private static OptionalLong reusable(Lease4 stored, Lease4 renewed, Subnet4 subnet, Instant now) {
    OptionalDouble threshold = subnet.policy().cacheThreshold();
    OptionalLong maxAgeSetting = subnet.policy().cacheMaxAge();
    if (threshold.isEmpty() && maxAgeSetting.isEmpty()) {
      return OptionalLong.empty();
    }
    boolean same =
        stored.subnetId() == renewed.subnetId()
            && stored.hwaddr().equals(renewed.hwaddr())
            && stored.clientId().equals(renewed.clientId())
            && stored.hostname().equals(renewed.hostname())
            && stored.fqdnFwd() == renewed.fqdnFwd()
            && stored.fqdnRev() == renewed.fqdnRev()
            && stored.userContext().equals(renewed.userContext())
            && renewed.validLifetime() >= stored.validLifetime();
    long age = now.getEpochSecond() - stored.cltt();
    if (!same || age < 0 || age >= stored.validLifetime()) {
      return OptionalLong.empty();
    }
    long maxAge = 0;
    if (maxAgeSetting.isPresent()) {
      maxAge = maxAgeSetting.getAsLong();
      if (maxAge == 0 || age > maxAge) {
        return OptionalLong.empty();
      }
    }
    if (threshold.isPresent()) {
      maxAge = (long) (renewed.validLifetime() * threshold.getAsDouble());
      if (age > maxAge) {
        return OptionalLong.empty();
      }
    }
    return maxAge == 0 ? OptionalLong.empty() : OptionalLong.of(stored.validLifetime() - age);
  }

  /** {@code store-extended-info}: option 82 of the query in the lease's user context. */
  private static Lease4 extendedInfo(DhcpPacket query, Subnet4 subnet, Lease4 lease) {
    Optional<Octets> rai = query.options().relayAgentInformation();
    if (!subnet.policy().storeExtendedInfo() || rai.isEmpty()) {
      return lease;
    }
    return new Lease4(
        lease.address(),
        lease.hwaddr(),
        lease.clientId(),
        lease.validLifetime(),
        lease.cltt(),
        lease.subnetId(),
        lease.fqdnFwd(),
        lease.fqdnRev(),
        lease.hostname(),
        lease.state(),
        ExtendedInfo.withRelayInfo(lease.userContext(), rai.get()));
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

  /**
   * A new lease: the lifetime is the first of the query's classes that sets one, else the subnet's
   * (Kea's order), clamped to its min/max around what the client asked for in option 51.
   */
  private Lease4 newLease(
      DhcpPacket query,
      Client client,
      AddressChooser.Choice choice,
      ClientClasses classes,
      Instant now) {
    return Lease4.assigned(
        choice.address(),
        client.hwaddr(),
        client.clientId(),
        validLifetime(query, choice.subnet(), classes),
        now.getEpochSecond(),
        choice.subnet().id());
  }

  private long validLifetime(DhcpPacket query, Subnet4 subnet, ClientClasses classes) {
    Lifetime lifetime = subnet.times().valid();
    List<String> names = classes.names();
    for (int i = 0; i < names.size(); i++) { // indexed: C1 allocates iterators
      String name = names.get(i);
      Optional<Lifetime> own =
          config.clientClasses().find(name).flatMap(ClientClassDef::validLifetime);
      if (own.isPresent()) {
        lifetime = own.get();
        break;
      }
    }
    return lifetime.choose(query.options().leaseTime().orElse(0));
  }

  private static Decision noSubnet(DhcpPacket query) {
    return Decision.Silent.because(
        query.relayed()
            ? "no subnet for relay " + IpAddresses.format(query.giaddr())
            : "no subnet for a directly connected client");
  }
}
