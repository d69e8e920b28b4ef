package io.d2j.migrate.convert;

import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.migrate.json.JList;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.Member;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Subnets, shared networks, groups, pools and ranges (spec §4.1): ROOT &gt; GROUP/SHARED &gt;
 * SUBNET &gt; POOL, as dhcpd nests them.
 */
final class Topology {
  private final Conversion c;
  private final Walker walker;

  Topology(Conversion c, Walker walker) {
    this.c = c;
    this.walker = walker;
  }

  // ---- subnets

  void subnet(Statement s, Scope scope) {
    boolean v6Statement = s.keyword().equals("subnet6");
    Scope.Kind where = scope.effectiveKind();
    if (where != Scope.Kind.ROOT && where != Scope.Kind.SHARED) {
      throw new ConfSyntaxException(s.position(), s.keyword() + " declarations not allowed here.");
    }
    if (v6Statement && c.v4()) {
      throw new ConfSyntaxException(
          s.position(), "subnet6 statement is only supported in DHCPv6 mode.");
    }
    if (!v6Statement && !c.v4()) {
      requireBlock(s);
      c.commentOut(
          s, scope, "a DHCPv4 subnet: dhcpd -6 ignores it, and so does a Dhcp6 configuration");
      return;
    }
    requireBlock(s);
    InetAddress network;
    int length;
    if (v6Statement) {
      Token p = word(s, 1, "expecting an IPv6 prefix");
      int slash = p.text().indexOf('/');
      Optional<Inet6Address> a =
          slash < 0 ? Optional.empty() : Addresses.ipv6(p.text().substring(0, slash));
      if (a.isEmpty()) {
        throw new ConfSyntaxException(
            p.position(), "expecting an IPv6 prefix, got '" + p.text() + "'");
      }
      network = a.get();
      length = prefixLength(p, p.text().substring(slash + 1), 128);
      if (s.words().size() != 2) {
        throw new ConfSyntaxException(s.words().get(2).position(), "'{' expected");
      }
    } else {
      Token a = word(s, 1, "expecting an IPv4 network number");
      network =
          Addresses.ipv4(a.text())
              .orElseThrow(
                  () ->
                      new ConfSyntaxException(
                          a.position(),
                          "expecting an IPv4 network number, got '" + a.text() + "'"));
      if (s.words().size() < 4 || !s.words().get(2).isWord("netmask")) {
        throw new ConfSyntaxException(s.position(), "subnet " + a.text() + ": 'netmask' expected");
      }
      Token m = s.words().get(3);
      Inet4Address mask =
          Addresses.ipv4(m.text())
              .orElseThrow(
                  () ->
                      new ConfSyntaxException(
                          m.position(), "expecting a netmask, got '" + m.text() + "'"));
      length =
          Addresses.maskLength(mask)
              .orElseThrow(
                  () ->
                      new ConfSyntaxException(
                          m.position(),
                          "netmask " + m.text() + " is not contiguous; Kea needs a prefix length"));
      if (s.words().size() != 4) {
        throw new ConfSyntaxException(s.words().get(4).position(), "'{' expected");
      }
    }
    if (!Addresses.isNetwork(network, length)) {
      throw new ConfSyntaxException(
          s.position(), s.headerText() + ": bad subnet number/mask combination.");
    }
    JMap map = new JMap();
    map.put("id", c.nextSubnetId());
    map.put("subnet", Addresses.text(network) + "/" + length);
    Optional<Scope> shared = scope.enclosing(Scope.Kind.SHARED);
    JMap parentMap = shared.map(sh -> sh.target).orElse(null);
    JList list = (parentMap != null ? parentMap : c.root).list(c.family().subnetKey());
    Member member = list.add(map);
    c.converted(s, member);
    Scope sub = scope.child(Scope.Kind.SUBNET, map);
    sub.network = network;
    sub.prefixLength = length;
    sub.statement = s;
    shared.ifPresent(sh -> sh.subnets.add(sub));
    c.subnets.add(sub);
    walker.body(s, sub);
  }

  private static int prefixLength(Token t, String text, int max) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfSyntaxException(t.position(), "bad prefix length '" + text + "' (0-" + max + ")");
  }

  // ---- shared networks and groups

  void shared(Statement s, Scope scope) {
    if (scope.effectiveKind() != Scope.Kind.ROOT) {
      throw new ConfSyntaxException(s.position(), "shared-network declarations not allowed here.");
    }
    requireBlock(s);
    Token nameToken = word(s, 1, "expecting a name for the shared-network");
    if (s.words().size() != 2) {
      throw new ConfSyntaxException(s.words().get(2).position(), "'{' expected");
    }
    String name = nameToken.text();
    List<Statement> body = Walker.flatten(s.children());
    for (Statement child : body) {
      if (child.keyword().equals("shared-network")) {
        throw new ConfSyntaxException(
            child.position(), "shared-network declarations not allowed here.");
      }
    }
    long subnets = countSubnets(body);
    if (subnets == 0) {
      throw new ConfSyntaxException(s.block().get().end(), "empty shared-network decl");
    }
    if (subnets == 1) {
      // Kea needs no shared network for one subnet: its parameters move into the subnet.
      Scope flat = scope.group(Scope.Kind.SHARED, Walker.parametersOf(s.children()));
      flat.name = name;
      c.note(
          s,
          scope,
          "shared-network '"
              + name
              + "' has one subnet: its parameters are written into that subnet");
      keepParameterComments(s, scope);
      walkDeclarationsPoolsLast(s.children(), flat);
      return;
    }
    JMap map = new JMap();
    map.put("name", name);
    Member member = c.root.list("shared-networks").add(map);
    c.converted(s, member);
    Scope sh = scope.child(Scope.Kind.SHARED, map);
    sh.name = name;
    for (Statement p : sh.groupParameters) {
      walker.statement(Walker.withoutComments(p), sh);
    }
    List<Statement> pools = new ArrayList<>();
    for (Statement child : body) {
      if (child.keyword().equals("pool") || child.keyword().equals("pool6")) {
        pools.add(child);
      } else {
        walker.statement(child, sh);
      }
    }
    pools.forEach(p -> walker.statement(p, sh));
  }

  private void walkDeclarationsPoolsLast(List<Statement> statements, Scope scope) {
    List<Statement> pools = new ArrayList<>();
    for (Statement child : Walker.flatten(statements)) {
      if (!Walker.isDeclaration(child)) {
        continue;
      }
      if (child.keyword().equals("pool") || child.keyword().equals("pool6")) {
        pools.add(child);
      } else {
        walker.statement(child, scope);
      }
    }
    pools.forEach(p -> walker.statement(p, scope));
  }

  private long countSubnets(List<Statement> statements) {
    String keyword = c.v4() ? "subnet" : "subnet6";
    long n = 0;
    for (Statement s : Walker.flatten(statements)) {
      if (s.keyword().equals(keyword)) {
        n++;
      } else if (s.keyword().equals("group")) {
        n += countSubnets(s.children());
      }
    }
    return n;
  }

  void group(Statement s, Scope scope) {
    Scope.Kind where = scope.effectiveKind();
    if (where == Scope.Kind.POOL || where == Scope.Kind.HOST || where == Scope.Kind.CLASS) {
      throw new ConfSyntaxException(s.position(), "group declarations not allowed here.");
    }
    requireBlock(s);
    List<Statement> parameters = Walker.parametersOf(s.children());
    Scope g = scope.group(parameters);
    List<String> lines = new ArrayList<>(Conversion.comments(s));
    lines.add(
        "group at "
            + s.where()
            + (parameters.isEmpty()
                ? ": Kea has no groups; its declarations follow"
                : ": Kea has no groups; its parameters are copied into each declaration in it"));
    scope.place().comment(lines);
    c.report.add(s, Action.CONVERTED, "");
    keepParameterComments(s, scope);
    List<Statement> declarations =
        Walker.flatten(s.children()).stream().filter(Walker::isDeclaration).toList();
    if (!parameters.isEmpty() && !hasReceiver(declarations)) {
      for (Statement p : parameters) {
        c.commentOut(p, scope, "its group holds no declaration to carry it in Kea");
      }
    }
    walkDeclarationsPoolsLast(s.children(), g);
  }

  private static boolean hasReceiver(List<Statement> declarations) {
    return declarations.stream()
        .anyMatch(
            d ->
                switch (d.keyword()) {
                  case "subnet", "subnet6", "shared-network", "host", "class", "pool", "pool6" ->
                      true;
                  case "group" ->
                      hasReceiver(
                          Walker.flatten(d.children()).stream()
                              .filter(Walker::isDeclaration)
                              .toList());
                  default -> false;
                });
  }

  /** Comments on a group's parameters stay where the group was. */
  private void keepParameterComments(Statement s, Scope scope) {
    List<String> lines = new ArrayList<>();
    for (Statement p : Walker.parametersOf(s.children())) {
      lines.addAll(Conversion.comments(p));
    }
    if (!lines.isEmpty()) {
      scope.place().comment(lines);
    }
  }

  // ---- pools and ranges

  void pool(Statement s, Scope scope) {
    boolean v6Statement = s.keyword().equals("pool6");
    Scope.Kind where = scope.effectiveKind();
    if (where != Scope.Kind.SUBNET && where != Scope.Kind.SHARED) {
      throw new ConfSyntaxException(s.position(), s.keyword() + " declarations not allowed here.");
    }
    requireBlock(s);
    if (v6Statement == c.v4()) {
      throw new ConfSyntaxException(
          s.position(),
          s.keyword() + " is only supported in DHCPv" + (v6Statement ? "6" : "4") + " mode.");
    }
    JMap template = new JMap();
    // A flattened shared network's parameters went into its subnet, which Kea passes to the pool.
    Scope p =
        scope.kind == Scope.Kind.SHARED && scope.target == null
            ? new Scope(Scope.Kind.POOL, scope, template, List.of())
            : scope.child(Scope.Kind.POOL, template);
    p.pool = new PoolDraft();
    walker.body(s, p);
    PoolDraft draft = p.pool;
    if (draft.ranges.isEmpty() && draft.prefixes.isEmpty()) {
      throw new ConfSyntaxException(
          s.block().get().end(), "Pool declaration with no address range.");
    }
    if (!walker.classes.permits(draft.permits, template, p)) {
      c.commentOut(
          s,
          scope,
          "the pool admits only clients Kea cannot tell apart (see its permits); converted without"
              + " them it would admit every client");
      scope.place().comment(draft.lost);
      return;
    }
    boolean first = true;
    for (PoolDraft.Range r : draft.ranges) {
      Member m = addPool(r, template, scope, "pools");
      if (first) {
        c.converted(s, m);
        first = false;
      }
    }
    for (PoolDraft.Range r : draft.prefixes) {
      Member m = addPool(r, template, scope, "pd-pools");
      if (first) {
        c.converted(s, m);
        first = false;
      }
    }
  }

  /** One Kea pool per range: dhcpd pools with several ranges become several Kea pools. */
  private Member addPool(PoolDraft.Range r, JMap template, Scope scope, String listKey) {
    Scope subnet = subnetFor(r, scope);
    JMap pool = r.delegatedLength() > 0 ? prefixPool(r) : poolEntry(r);
    JMap copy = template.copy();
    pool.members().addAll(copy.members());
    pool.closingNotes().addAll(copy.closingNotes());
    return subnet.target.list(listKey).add(pool);
  }

  private static JMap poolEntry(PoolDraft.Range r) {
    JMap m = new JMap();
    m.put("pool", Addresses.text(r.first()) + " - " + Addresses.text(r.last()));
    return m;
  }

  /** The subnet a range belongs to: the enclosing one, or the shared network's that holds it. */
  private Scope subnetFor(PoolDraft.Range r, Scope scope) {
    Optional<Scope> subnet = scope.enclosing(Scope.Kind.SUBNET);
    if (subnet.isPresent()) {
      return subnet.get();
    }
    Scope shared = scope.enclosing(Scope.Kind.SHARED).orElseThrow();
    for (Scope sub : shared.subnets) {
      if (r.delegatedLength() > 0) {
        return sub; // delegated prefixes need not lie inside the subnet
      }
      if (Addresses.contains(sub.network, sub.prefixLength, r.first())
          && Addresses.contains(sub.network, sub.prefixLength, r.last())) {
        return sub;
      }
    }
    throw new ConfSyntaxException(
        r.statement().position(), "address range not on network " + shared.name);
  }

  void range(Statement s, Scope scope) {
    String k = s.keyword();
    Scope.Kind where = scope.effectiveKind();
    boolean inPool = where == Scope.Kind.POOL;
    if (where != Scope.Kind.SUBNET && !inPool) {
      throw new ConfSyntaxException(s.position(), k + " declaration not allowed here.");
    }
    if (k.equals("range") != c.v4()) {
      throw new ConfSyntaxException(
          s.position(), k + " is only supported in DHCPv" + (c.v4() ? "6" : "4") + " mode.");
    }
    if (s.block().isPresent()) {
      throw new ConfSyntaxException(s.position(), "semicolon expected");
    }
    List<PoolDraft.Range> ranges = new ArrayList<>();
    switch (k) {
      case "range" -> ranges.add(range4(s, scope));
      case "range6" -> {
        Optional<PoolDraft.Range> r = range6(s, scope);
        if (r.isEmpty()) {
          return;
        }
        ranges.add(r.get());
      }
      default -> ranges.addAll(prefix6(s));
    }
    if (inPool) {
      for (PoolDraft.Range r : ranges) {
        (r.delegatedLength() > 0 ? scope.pool.prefixes : scope.pool.ranges).add(r);
      }
      c.report.add(s, Action.CONVERTED, "");
      return;
    }
    Scope subnet = scope.enclosing(Scope.Kind.SUBNET).orElseThrow();
    for (PoolDraft.Range r : ranges) {
      Member m;
      if (r.delegatedLength() > 0) {
        m = subnet.target.list("pd-pools").add(prefixPool(r));
      } else {
        m = subnet.target.list("pools").add(poolEntry(r));
      }
      c.converted(s, m);
    }
    if (!s.words().isEmpty() && s.words().get(1).isWord("dynamic-bootp")) {
      c.report.add(
          s,
          Action.PARTIAL,
          "BOOTP clients get addresses from Kea only with the libdhcp_bootp.so hook library");
    }
  }

  private PoolDraft.Range range4(Statement s, Scope scope) {
    List<Token> w = s.words();
    int i = 1;
    if (w.size() > i && w.get(i).isWord("dynamic-bootp")) {
      i++;
    }
    if (w.size() <= i || w.size() > i + 2) {
      throw new ConfSyntaxException(s.position(), "range: expecting one or two IPv4 addresses");
    }
    InetAddress a = ipv4(w.get(i));
    InetAddress b = w.size() > i + 1 ? ipv4(w.get(i + 1)) : a;
    boolean ordered = Addresses.number(a).compareTo(Addresses.number(b)) <= 0;
    PoolDraft.Range r = new PoolDraft.Range(s, ordered ? a : b, ordered ? b : a, 0, 0);
    scope.enclosing(Scope.Kind.SUBNET).ifPresent(sub -> requireInside(r, r.first(), sub));
    scope.enclosing(Scope.Kind.SUBNET).ifPresent(sub -> requireInside(r, r.last(), sub));
    return r;
  }

  private static void requireInside(PoolDraft.Range r, InetAddress a, Scope subnet) {
    if (!Addresses.contains(subnet.network, subnet.prefixLength, a)) {
      throw new ConfSyntaxException(
          r.statement().position(),
          "bad range, address "
              + Addresses.text(a)
              + " not in subnet "
              + Addresses.text(subnet.network)
              + "/"
              + subnet.prefixLength);
    }
  }

  private static InetAddress ipv4(Token t) {
    return Addresses.ipv4(t.text())
        .orElseThrow(
            () ->
                new ConfSyntaxException(
                    t.position(), "expecting an IPv4 address, got '" + t.source() + "'"));
  }

  private static InetAddress ipv6(Token t) {
    return Addresses.ipv6(t.text())
        .orElseThrow(
            () ->
                new ConfSyntaxException(
                    t.position(), "expecting an IPv6 address, got '" + t.source() + "'"));
  }

  private Optional<PoolDraft.Range> range6(Statement s, Scope scope) {
    List<Token> w = s.words();
    if (w.size() < 2 || w.size() > 3) {
      throw new ConfSyntaxException(s.position(), "range6: expecting two addresses or a prefix");
    }
    if (w.size() == 3 && w.get(2).isWord("temporary")) {
      c.commentOut(s, scope, "temporary addresses (IA_TA) are not supported by Kea");
      return Optional.empty();
    }
    InetAddress first;
    InetAddress last;
    String text = w.get(1).text();
    if (text.contains("/")) {
      if (w.size() != 2) {
        throw new ConfSyntaxException(w.get(2).position(), "semicolon expected");
      }
      int slash = text.indexOf('/');
      first =
          Addresses.ipv6(text.substring(0, slash))
              .orElseThrow(
                  () -> new ConfSyntaxException(w.get(1).position(), "expecting an IPv6 prefix"));
      int len = prefixLength(w.get(1), text.substring(slash + 1), 128);
      if (!Addresses.isNetwork(first, len)) {
        throw new ConfSyntaxException(w.get(1).position(), "range6 " + text + ": bad prefix");
      }
      last = lastOf(first, len);
    } else {
      first = ipv6(w.get(1));
      last = w.size() == 3 ? ipv6(w.get(2)) : first;
    }
    PoolDraft.Range r = new PoolDraft.Range(s, first, last, 0, 0);
    scope.enclosing(Scope.Kind.SUBNET).ifPresent(sub -> requireInside(r, r.first(), sub));
    scope.enclosing(Scope.Kind.SUBNET).ifPresent(sub -> requireInside(r, r.last(), sub));
    return Optional.of(r);
  }

  private static InetAddress lastOf(InetAddress network, int len) {
    int bits = network.getAddress().length * 8;
    BigInteger last =
        Addresses.number(network).or(BigInteger.ONE.shiftLeft(bits - len).subtract(BigInteger.ONE));
    return fromNumber(last, network.getAddress().length);
  }

  private static InetAddress fromNumber(BigInteger n, int octets) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[octets];
    int copy = Math.min(raw.length, octets);
    System.arraycopy(raw, raw.length - copy, out, octets - copy, copy);
    try {
      return InetAddress.getByAddress(out);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code prefix6 FIRST LAST /LEN}: delegated prefixes of length LEN from FIRST to LAST, as the
   * fewest aligned Kea pd-pools that cover exactly that span.
   */
  private List<PoolDraft.Range> prefix6(Statement s) {
    List<Token> w = s.words();
    if (w.size() != 4 || !w.get(3).text().startsWith("/")) {
      throw new ConfSyntaxException(
          s.position(), "prefix6: expecting two IPv6 addresses and /length");
    }
    InetAddress first = ipv6(w.get(1));
    InetAddress lastStart = ipv6(w.get(2));
    int len = prefixLength(w.get(3), w.get(3).text().substring(1), 128);
    if (len == 0 || len == 128) {
      throw new ConfSyntaxException(w.get(3).position(), "prefix6: bad prefix length " + len);
    }
    if (!Addresses.isNetwork(first, len) || !Addresses.isNetwork(lastStart, len)) {
      throw new ConfSyntaxException(
          s.position(), "prefix6: the addresses must start /" + len + " prefixes");
    }
    BigInteger lo = Addresses.number(first);
    BigInteger hi = Addresses.number(lastOf(lastStart, len));
    if (lo.compareTo(hi) > 0) {
      throw new ConfSyntaxException(s.position(), "prefix6: the first prefix is after the last");
    }
    List<PoolDraft.Range> out = new ArrayList<>();
    while (lo.compareTo(hi) <= 0) {
      int size = 128 - len; // grow the block while aligned and inside [lo, hi]
      while (size < 128
          && lo.mod(BigInteger.ONE.shiftLeft(size + 1)).signum() == 0
          && lo.add(BigInteger.ONE.shiftLeft(size + 1)).subtract(BigInteger.ONE).compareTo(hi)
              <= 0) {
        size++;
      }
      InetAddress block = fromNumber(lo, 16);
      out.add(new PoolDraft.Range(s, block, block, 128 - size, len));
      lo = lo.add(BigInteger.ONE.shiftLeft(size));
    }
    return out;
  }

  private static JMap prefixPool(PoolDraft.Range r) {
    JMap m = new JMap();
    m.put("prefix", Addresses.text(r.first()));
    m.put("prefix-len", r.prefixLength());
    m.put("delegated-len", r.delegatedLength());
    return m;
  }

  // ---- helpers

  private static void requireBlock(Statement s) {
    if (s.block().isEmpty()) {
      throw new ConfSyntaxException(s.position(), "'{' expected after " + s.keyword());
    }
  }

  private static Token word(Statement s, int i, String expected) {
    Optional<Token> t = s.word(i);
    if (t.isEmpty() || (t.get().kind() != Token.Kind.WORD && t.get().kind() != Token.Kind.STRING)) {
      throw new ConfSyntaxException(s.position(), s.keyword() + ": " + expected);
    }
    return t.get();
  }
}
