package io.d2j.migrate.convert;

import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.migrate.json.JList;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.JValue;
import io.d2j.migrate.json.Member;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * dhcpd failover (spec §9.3) to Kea's High Availability hook: {@code libdhcp_lease_cmds.so} and
 * {@code libdhcp_ha.so} with one relationship. Kea's peers are named {@code <peer>-primary} and
 * {@code <peer>-secondary}, so converting the partner's dhcpd.conf yields the same names. Written
 * commented out (and counted as not converted) unless {@code --ha}: the URLs and ports need the
 * operator's decision.
 */
final class Failover {
  /** Kea's control agent's usual port: where the partner's HA commands go. */
  static final int CONTROL_AGENT_PORT = 8000;

  /** One {@code failover peer} declaration. */
  static final class Peer {
    final String name;
    final Statement statement;
    String role;
    Token address;
    Token peerAddress;
    Integer split;
    String hba;
    long maxResponseDelay = -1;
    long autoPartnerDown = -1;
    final List<Statement> noCounterpart = new ArrayList<>();
    boolean referenced;

    Peer(String name, Statement statement) {
      this.name = name;
      this.statement = statement;
    }

    /** Kea's mode: dhcpd's split 0 or 256 (or an hba all one way) is one server doing all. */
    String mode() {
      return allToOne() ? "hot-standby" : "load-balancing";
    }

    boolean allToOne() {
      if (split != null) {
        return split == 0 || split >= 256;
      }
      if (hba != null) {
        String h = hba.replace(":", "").toLowerCase(Locale.ROOT);
        return h.chars().allMatch(c -> c == 'f') || h.chars().allMatch(c -> c == '0');
      }
      return false;
    }

    /** With split 0 the dhcpd secondary serves everything: it becomes Kea's primary. */
    boolean secondaryServesAll() {
      return (split != null && split == 0)
          || (hba != null && hba.replace(":", "").chars().allMatch(c -> c == '0'));
    }

    String keaName(String dhcpdRole) {
      return name + "-" + dhcpdRole;
    }
  }

  private final Conversion c;
  private final Map<String, Peer> peers = new LinkedHashMap<>();

  Failover(Conversion c) {
    this.c = c;
  }

  boolean live() {
    return c.settings.ha();
  }

  /** {@code failover peer "x" { ... }} and {@code failover peer "x" state { ... }}. */
  void peer(Statement s, Scope scope) {
    List<Token> w = s.words();
    if (w.size() < 3 || !w.get(1).isWord("peer")) {
      throw new ConfSyntaxException(s.position(), "failover: expecting peer NAME");
    }
    String name = w.get(2).text();
    if (w.size() == 4 && w.get(3).isWord("state")) {
      if (!peers.containsKey(name)) {
        throw new ConfSyntaxException(
            s.position(), "state declaration for unknown failover peer " + name);
      }
      c.note(
          s,
          scope,
          "failover state: Kea's HA always starts in the waiting state and learns the partner's");
      return;
    }
    if (w.size() != 3) {
      throw new ConfSyntaxException(w.get(3).position(), "'{' expected");
    }
    if (scope.effectiveKind() != Scope.Kind.ROOT) {
      throw new ConfSyntaxException(s.position(), "failover peer declarations not allowed here.");
    }
    Peer p = new Peer(name, s);
    for (Statement st : s.children()) {
      List<Token> sw = st.words();
      String text = st.headerText().toLowerCase(Locale.ROOT);
      switch (st.keyword()) {
        case "primary", "secondary" -> p.role = st.keyword();
        case "address" -> p.address = sw.get(1);
        case "peer" -> {
          if (sw.size() == 3 && sw.get(1).isWord("address")) {
            p.peerAddress = sw.get(2);
          } else if (!(sw.size() == 3 && sw.get(1).isWord("port"))) {
            throw new ConfSyntaxException(
                st.position(), "failover peer " + name + ": unexpected '" + st.headerText() + "'");
          }
        }
        case "port" -> {}
        case "split" -> p.split = Integer.parseInt(sw.get(1).text());
        case "hba" -> p.hba = sw.get(1).text();
        case "max-response-delay" -> p.maxResponseDelay = Long.parseLong(sw.get(1).text());
        case "auto-partner-down" -> p.autoPartnerDown = Long.parseLong(sw.get(1).text());
        default -> {
          if (text.startsWith("load balance max seconds")
              || st.keyword().equals("mclt")
              || st.keyword().equals("max-unacked-updates")
              || st.keyword().equals("max-lease-misbalance")
              || st.keyword().equals("max-lease-ownership")
              || st.keyword().equals("min-balance")
              || st.keyword().equals("max-balance")) {
            p.noCounterpart.add(st);
          } else {
            throw new ConfSyntaxException(
                st.position(), "failover peer " + name + ": unexpected '" + st.headerText() + "'");
          }
        }
      }
    }
    if (p.role == null) {
      throw new ConfSyntaxException(
          s.position(), "failover peer " + name + ": primary or secondary expected");
    }
    if (p.address == null || p.peerAddress == null) {
      throw new ConfSyntaxException(
          s.position(), "failover peer " + name + ": address and peer address expected");
    }
    if (!peers.isEmpty()) {
      c.commentOut(
          s,
          scope,
          "Kea 2.2's HA has one relationship per server; the first failover peer is converted");
      return;
    }
    peers.put(name, p);
    List<String> lines = new ArrayList<>(Conversion.comments(s));
    lines.add(
        "failover peer \""
            + name
            + "\" ("
            + s.where()
            + "): Kea's HA hook, under hooks-libraries"
            + (live() ? "" : " (commented out; --ha writes it live)"));
    scope.place().comment(lines);
  }

  /** {@code failover peer "x";} in a pool. */
  void reference(Statement s, Scope scope) {
    List<Token> w = s.words();
    if (w.size() != 3 || !w.get(1).isWord("peer")) {
      throw new ConfSyntaxException(s.position(), "failover: expecting peer NAME");
    }
    String name = w.get(2).text();
    Peer p = peers.get(name);
    if (p == null) {
      throw new ConfSyntaxException(w.get(2).position(), "unknown failover peer " + name);
    }
    if (scope.effectiveKind() != Scope.Kind.POOL) {
      throw new ConfSyntaxException(s.position(), "failover peer references belong in pools");
    }
    p.referenced = true;
    scope.pool.failover = p;
    c.converted(s, scope);
  }

  /**
   * The pools of one range under failover: in load-balancing with --ha, two halves, one for each
   * server's {@code HA_<name>} class (Kea's way of keeping the peers' allocations apart).
   */
  List<JMap> split(PoolDraft.Range r, Peer p, JMap template, Statement poolStatement) {
    if (!live() || !p.mode().equals("load-balancing")) {
      return List.of(template);
    }
    if (template.has("client-class")) {
      c.report.add(
          poolStatement,
          Action.PARTIAL,
          "the pool already has a client-class, so it is not split between the HA peers (they may"
              + " offer the same address; Kea's HA then lets one lease win)");
      return List.of(template);
    }
    BigInteger first = Addresses.number(r.first());
    BigInteger last = Addresses.number(r.last());
    if (first.equals(last)) {
      return List.of(template);
    }
    BigInteger mid =
        first.add(last.subtract(first).add(BigInteger.ONE).shiftRight(1)).subtract(BigInteger.ONE);
    return List.of(
        half(
            Addresses.text(r.first()) + " - " + Addresses.text(toAddress(mid, r.first())),
            template,
            p.keaName("primary")),
        half(
            Addresses.text(toAddress(mid.add(BigInteger.ONE), r.first()))
                + " - "
                + Addresses.text(r.last()),
            template,
            p.keaName("secondary")));
  }

  private static JMap half(String range, JMap template, String peer) {
    JMap m = new JMap();
    m.put("pool", range);
    m.members().addAll(template.copy().members());
    m.put("client-class", "HA_" + peer);
    return m;
  }

  private static InetAddress toAddress(BigInteger n, InetAddress like) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[like.getAddress().length];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    try {
      return InetAddress.getByAddress(out);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the HA hook configuration (live with --ha, else commented out). */
  void finish() {
    for (Peer p : peers.values()) {
      build(p);
    }
  }

  private void build(Peer p) {
    Statement s = p.statement;
    boolean hot = p.mode().equals("hot-standby");
    String thisName = p.keaName(p.role);
    String otherRole = p.role.equals("primary") ? "secondary" : "primary";
    String otherName = p.keaName(otherRole);
    List<String> notes = new ArrayList<>();
    Optional<String> thisUrl = url(p.address, notes);
    Optional<String> otherUrl = url(p.peerAddress, notes);
    JMap ha = new JMap();
    ha.put("this-server-name", thisName);
    ha.put("mode", p.mode());
    long mrd = p.maxResponseDelay > 0 ? p.maxResponseDelay * 1000 : 60000;
    if (mrd > 65535) {
      notes.add(
          "max-response-delay "
              + p.maxResponseDelay
              + " s is more than Kea 2.2's 65535 ms: 65535 written");
      mrd = 65535;
    }
    ha.put("heartbeat-delay", Math.min(10000, Math.max(1000, mrd / 3)));
    ha.put("max-response-delay", mrd);
    if (p.autoPartnerDown >= 0) {
      ha.put("max-unacked-clients", 0);
      notes.add(
          "auto-partner-down: Kea's nearest is max-unacked-clients 0 (partner-down on a missed"
              + " heartbeat alone); a network split then leaves both servers serving everyone");
    }
    JList peerList = ha.list("peers");
    peerList.add(peerEntry(thisName, thisUrl, keaRole(p, p.role, hot)));
    peerList.add(peerEntry(otherName, otherUrl, keaRole(p, otherRole, hot)));
    for (Statement n : p.noCounterpart) {
      String why =
          n.keyword().equals("mclt")
              ? "Kea has no MCLT: a lease is extended only as far as the partner acknowledged it"
              : n.keyword().equals("max-unacked-updates")
                  ? "Kea sends lease updates one by one and waits (no BNDUPD window); it is not max-unacked-clients"
                  : n.headerText().toLowerCase(Locale.ROOT).startsWith("load balance")
                      ? "Kea never answers the partner's clients while it is in contact with it"
                      : "Kea has no pool ownership or balancing between peers";
      notes.add(n.headerText() + ": " + why);
      c.report.add(n, Action.NOTE, why);
    }
    if (!hot) {
      notes.add(
          "load balancing: dhcpd picks the server by a 256-bucket split of the client hash, Kea by"
              + " the hash's parity (RFC 3074 both): clients may change server after the move");
    }
    if (p.split != null && !hot && p.split != 128) {
      notes.add("split " + p.split + ": Kea's load balancing is always half and half");
    }
    if (p.role.equals("secondary") && p.split == null && p.hba == null) {
      notes.add("split is set on the dhcpd primary: if it was 0 or 256, make this hot-standby");
    }
    if (!p.referenced) {
      notes.add("no pool refers to this failover peer");
    }
    JMap params = new JMap();
    JList relationships = params.list("high-availability");
    relationships.add(ha);
    String dir = c.settings.hookPath().orElse(Failover.DEFAULT_HOOKS);
    JList hooks = new JList();
    JMap leaseCmds = new JMap();
    leaseCmds.put("library", dir + "/libdhcp_lease_cmds.so");
    hooks.add(leaseCmds);
    JMap haHook = new JMap();
    haHook.put("library", dir + "/libdhcp_ha.so");
    haHook.put("parameters", params);
    hooks.add(haHook);
    String where = "from failover peer \"" + p.name + "\" (" + s.where() + ")";
    boolean urlsOk = thisUrl.isPresent() && otherUrl.isPresent();
    if (live() && urlsOk) {
      Member m = c.root.put("hooks-libraries", hooks);
      m.note(
          where
              + ": each peer's url is its kea-ctrl-agent (port "
              + CONTROL_AGENT_PORT
              + " assumed), not dhcpd's failover port");
      notes.forEach(m::note);
      if (c.settings.hookPath().isEmpty()) {
        m.note("hook libraries assumed in " + DEFAULT_HOOKS + " (-l DIR sets the directory)");
      }
      c.report.add(
          s, Action.PARTIAL, "Kea's HA differs from dhcpd's failover; see the notes in the output");
    } else {
      String reason =
          live()
              ? "a peer address is a host name and Kea's HA needs an IP literal in the url"
              : "the HA hook needs the peers' control URLs checked by the operator: written commented out (--ha writes it live)";
      c.report.add(s, Action.COMMENTED, reason);
      List<String> lines = new ArrayList<>();
      lines.add("not converted (" + s.where() + "): " + reason);
      lines.addAll(notes);
      c.root.comment(lines);
      c.root.putCommented("hooks-libraries", hooks).note(where);
    }
  }

  /** Where Debian's Kea 2.2 packages put the hook libraries (the default of -l). */
  static final String DEFAULT_HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks";

  private static String keaRole(Peer p, String dhcpdRole, boolean hot) {
    if (!hot) {
      return dhcpdRole;
    }
    boolean active =
        p.secondaryServesAll() ? dhcpdRole.equals("secondary") : dhcpdRole.equals("primary");
    return active ? "primary" : "standby";
  }

  private Optional<String> url(Token address, List<String> notes) {
    Optional<InetAddress> a =
        Addresses.ipv4(address.text())
            .map(InetAddress.class::cast)
            .or(() -> Addresses.ipv6(address.text()).map(InetAddress.class::cast));
    if (a.isEmpty()) {
      a = c.hostAddress(address, false);
    }
    if (a.isEmpty()) {
      notes.add(c.unresolvedReason(address.text()));
      return Optional.empty();
    }
    String host =
        a.get() instanceof java.net.Inet6Address
            ? "[" + Addresses.text(a.get()) + "]"
            : Addresses.text(a.get());
    return Optional.of("http://" + host + ":" + CONTROL_AGENT_PORT + "/");
  }

  private static JMap peerEntry(String name, Optional<String> url, String role) {
    JMap m = new JMap();
    m.put("name", name);
    m.put("url", url.orElse("http://ADDRESS:" + CONTROL_AGENT_PORT + "/"));
    m.put("role", role);
    m.put("auto-failover", JValue.of(true));
    return m;
  }
}
