package io.d2j.migrate.convert;

import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.JNumber;
import io.d2j.migrate.json.JValue;
import io.d2j.migrate.json.Member;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parameter statements (spec §4.6): lease times, authoritative, boot fields, interfaces, server
 * switches, and every statement Kea has no place for, commented out with the reason.
 */
final class Parameters {
  private static final Set<Scope.Kind> NETWORK =
      EnumSet.of(Scope.Kind.ROOT, Scope.Kind.SHARED, Scope.Kind.SUBNET);
  private static final Set<Scope.Kind> LIFETIME =
      EnumSet.of(Scope.Kind.ROOT, Scope.Kind.SHARED, Scope.Kind.SUBNET, Scope.Kind.CLASS);
  private static final Set<Scope.Kind> BOOT =
      EnumSet.of(
          Scope.Kind.ROOT, Scope.Kind.SHARED, Scope.Kind.SUBNET, Scope.Kind.CLASS, Scope.Kind.HOST);

  /** Statements Kea has no counterpart for, with the reason the report gives. */
  private static final Map<String, String> UNSUPPORTED =
      Map.ofEntries(
          Map.entry("one-lease-per-client", "Kea has no one-lease-per-client switch"),
          Map.entry("ping-check", "Kea 2.2 does not ping an address before offering it"),
          Map.entry("ping-timeout", "Kea 2.2 does not ping an address before offering it"),
          Map.entry("ping-timeout-ms", "Kea 2.2 does not ping an address before offering it"),
          Map.entry("ping-cltt-secs", "Kea 2.2 does not ping an address before offering it"),
          Map.entry("log-facility", "Kea logs as its 'loggers' configuration says"),
          Map.entry(
              "lease-file-name",
              "Kea's lease file is 'lease-database' 'name', in Kea's own format"),
          Map.entry(
              "dhcpv6-lease-file-name",
              "Kea's lease file is 'lease-database' 'name', in Kea's own format"),
          Map.entry(
              "pid-file-name",
              "Kea's PID file location is set by its environment (KEA_PIDFILE_DIR)"),
          Map.entry(
              "dhcpv6-pid-file-name",
              "Kea's PID file location is set by its environment (KEA_PIDFILE_DIR)"),
          Map.entry("local-port", "the listening port is Kea's -p command-line switch"),
          Map.entry("remote-port", "the reply port is Kea's -P command-line switch"),
          Map.entry(
              "local-address",
              "Kea binds to the interfaces (and addresses, \"eth0/192.0.2.1\") in interfaces-config"),
          Map.entry("local-address6", "Kea binds to the interfaces in interfaces-config"),
          Map.entry("bind-local-address6", "Kea binds to the interfaces in interfaces-config"),
          Map.entry(
              "omapi-port",
              "OMAPI has no Kea counterpart; Kea's control socket and lease commands replace it"),
          Map.entry(
              "omapi-key",
              "OMAPI has no Kea counterpart; Kea's control socket and lease commands replace it"),
          Map.entry("min-secs", "Kea 2.2 has no minimum for the 'secs' field"),
          Map.entry("always-broadcast", "Kea 2.2 has no switch to broadcast every reply"),
          Map.entry("always-reply-rfc1048", "Kea always replies in RFC 1048 form"),
          Map.entry(
              "get-lease-hostnames", "Kea does not look up names for the addresses it leases"),
          Map.entry("stash-agent-options", "Kea has no counterpart"),
          Map.entry(
              "boot-unknown-clients",
              "Kea has no counterpart (deny unknown clients with client classes)"),
          Map.entry(
              "dynamic-bootp-lease-cutoff",
              "Kea serves BOOTP only with the bootp hook library, with infinite leases"),
          Map.entry(
              "dynamic-bootp-lease-length",
              "Kea serves BOOTP only with the bootp hook library, with infinite leases"),
          Map.entry("limit-addrs-per-ia", "Kea has no per-IA address limit"),
          Map.entry("limit-prefs-per-ia", "Kea has no per-IA prefix limit"),
          Map.entry(
              "abandon-lease-time",
              "Kea's nearest setting is decline-probation-period, for declined addresses only"),
          Map.entry("max-ack-delay", "Kea does not delay acknowledgements"),
          Map.entry("delayed-ack", "Kea does not delay acknowledgements"),
          Map.entry("release-on-roam", "Kea has no release-on-roam"),
          Map.entry("use-eui-64", "Kea does not assign EUI-64 addresses"),
          Map.entry("persist-eui-64-leases", "Kea does not assign EUI-64 addresses"),
          Map.entry(
              "prefix-length-mode",
              "Kea 2.2 delegates the pool's delegated-len whatever the client hints"),
          Map.entry("infinite-is-reserved", "Kea has no counterpart"),
          Map.entry("adaptive-lease-time-threshold", "Kea has no adaptive lease times"),
          Map.entry("server-id-check", "Kea checks the server identifier itself"),
          Map.entry(
              "site-option-space",
              "Kea has no site option space: define the options in 'dhcp4' with option-def"),
          Map.entry("agent-id", "Kea has no counterpart"),
          Map.entry(
              "lease", "a lease declaration belongs in the lease file, not the configuration"),
          Map.entry(
              "dhcpv6-set-tee-times",
              "Kea 2.2 sets T1/T2 with renew-timer/rebind-timer or calculate-tee-times"),
          Map.entry(
              "leasequery",
              "Kea answers leasequeries only with the (commercial) lease_query hook library"));

  /** Executable statements: dhcpd runs them per packet; Kea has no statements at all. */
  private static final Set<String> EXECUTABLE =
      Set.of(
          "if",
          "on",
          "switch",
          "set",
          "unset",
          "log",
          "execute",
          "eval",
          "add",
          "break",
          "return",
          "fetch",
          "define",
          "case",
          "default:");

  private final Conversion c;
  private final Walker walker;
  private final OptionData options;

  Parameters(Conversion c, Walker walker) {
    this.c = c;
    this.walker = walker;
    this.options = new OptionData(c, walker.dns::domainName);
  }

  /** A parameter's on/off value ({@code on}, {@code true}, {@code off}, {@code false}). */
  static Optional<Boolean> flag(Statement s) {
    if (s.words().size() != 2) {
      return Optional.empty();
    }
    return switch (s.words().get(1).text().toLowerCase(Locale.ROOT)) {
      case "on", "true" -> Optional.of(true);
      case "off", "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  void apply(Statement s, Scope scope) {
    Scope.Kind kind = scope.effectiveKind();
    if (kind == Scope.Kind.HOST && walker.hosts.handles(s, scope)) {
      return;
    }
    if (kind == Scope.Kind.CLASS && walker.classes.handles(s, scope)) {
      return;
    }
    String k = s.keyword();
    if (kind == Scope.Kind.POOL && (k.equals("allow") || k.equals("deny"))) {
      scope.pool.permits.add(s);
      return;
    }
    if (k.startsWith("ddns-")
        || k.startsWith("update-")
        || k.equals("do-forward-updates")
        || k.equals("do-reverse-updates")
        || ((k.equals("ignore") || k.equals("allow") || k.equals("deny")) && isClientUpdates(s))) {
      walker.dns.parameter(s, scope);
      return;
    }
    if (k.equals("failover")) {
      walker.failover.reference(s, scope);
      return;
    }
    if (EXECUTABLE.contains(k)) {
      c.commentOut(
          s,
          scope,
          "dhcpd runs this statement per packet; Kea has no statements (client classes, hooks"
              + " such as run_script, or reservations may do the job)");
      return;
    }
    if (s.block().isPresent()) {
      c.commentOut(s, scope, "d2j-migrate does not know this block");
      return;
    }
    switch (k) {
      case "option" -> {
        if (s.word(1).map(t -> t.isWord("space")).orElse(false)
            || s.word(2).map(t -> t.isWord("code")).orElse(false)) {
          walker.classes.definitions.statement(s, scope);
        } else {
          options.data(s, scope);
        }
      }
      case "supersede" -> options.data(s, scope);
      case "default", "prepend", "append" ->
          c.commentOut(
              s,
              scope,
              "Kea has no '" + k + "' for options: write the value as option-data if it suits");
      case "default-lease-time" -> lifetime(s, scope, "valid-lifetime");
      case "max-lease-time" -> lifetime(s, scope, "max-valid-lifetime");
      case "min-lease-time" -> lifetime(s, scope, "min-valid-lifetime");
      case "preferred-lifetime" -> {
        if (c.v4()) {
          c.commentOut(s, scope, "a DHCPv6 setting");
        } else {
          lifetime(s, scope, "preferred-lifetime");
        }
      }
      case "authoritative" -> authoritative(s, scope, true);
      case "not" -> {
        if (s.words().size() == 2 && s.words().get(1).isWord("authoritative")) {
          authoritative(s, scope, false);
        } else {
          c.commentOut(s, scope, "d2j-migrate does not know this statement");
        }
      }
      case "filename" -> boot(s, scope, "boot-file-name");
      case "server-name" -> boot(s, scope, "server-hostname");
      case "next-server" -> nextServer(s, scope);
      case "interface" -> iface(s, scope);
      case "use-host-decl-names" -> {
        if (flag(s).isEmpty()) {
          throw new ConfSyntaxException(s.position(), "use-host-decl-names: expecting on or off");
        }
        c.converted(s, scope);
        c.report.add(
            s,
            Action.NOTE,
            flag(s).get()
                ? "host labels become reservation host names"
                : "host labels are not used as host names");
      }
      case "server-identifier" -> serverIdentifier(s, scope);
      case "ignore-client-uids" -> clientUids(s, scope);
      case "echo-client-id" -> echoClientId(s, scope);
      case "dhcp-cache-threshold" -> cacheThreshold(s, scope);
      case "allow", "deny", "ignore" -> permission(s, scope);
      case "db-time-format", "lease-id-format" -> {
        c.note(s, scope, "changes only how dhcpd writes its lease file: nothing to convert");
      }
      case "server-duid" -> serverDuid(s, scope);
      case "vendor-option-space" -> vendorOptionSpace(s, scope);
      case "hardware",
          "fixed-address",
          "fixed-address6",
          "fixed-prefix6",
          "uid",
          "host-identifier" ->
          throw new ConfSyntaxException(s.position(), k + " is allowed in a host only.");
      default -> {
        String reason = UNSUPPORTED.get(k);
        c.commentOut(
            s, scope, reason != null ? reason : "d2j-migrate does not know this statement");
      }
    }
  }

  private static boolean isClientUpdates(Statement s) {
    return s.words().size() == 2 && s.words().get(1).isWord("client-updates");
  }

  /** dhcpd's "semicolon expected" for a statement with more words than it takes. */
  static void requireWords(Statement s, int n) {
    if (s.words().size() > n) {
      throw new ConfSyntaxException(s.words().get(n).position(), "semicolon expected.");
    }
    if (s.words().size() < n) {
      throw new ConfSyntaxException(s.position(), s.keyword() + ": a value is missing");
    }
  }

  private long number(Statement s, long max) {
    requireWords(s, 2);
    Token t = s.words().get(1);
    if (t.isWord("infinite")) {
      return 0xffffffffL;
    }
    try {
      long v = Long.parseLong(t.text());
      if (v >= 0 && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new ConfSyntaxException(
        t.position(), s.keyword() + ": expecting a number, got '" + t.source() + "'");
  }

  private void lifetime(Statement s, Scope scope, String key) {
    long value = number(s, 0xffffffffL);
    if (!LIFETIME.contains(scope.effectiveKind())) {
      c.commentOut(
          s,
          scope,
          "Kea 2.2 sets lease times per global scope, shared network, subnet or client class, not in "
              + scope.describe());
      return;
    }
    c.converted(s, scope.place().put(key, value));
  }

  private void authoritative(Statement s, Scope scope, boolean value) {
    if (!c.v4()) {
      c.note(s, scope, "DHCPv6 has no authoritative switch: nothing to convert");
      return;
    }
    if (!NETWORK.contains(scope.effectiveKind())) {
      c.commentOut(s, scope, "Kea sets authoritative globally, per shared network or per subnet");
      return;
    }
    c.converted(s, scope.place().put("authoritative", value));
  }

  private void boot(Statement s, Scope scope, String key) {
    if (s.words().size() != 2 || s.words().get(1).kind() != Token.Kind.STRING) {
      throw new ConfSyntaxException(s.position(), s.keyword() + ": expecting a string in quotes");
    }
    if (!c.v4()) {
      c.commentOut(s, scope, "DHCPv6 has no boot fields (use option dhcp6.bootfile-url)");
      return;
    }
    if (!BOOT.contains(scope.effectiveKind())) {
      c.commentOut(s, scope, "Kea has no " + key + " in " + scope.describe());
      return;
    }
    c.converted(s, scope.place().put(key, s.words().get(1).text()));
  }

  private void nextServer(Statement s, Scope scope) {
    if (s.words().size() != 2) {
      throw new ConfSyntaxException(s.position(), "next-server: expecting an address");
    }
    if (!c.v4()) {
      c.commentOut(s, scope, "DHCPv6 has no next-server");
      return;
    }
    if (!BOOT.contains(scope.effectiveKind())) {
      c.commentOut(s, scope, "Kea has no next-server in " + scope.describe());
      return;
    }
    Token t = s.words().get(1);
    Optional<InetAddress> a = Addresses.ipv4(t.text()).map(InetAddress.class::cast);
    if (a.isEmpty()) {
      if (!Addresses.isHostName(t.text())) {
        throw new ConfSyntaxException(
            t.position(), "next-server: expecting an address, got '" + t.source() + "'");
      }
      a = c.hostAddress(t, false);
    }
    if (a.isEmpty()) {
      c.commentOut(s, scope, c.unresolvedReason(t.text()));
      return;
    }
    c.converted(s, scope.place().put("next-server", Addresses.text(a.get())));
  }

  private void iface(Statement s, Scope scope) {
    if (s.words().size() != 2) {
      throw new ConfSyntaxException(s.position(), "interface: expecting a name");
    }
    Scope.Kind kind = scope.effectiveKind();
    if (kind != Scope.Kind.SHARED && kind != Scope.Kind.SUBNET) {
      c.commentOut(s, scope, "Kea ties an interface to a shared network or subnet only");
      return;
    }
    String name = s.words().get(1).text();
    JMap place = scope.place();
    Optional<JValue> existing = place.get("interface");
    if (existing.isPresent()) {
      throw new ConfSyntaxException(
          s.position(), "A subnet or shared network can't be connected to two interfaces.");
    }
    c.interfaces.add(name);
    c.converted(s, place.put("interface", name));
  }

  private void serverIdentifier(Statement s, Scope scope) {
    if (!c.v4()) {
      c.commentOut(s, scope, "DHCPv6 identifies the server by its DUID (server-duid)");
      return;
    }
    OptionInfo option = c.options.find("dhcp-server-identifier").orElseThrow();
    options.emit(s, scope, option, s.words().subList(1, s.words().size()));
  }

  private void clientUids(Statement s, Scope scope) {
    Optional<Boolean> on = flag(s);
    if (on.isEmpty()) {
      throw new ConfSyntaxException(s.position(), "ignore-client-uids: expecting on or off");
    }
    if (!c.v4() || !NETWORK.contains(scope.effectiveKind())) {
      c.commentOut(
          s, scope, "Kea sets match-client-id for DHCPv4 globally, per shared network or subnet");
      return;
    }
    c.converted(s, scope.place().put("match-client-id", !on.get()));
  }

  private void echoClientId(Statement s, Scope scope) {
    Optional<Boolean> on = flag(s);
    if (on.isEmpty()) {
      throw new ConfSyntaxException(s.position(), "echo-client-id: expecting on or off");
    }
    if (!c.v4() || scope.effectiveKind() != Scope.Kind.ROOT) {
      c.commentOut(s, scope, "Kea sets echo-client-id for DHCPv4 globally only");
      return;
    }
    c.converted(s, c.root.put("echo-client-id", on.get()));
  }

  private void cacheThreshold(Statement s, Scope scope) {
    long percent = number(s, 100);
    if (!NETWORK.contains(scope.effectiveKind())) {
      c.commentOut(s, scope, "Kea sets cache-threshold globally, per shared network or subnet");
      return;
    }
    if (percent == 0 || percent >= 100) {
      c.commentOut(s, scope, "Kea's cache-threshold must lie strictly between 0 and 1");
      return;
    }
    // dhcpd's threshold is a percentage, Kea's a fraction.
    c.converted(
        s,
        scope
            .place()
            .put("cache-threshold", new JNumber(java.math.BigDecimal.valueOf(percent, 2))));
  }

  /** {@code allow|deny|ignore X;} outside pools. */
  private void permission(Statement s, Scope scope) {
    String what = s.words().size() >= 2 ? s.words().get(1).text().toLowerCase(Locale.ROOT) : "";
    boolean deny = !s.keyword().equals("allow");
    switch (what) {
      case "unknown-clients", "unknown" -> {
        if (!deny) {
          c.converted(s, scope);
          c.report.add(s, Action.NOTE, "Kea serves unknown clients by default");
        } else {
          c.commentOut(
              s,
              scope,
              "Kea restricts clients per pool: give each pool \"client-class\": \"KNOWN\" to serve"
                  + " known clients only");
        }
      }
      case "bootp", "dynamic" -> {
        if (deny) {
          c.converted(s, scope);
          c.report.add(
              s, Action.NOTE, "Kea ignores BOOTP requests unless the bootp hook library is loaded");
        } else {
          c.commentOut(s, scope, "Kea serves BOOTP only with the libdhcp_bootp.so hook library");
        }
      }
      case "booting" -> c.commentOut(s, scope, "Kea has no allow/deny booting: use client classes");
      case "duplicates" -> c.commentOut(s, scope, "Kea has no allow/deny duplicates");
      case "declines" ->
          c.commentOut(s, scope, "Kea always honours DHCPDECLINE (decline-probation-period)");
      case "leasequery" -> c.commentOut(s, scope, UNSUPPORTED.get("leasequery"));
      case "rapid-commit" -> c.commentOut(s, scope, "use \"rapid-commit\": true in Kea");
      default -> c.commentOut(s, scope, "d2j-migrate does not know this permission");
    }
  }

  /**
   * {@code vendor-option-space NAME;}: option 43 carries NAME's options. In Kea the sub-options
   * live in {@code vendor-encapsulated-options-space} (mapped before the walk, see {@link
   * Migration}), and option 43 must be configured (empty) where its content should be sent.
   */
  private void vendorOptionSpace(Statement s, Scope scope) {
    requireWords(s, 2);
    if (!c.v4()) {
      c.commentOut(
          s,
          scope,
          "DHCPv6 vendor options (17) are configured by enterprise number in Kea (space vendor-N)");
      return;
    }
    String space = s.words().get(1).text();
    if (!c.options.hasSpace(space)) {
      throw new ConfSyntaxException(s.words().get(1).position(), "no option space named " + space);
    }
    if (!c.options.keaSpace(space).orElse("").equals(Migration.VENDOR_SPACE)) {
      c.commentOut(
          s,
          scope,
          "several vendor-option-space statements name different spaces; Kea's option 43 has one"
              + " sub-option space");
      return;
    }
    JMap od = new JMap();
    od.put("name", "vendor-encapsulated-options");
    Member m = scope.place().list("option-data").add(od);
    c.converted(s, m);
    c.note(
        s,
        m,
        "option 43 carries the options of space "
            + space
            + " (vendor-encapsulated-options-space in Kea)");
  }

  private void serverDuid(Statement s, Scope scope) {
    if (c.v4()) {
      c.commentOut(s, scope, "a DHCPv6 setting");
      return;
    }
    List<Token> w = s.words();
    JMap id = new JMap();
    if (w.size() == 2 && w.get(1).isWord("LLT")) {
      id.put("type", "LLT");
    } else if (w.size() == 2 && w.get(1).isWord("LL")) {
      id.put("type", "LL");
    } else if (w.size() == 4 && w.get(1).isWord("EN")) {
      id.put("type", "EN");
      id.put("enterprise-id", Long.parseLong(w.get(2).text()));
      Token t = w.get(3);
      byte[] b =
          t.kind() == Token.Kind.STRING
              ? t.text().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)
              : Hex.colonSeparated(t)
                  .orElseThrow(
                      () ->
                          new ConfSyntaxException(
                              t.position(), "server-duid: expecting an identifier"));
      id.put("identifier", java.util.HexFormat.of().formatHex(b));
    } else {
      c.commentOut(
          s,
          scope,
          "d2j-migrate converts server-duid LLT, LL and EN without hardware details only");
      return;
    }
    if (scope.effectiveKind() != Scope.Kind.ROOT) {
      c.commentOut(s, scope, "Kea sets server-id globally");
      return;
    }
    c.converted(s, c.root.put("server-id", id));
  }
}
