package io.d2j.migrate.convert;

import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.migrate.json.JList;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.Member;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code host} declarations to Kea reservations (spec §4.2, §9.2, §9.4): identifiers ({@code
 * hardware ethernet}, {@code uid}, {@code host-identifier}), addresses and prefixes, the host name
 * ({@code ddns-hostname} &gt; {@code option host-name} &gt; the declaration's label with {@code
 * use-host-decl-names on}), placement (global, or with {@code -N} the subnet holding the address).
 */
final class Hosts {
  private final Conversion c;
  private final Walker walker;

  /** The class given to reservations that have nothing else to give. */
  static final String MARKER_CLASS = "dhcpd-host";

  private boolean markerNeeded;

  /** Whether some host has a fixed address (dhcpd's static leases). */
  boolean anyFixedAddress;

  /** Identifiers already used, per place, since Kea refuses duplicates there. */
  private final Set<String> used = new HashSet<>();

  Hosts(Conversion c, Walker walker) {
    this.c = c;
    this.walker = walker;
  }

  void host(Statement s, Scope scope) {
    Scope.Kind where = scope.effectiveKind();
    if (where == Scope.Kind.POOL || where == Scope.Kind.HOST || where == Scope.Kind.CLASS) {
      throw new ConfSyntaxException(s.position(), "host declarations not allowed here.");
    }
    if (s.block().isEmpty()) {
      throw new ConfSyntaxException(s.position(), "'{' expected after host");
    }
    Optional<Token> label = s.word(1);
    if (label.isEmpty() || s.words().size() != 2) {
      throw new ConfSyntaxException(s.position(), "host: expecting a name and '{'");
    }
    JMap body = new JMap();
    Scope h = scope.child(Scope.Kind.HOST, body);
    h.name = label.get().text();
    h.host = new HostDraft();
    walker.body(s, h);
    HostDraft d = h.host;
    if (d.identifiers.isEmpty()) {
      c.commentOut(
          s,
          scope,
          "no hardware ethernet, uid or host-identifier: a Kea reservation needs an identifier");
      // what the host's own statements left unconverted is explained with it
      for (var m : body.members()) {
        if (m.isComment()) {
          scope.place().comment(m.notes());
        }
      }
      return;
    }
    HostDraft.Identifier id = d.identifiers.get(0);
    JMap r = new JMap();
    r.put(id.type(), id.value());
    if (!d.addresses.isEmpty()) {
      if (c.v4()) {
        r.put("ip-address", d.addresses.get(0));
      } else {
        JList list = new JList();
        d.addresses.forEach(list::add);
        r.put("ip-addresses", list);
      }
    }
    if (!d.prefixes.isEmpty()) {
      JList list = new JList();
      d.prefixes.forEach(list::add);
      r.put("prefixes", list);
    }
    hostname(h, d).ifPresent(n -> r.put("hostname", n));
    r.members().addAll(body.members());
    r.closingNotes().addAll(body.closingNotes());
    if (!hasResource(r)) {
      // Kea refuses a reservation that gives nothing; dhcpd's bare host still makes the client
      // known (allow known-clients), so the reservation gets a marker class.
      r.list("client-classes").add(MARKER_CLASS);
      markerNeeded = true;
      c.report.add(
          s,
          Action.NOTE,
          "the host gives no address, name or option: the reservation carries the class "
              + MARKER_CLASS
              + " so that Kea accepts it and still counts the client as known");
    }
    place(s, d, id, r);
  }

  /** What Kea counts as a reservation's resource (boot fields do not count). */
  private static boolean hasResource(JMap r) {
    for (String key : List.of("ip-address", "ip-addresses", "prefixes", "hostname")) {
      if (r.has(key)) {
        return true;
      }
    }
    return r.get("option-data").map(v -> v instanceof JList l && !l.hasNoLiveItem()).orElse(false);
  }

  /** Defines the marker class when a reservation uses it. */
  void finish() {
    if (markerNeeded) {
      JMap marker = new JMap();
      marker.put("name", MARKER_CLASS);
      c.root
          .list("client-classes")
          .add(marker)
          .note(
              "given to reservations that have nothing else to give (a dhcpd host with only an identifier)");
    }
  }

  private static Optional<String> hostname(Scope h, HostDraft d) {
    if (d.ddnsHostname != null) {
      return Optional.of(d.ddnsHostname);
    }
    if (d.optionHostName != null) {
      return Optional.of(d.optionHostName);
    }
    if (h.useHostDeclNames()) {
      return Optional.of(h.name);
    }
    return Optional.empty();
  }

  private void place(Statement s, HostDraft d, HostDraft.Identifier id, JMap r) {
    JMap target = c.root;
    String where = "global";
    if (c.settings.hostsInSubnets()) {
      Optional<Scope> subnet = subnetOf(d);
      if (subnet.isPresent()) {
        target = subnet.get().target;
        where = "subnet " + subnet.get().network.getHostAddress() + "/" + subnet.get().prefixLength;
      } else {
        c.report.add(
            s,
            Action.NOTE,
            d.addresses.isEmpty() && d.prefixes.isEmpty()
                ? "no fixed address: kept among the global reservations"
                : "no declared subnet holds its address: kept among the global reservations");
      }
    }
    String key = where + "|" + id.type() + "|" + id.value().toLowerCase(Locale.ROOT);
    if (!used.add(key)) {
      c.commentOut(
          s,
          target,
          "another host has the same "
              + id.type()
              + " in the "
              + where
              + " reservations, which Kea refuses (with -N each goes to the subnet of its address)");
      return;
    }
    if (target == c.root) {
      c.root.put("reservations-global", true);
      c.root.put("reservations-in-subnet", true);
    }
    Member m = target.list("reservations").add(r);
    c.converted(s, m);
  }

  private Optional<Scope> subnetOf(HostDraft d) {
    String first = !d.addresses.isEmpty() ? d.addresses.get(0) : null;
    if (first == null && !d.prefixes.isEmpty()) {
      first = d.prefixes.get(0).substring(0, d.prefixes.get(0).indexOf('/'));
    }
    if (first == null) {
      return Optional.empty();
    }
    InetAddress a =
        (c.v4()
                ? Addresses.ipv4(first).map(InetAddress.class::cast)
                : Addresses.ipv6(first).map(InetAddress.class::cast))
            .orElseThrow();
    return c.subnets.stream()
        .filter(sub -> Addresses.contains(sub.network, sub.prefixLength, a))
        .findFirst();
  }

  /** Statements only a host has; true when handled. */
  boolean handles(Statement s, Scope h) {
    HostDraft d = h.host;
    switch (s.keyword()) {
      case "hardware" -> hardware(s, h, d);
      case "fixed-address" -> fixedAddress(s, h, d, false);
      case "fixed-address6" -> fixedAddress(s, h, d, true);
      case "fixed-prefix6" -> fixedPrefix(s, h, d);
      case "uid" -> uid(s, h, d);
      case "host-identifier" -> hostIdentifier(s, h, d);
      case "ddns-hostname" -> {
        List<Token> w = s.words();
        Optional<Token> constant =
            w.size() == 2
                ? Optional.of(w.get(1))
                : w.size() == 3 && w.get(1).isPunct("=") ? Optional.of(w.get(2)) : Optional.empty();
        if (constant.isPresent() && constant.get().kind() == Token.Kind.STRING) {
          d.ddnsHostname = constant.get().text();
          c.converted(s, h);
          c.report.add(s, Action.NOTE, "becomes the reservation's hostname");
        } else {
          c.commentOut(
              s,
              h,
              "a computed ddns-hostname has no Kea 2.2 equivalent (newer Kea has the ddns-tuning hook)");
        }
      }
      case "dynamic", "deleted" -> c.commentOut(s, h, "OMAPI host state: nothing to convert");
      case "group" -> c.commentOut(s, h, "Kea has no named groups for reservations");
      default -> {
        if (s.keyword().equals("option") && isHostNameOption(s)) {
          d.optionHostName = s.words().get(2).text();
          c.converted(s, h);
          c.report.add(
              s,
              Action.NOTE,
              "becomes the reservation's hostname (Kea sends it as option 12 when the client asks)");
          return true;
        }
        return false;
      }
    }
    return true;
  }

  private static boolean isHostNameOption(Statement s) {
    return s.words().size() == 3
        && (s.words().get(1).isWord("host-name") || s.words().get(1).isWord("dhcp.host-name"))
        && s.words().get(2).kind() == Token.Kind.STRING;
  }

  private void hardware(Statement s, Scope h, HostDraft d) {
    if (s.words().size() != 3) {
      throw new ConfSyntaxException(s.position(), "hardware: expecting a type and an address");
    }
    Token type = s.words().get(1);
    Token address = s.words().get(2);
    byte[] mac =
        Hex.colonSeparated(address)
            .orElseThrow(
                () ->
                    new ConfSyntaxException(
                        address.position(),
                        "expecting a hardware address, got '" + address.source() + "'"));
    if (!type.isWord("ethernet")) {
      c.commentOut(
          s, h, "Kea identifies hosts by Ethernet hardware addresses only (" + type.text() + ")");
      return;
    }
    if (mac.length != 6) {
      throw new ConfSyntaxException(
          address.position(), "an Ethernet address has 6 octets, got " + mac.length);
    }
    identifier(s, h, d, "hw-address", Hex.colons(mac));
  }

  private void identifier(Statement s, Scope h, HostDraft d, String type, String value) {
    if (!d.identifiers.isEmpty()) {
      c.commentOut(
          s,
          h,
          "Kea identifies a reservation by one identifier; this host already has "
              + d.identifiers.get(0).type());
      return;
    }
    d.identifiers.add(new HostDraft.Identifier(type, value, s));
    c.converted(s, h);
  }

  private void uid(Statement s, Scope h, HostDraft d) {
    if (s.words().size() != 2) {
      throw new ConfSyntaxException(s.position(), "uid: expecting a string or hex octets");
    }
    Token t = s.words().get(1);
    byte[] bytes =
        t.kind() == Token.Kind.STRING
            ? t.text().getBytes(StandardCharsets.ISO_8859_1)
            : Hex.colonSeparated(t)
                .orElseThrow(
                    () ->
                        new ConfSyntaxException(
                            t.position(), "uid: expecting a string or hex octets"));
    identifier(s, h, d, c.v4() ? "client-id" : "duid", Hex.colons(bytes));
  }

  private void hostIdentifier(Statement s, Scope h, HostDraft d) {
    List<Token> w = s.words();
    if (w.size() == 4 && w.get(1).isWord("option")) {
      String name = w.get(2).text();
      Optional<OptionInfo> option = c.options.find(name);
      if (option.isEmpty()) {
        throw new ConfSyntaxException(w.get(2).position(), "unknown option " + name);
      }
      byte[] value = OptionValues.bytes(option.get(), w.get(3));
      String native4 =
          switch (option.get().fullName()) {
            case "dhcp.dhcp-client-identifier" -> "client-id";
            case "agent.circuit-id" -> "circuit-id";
            default -> null;
          };
      String native6 = option.get().fullName().equals("dhcp6.client-id") ? "duid" : null;
      String type = c.v4() ? native4 : native6;
      if (type != null) {
        identifier(s, h, d, type, Hex.colons(value));
        return;
      }
    }
    c.commentOut(
        s,
        h,
        "Kea 2.2 matches this identifier only with the flex-id hook library (libdhcp_flex_id.so),"
            + " which Kea 2.2's open source packages do not include");
  }

  private void fixedAddress(Statement s, Scope h, HostDraft d, boolean v6) {
    if (v6 == c.v4()) {
      c.commentOut(s, h, s.keyword() + " is for DHCPv" + (v6 ? "6" : "4") + " hosts");
      return;
    }
    List<Token> values =
        s.words().subList(1, s.words().size()).stream().filter(t -> !t.isPunct(",")).toList();
    if (values.isEmpty()) {
      throw new ConfSyntaxException(s.position(), s.keyword() + ": expecting an address");
    }
    if (d.addressStatement != null && c.v4()) {
      c.commentOut(s, h, "a Kea DHCPv4 reservation has one address; the host already has one");
      return;
    }
    d.addressStatement = s;
    anyFixedAddress = true;
    int kept = 0;
    for (Token t : values) {
      Optional<? extends InetAddress> literal =
          v6 ? Addresses.ipv6(t.text()) : Addresses.ipv4(t.text());
      Optional<InetAddress> a =
          literal.isPresent() ? literal.map(InetAddress.class::cast) : Optional.empty();
      if (a.isEmpty()) {
        if (!Addresses.isHostName(t.text())) {
          throw new ConfSyntaxException(
              t.position(), "expecting an address, got '" + t.source() + "'");
        }
        a = c.hostAddress(t, v6);
      }
      if (a.isEmpty()) {
        c.commentOut(s, h, c.unresolvedReason(t.text()));
        return;
      }
      if (c.v4() && kept == 1) {
        c.report.add(
            s,
            Action.COMMENTED,
            "a Kea DHCPv4 reservation has one address: the addresses after the first are left out");
        h.target.comment(
            List.of(
                "not converted ("
                    + s.where()
                    + "): further addresses of this host: "
                    + Statement.join(values.subList(1, values.size()))));
        break;
      }
      d.addresses.add(Addresses.text(a.get()));
      kept++;
    }
    c.converted(s, h);
  }

  private void fixedPrefix(Statement s, Scope h, HostDraft d) {
    if (c.v4()) {
      c.commentOut(s, h, "fixed-prefix6 is for DHCPv6 hosts");
      return;
    }
    if (s.words().size() != 2 || !s.words().get(1).text().contains("/")) {
      throw new ConfSyntaxException(s.position(), "fixed-prefix6: expecting a prefix");
    }
    String p = s.words().get(1).text();
    int slash = p.indexOf('/');
    InetAddress a =
        Addresses.ipv6(p.substring(0, slash))
            .orElseThrow(
                () -> new ConfSyntaxException(s.position(), "fixed-prefix6: expecting a prefix"));
    d.prefixes.add(Addresses.text(a) + p.substring(slash));
    c.converted(s, h);
  }
}
