package io.d2j.migrate.convert;

import io.d2j.keaconfig.SourcePosition;
import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.JString;
import io.d2j.migrate.json.JValue;
import io.d2j.migrate.json.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The DNS part (spec §4.5, §9.1, §9.2): {@code key} and {@code zone} become the DhcpDdns document
 * ({@link D2Document}), {@code ddns-update-style} the {@code dhcp-ddns} link, and the scoped {@code
 * ddns-*} statements Kea's {@code ddns-*} keys at the same scope.
 */
final class Dns {
  private final Conversion c;
  final Map<String, TsigKeys.Key> keys = new LinkedHashMap<>();
  final List<D2Document.Zone> zones = new ArrayList<>();

  /** {@code ddns-update-style}, when the input sets it globally. */
  private String style;

  private Member link;

  /** Maps that received an explicit ddns-qualifying-suffix (from ddns-domainname). */
  private final List<JMap> explicitSuffix = new ArrayList<>();

  /** Scopes whose {@code option domain-name} dhcpd would have used as the suffix. */
  private final List<Map.Entry<Scope, Statement>> domainNames = new ArrayList<>();

  /** Suffixes set, with where they came from. */
  private final List<D2Document.Suffix> suffixes = new ArrayList<>();

  private boolean anyDdnsStatement;
  private boolean staticLeasesOn;
  private Statement staticLeasesStatement;

  Dns(Conversion c) {
    this.c = c;
  }

  /** Whether Kea will send NCRs: {@code ddns-update-style standard}. */
  boolean updatesEnabled() {
    return "standard".equals(style);
  }

  // ---- key and zone

  void key(Statement s, Scope scope) {
    TsigKeys.Key key = TsigKeys.parse(s);
    if (keys.containsKey(key.name().toLowerCase(Locale.ROOT))) {
      throw new ConfSyntaxException(s.position(), "key " + key.name() + " is declared twice");
    }
    keys.put(key.name().toLowerCase(Locale.ROOT), key);
    placed(s, scope, "TSIG key " + key.name());
  }

  void zone(Statement s, Scope scope) {
    if (s.block().isEmpty() || s.words().size() != 2) {
      throw new ConfSyntaxException(s.position(), "zone: expecting a name and '{'");
    }
    String name = absolute(s.words().get(1).text());
    String keyName = null;
    List<Token> servers = new ArrayList<>();
    List<Statement> secondaries = new ArrayList<>();
    for (Statement z : s.children()) {
      switch (z.keyword()) {
        case "primary", "primary6" -> {
          for (Token t : z.words().subList(1, z.words().size())) {
            if (!t.isPunct(",")) {
              servers.add(t);
            }
          }
        }
        case "secondary", "secondary6" -> secondaries.add(z);
        case "key" -> {
          if (z.words().size() != 2) {
            throw new ConfSyntaxException(z.position(), "zone key: expecting a key name");
          }
          String k = z.words().get(1).text();
          if (!keys.containsKey(k.toLowerCase(Locale.ROOT))) {
            throw new ConfSyntaxException(z.words().get(1).position(), "unknown key " + k);
          }
          keyName = keys.get(k.toLowerCase(Locale.ROOT)).name();
        }
        default ->
            throw new ConfSyntaxException(
                z.position(), "zone " + name + ": unexpected '" + z.keyword() + "'");
      }
    }
    List<D2Document.Server> resolved = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Token t : servers) {
      Optional<java.net.InetAddress> a =
          Addresses.ipv4(t.text())
              .map(java.net.InetAddress.class::cast)
              .or(() -> Addresses.ipv6(t.text()).map(java.net.InetAddress.class::cast));
      if (a.isEmpty()) {
        if (!Addresses.isHostName(t.text())) {
          throw new ConfSyntaxException(
              t.position(), "zone " + name + ": expecting an address, got '" + t.source() + "'");
        }
        a = c.hostAddress(t, false);
      }
      if (a.isEmpty()) {
        problems.add(c.unresolvedReason(t.text()));
      } else {
        resolved.add(new D2Document.Server(Addresses.text(a.get()), t.position()));
      }
    }
    boolean reverse = name.endsWith(".in-addr.arpa.") || name.endsWith(".ip6.arpa.");
    zones.add(new D2Document.Zone(name, keyName, resolved, problems, secondaries, s, reverse));
    placed(s, scope, (reverse ? "reverse" : "forward") + " DNS domain " + name);
  }

  static String absolute(String name) {
    return name.endsWith(".") ? name : name + ".";
  }

  /** key and zone statements leave the DHCP configuration: a note there, the D2 file holds them. */
  private void placed(Statement s, Scope scope, String what) {
    anyDdnsStatement = true;
    if (!c.settings.d2Output()) {
      c.commentOut(s, scope, what + ": pass --d2-out FILE to write the DhcpDdns configuration");
      return;
    }
    c.report.add(s, Action.CONVERTED, "");
    List<String> lines = new ArrayList<>(Conversion.comments(s));
    lines.add(what + " (" + s.where() + "): in the DhcpDdns configuration (--d2-out)");
    scope.place().comment(lines);
  }

  // ---- ddns-* and friends

  void parameter(Statement s, Scope scope) {
    anyDdnsStatement = true;
    String k = s.keyword();
    switch (k) {
      case "ddns-update-style" -> style(s, scope);
      case "ddns-updates" -> scoped(s, scope, "ddns-send-updates", JValue.of(flag(s)));
      case "ddns-domainname" -> {
        String suffix = string(s);
        if (scoped(s, scope, "ddns-qualifying-suffix", JValue.of(suffix))) {
          explicitSuffix.add(scope.place());
          suffixes.add(new D2Document.Suffix(suffix, s.position(), Report.construct(s)));
        }
      }
      case "ddns-rev-domainname" -> {
        if (absolute(string(s)).equalsIgnoreCase("in-addr.arpa.")) {
          c.converted(s, scope);
          c.report.add(s, Action.NOTE, "Kea builds reverse names under in-addr.arpa, as this says");
        } else {
          c.commentOut(s, scope, "Kea builds IPv4 reverse names under in-addr.arpa only");
        }
      }
      case "ddns-hostname" ->
          c.commentOut(
              s,
              scope,
              "a computed host name has no Kea 2.2 counterpart; ddns-replace-client-name and"
                  + " ddns-generated-prefix cover generated names (dhcpd's own default, the client's"
                  + " name, is Kea's)");
      case "ddns-ttl" -> {
        long ttl = number(s);
        if (c.settings.target().atLeast(Target.KEA_3_0)) {
          scoped(s, scope, "ddns-ttl", JValue.of(ttl));
        } else {
          c.commentOut(
              s,
              scope,
              "Kea before 3.0 has no fixed DNS TTL (it uses a third of the lease time, at least"
                  + " 600 s; --target 3.0 writes ddns-ttl)");
        }
      }
      case "update-conflict-detection" -> conflictDetection(s, scope);
      case "ddns-guard-id-must-match" -> guardIdMustMatch(s, scope);
      case "update-optimization" -> {
        if (flag(s)) {
          c.converted(s, scope);
        } else {
          scoped(s, scope, "ddns-update-on-renew", JValue.of(true));
          c.report.add(
              s,
              Action.NOTE,
              "DNS is updated on every renewal, as dhcpd did with update-optimization off");
        }
      }
      case "update-static-leases" -> {
        staticLeasesOn = flag(s);
        staticLeasesStatement = s;
        if (staticLeasesOn) {
          c.converted(s, scope);
          c.report.add(s, Action.NOTE, "Kea updates DNS for reserved addresses as for any lease");
        } else {
          c.converted(s, scope);
        }
      }
      case "do-forward-updates" -> {
        if (flag(s)) {
          c.converted(s, scope);
        } else {
          c.commentOut(s, scope, "Kea 2.2 cannot leave the forward update to the client alone");
        }
      }
      case "do-reverse-updates" -> {
        if (flag(s)) {
          c.converted(s, scope);
        } else {
          c.commentOut(s, scope, "Kea 2.2 cannot skip the reverse update");
        }
      }
      case "ddns-local-address4", "ddns-local-address6" ->
          c.commentOut(
              s,
              scope,
              "Kea's D2 sends updates from its host's routing choice; it has no source address setting");
      case "ddns-dual-stack-mixed-mode", "ddns-other-guard-is-dynamic" ->
          c.commentOut(s, scope, "Kea 2.2 has no dual-stack DHCID handling (RFC 4703 mixed mode)");
      case "ignore", "deny" -> {
        Member m = scopedMember(s, scope, "ddns-override-client-update", JValue.of(true));
        if (m != null) {
          c.report.add(
              s,
              Action.NOTE,
              "the server also updates the A record when the client asks to do it itself");
        }
      }
      case "allow" -> {
        c.converted(s, scope);
        c.report.add(s, Action.NOTE, "Kea's default: the client may update its own A record");
      }
      default -> c.commentOut(s, scope, "d2j-migrate does not know this DNS statement");
    }
  }

  private void style(Statement s, Scope scope) {
    Parameters.requireWords(s, 2);
    String v = s.words().get(1).text().toLowerCase(Locale.ROOT);
    if (v.equals("ad-hoc") || v.equals("ad_hoc")) {
      throw new ConfSyntaxException(s.position(), "ddns-update-style ad_hoc no longer supported");
    }
    if (!List.of("standard", "interim", "none").contains(v)) {
      throw new ConfSyntaxException(
          s.words().get(1).position(), "ddns-update-style: expecting standard, interim or none");
    }
    if (scope.effectiveKind() != Scope.Kind.ROOT) {
      c.commentOut(s, scope, "dhcpd reads ddns-update-style from the global scope only");
      return;
    }
    style = v;
    JMap ddns = new JMap();
    ddns.put("enable-updates", v.equals("standard"));
    link = c.root.put("dhcp-ddns", ddns);
    switch (v) {
      case "standard" -> c.converted(s, link);
      case "none" -> c.converted(s, link);
      default -> {
        c.report.add(
            s,
            Action.COMMENTED,
            "interim updates (TXT records) have no Kea counterpart: updates are left off; Kea"
                + " does standard (RFC 4703, DHCID) updates with enable-updates true");
        link.notes()
            .addAll(
                c.commentLines(
                    s,
                    "interim updates (TXT records) have no Kea counterpart: updates are left off"));
      }
    }
  }

  /**
   * Sets a DDNS key at the statement's scope; false (and the statement commented) where Kea has
   * none.
   */
  private boolean scoped(Statement s, Scope scope, String key, JValue value) {
    return scopedMember(s, scope, key, value) != null;
  }

  private Member scopedMember(Statement s, Scope scope, String key, JValue value) {
    Scope.Kind kind = scope.effectiveKind();
    boolean pool3 = kind == Scope.Kind.POOL && c.settings.target().atLeast(Target.KEA_3_0);
    if (kind != Scope.Kind.ROOT
        && kind != Scope.Kind.SHARED
        && kind != Scope.Kind.SUBNET
        && !pool3) {
      String hint =
          kind == Scope.Kind.HOST
              ? " (for a host's name use ddns-hostname or option host-name)"
              : "";
      c.commentOut(
          s,
          scope,
          "Kea "
              + c.settings.target().version()
              + " has DNS settings globally, per shared network and per subnet"
              + (c.settings.target().atLeast(Target.KEA_3_0) ? " and pool" : "")
              + ", not in "
              + scope.describe()
              + hint);
      return null;
    }
    return c.converted(s, scope.place().put(key, value));
  }

  private void conflictDetection(Statement s, Scope scope) {
    if (flag(s)) {
      c.converted(s, scope);
      return;
    }
    if (c.settings.target().atLeast(Target.KEA_2_6)) {
      scoped(s, scope, "ddns-conflict-resolution-mode", JValue.of("no-check-with-dhcid"));
    } else {
      scoped(s, scope, "ddns-use-conflict-resolution", JValue.of(false));
    }
  }

  private void guardIdMustMatch(Statement s, Scope scope) {
    if (flag(s)) {
      c.converted(s, scope);
      return;
    }
    if (!c.settings.target().atLeast(Target.KEA_2_6)) {
      c.commentOut(
          s,
          scope,
          "Kea 2.2 always requires the DHCID to match; --target 2.6 writes"
              + " ddns-conflict-resolution-mode check-exists-with-dhcid");
      return;
    }
    Optional<JValue> mode =
        scope.effectiveKind() == Scope.Kind.HOST
            ? Optional.empty()
            : scope.place().get("ddns-conflict-resolution-mode");
    if (mode.isPresent() && mode.get().equals(new JString("no-check-with-dhcid"))) {
      c.converted(s, scope); // conflict detection is off altogether at this scope
      return;
    }
    scoped(s, scope, "ddns-conflict-resolution-mode", JValue.of("check-exists-with-dhcid"));
  }

  private static boolean flag(Statement s) {
    return Parameters.flag(s)
        .orElseThrow(
            () ->
                new ConfSyntaxException(
                    s.position(), s.keyword() + ": expecting on, off, true or false"));
  }

  private static String string(Statement s) {
    List<Token> w = s.words();
    Token t = w.size() == 3 && w.get(1).isPunct("=") ? w.get(2) : w.size() == 2 ? w.get(1) : null;
    if (t == null || t.kind() != Token.Kind.STRING) {
      throw new ConfSyntaxException(s.position(), s.keyword() + ": expecting a string in quotes");
    }
    return t.text();
  }

  private static long number(Statement s) {
    Parameters.requireWords(s, 2);
    try {
      return Long.parseLong(s.words().get(1).text());
    } catch (NumberFormatException e) {
      throw new ConfSyntaxException(
          s.words().get(1).position(), s.keyword() + ": expecting a number");
    }
  }

  // ---- after the walk

  /**
   * dhcpd qualified names with the scope's {@code option domain-name} when ddns-domainname is
   * unset.
   */
  void domainName(Scope scope, Statement s) {
    domainNames.add(Map.entry(scope, s));
  }

  /**
   * Finishes the DHCP side (suffixes taken from domain-name, notes) and builds the DhcpDdns
   * document when the input has DNS settings.
   */
  Optional<JMap> finish(List<Scope> subnets, boolean hostsWithAddresses) {
    if (!anyDdnsStatement && style == null) {
      return Optional.empty();
    }
    if (style == null) {
      c.report.add(
          new SourcePosition(c.sourceName, 1, 1),
          "ddns-update-style",
          Action.NOTE,
          "not set: dhcpd's default, none, does no DNS updates, so Kea's enable-updates stays false");
    }
    if (updatesEnabled()) {
      suffixesFromDomainName();
      if (hostsWithAddresses && !staticLeasesOn) {
        c.report.add(
            staticLeasesStatement != null
                ? staticLeasesStatement.position()
                : new SourcePosition(c.sourceName, 1, 1),
            "update-static-leases",
            Action.NOTE,
            "dhcpd did no DNS updates for fixed-address hosts (update-static-leases off); Kea updates"
                + " them like any lease");
      }
      JMap ddns = (JMap) link.value();
      ddns.put("server-ip", c.settings.d2Address());
      ddns.put("server-port", c.settings.d2Port());
    }
    if (!c.settings.d2Output()) {
      return Optional.empty();
    }
    D2Document d2 = new D2Document(c, keys, zones);
    return Optional.of(d2.build(updatesEnabled(), suffixes, subnets));
  }

  private void suffixesFromDomainName() {
    for (Map.Entry<Scope, Statement> e : domainNames) {
      Scope scope = e.getKey();
      Scope.Kind kind = scope.effectiveKind();
      if (kind != Scope.Kind.ROOT && kind != Scope.Kind.SHARED && kind != Scope.Kind.SUBNET) {
        continue;
      }
      boolean explicit = false;
      for (Scope s = scope; s != null; s = s.parent) {
        if (s.target != null && explicitSuffix.contains(s.target)) {
          explicit = true;
        }
      }
      if (explicit || scope.place().has("ddns-qualifying-suffix")) {
        continue;
      }
      String value = e.getValue().words().get(2).text();
      Member m = scope.place().put("ddns-qualifying-suffix", value);
      m.note(
          "dhcpd qualified host names with the domain-name option, ddns-domainname being unset ("
              + e.getValue().where()
              + ")");
      c.report.add(
          e.getValue(),
          Action.NOTE,
          "also written as ddns-qualifying-suffix: dhcpd qualified host names with it, ddns-domainname being unset");
      suffixes.add(
          new D2Document.Suffix(value, e.getValue().position(), Report.construct(e.getValue())));
    }
  }
}
