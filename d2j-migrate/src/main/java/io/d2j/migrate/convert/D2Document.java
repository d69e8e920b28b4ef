package io.d2j.migrate.convert;

import io.d2j.keaconfig.SourcePosition;
import io.d2j.migrate.conf.Positions;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.json.JList;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.Member;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code DhcpDdns} document built from {@code key} and {@code zone} statements (spec §9.1):
 * {@code tsig-keys}, forward and reverse {@code ddns-domains} with their primaries as {@code
 * dns-servers}, D2 listening where the DHCP side's {@code dhcp-ddns} sends; and the checks that D2
 * has a domain for every suffix and every subnet (D2 drops a request no domain matches).
 */
final class D2Document {

  /** A DNS server of a zone. */
  record Server(String address, SourcePosition at) {}

  /**
   * A {@code zone} statement.
   *
   * @param name absolute
   * @param keyName its key, or null
   * @param servers the primaries that are addresses (or resolved)
   * @param problems why other primaries were left out
   * @param secondaries {@code secondary} statements (not used: noted)
   * @param statement where it was declared
   * @param reverse whether it is under in-addr.arpa or ip6.arpa
   */
  record Zone(
      String name,
      String keyName,
      List<Server> servers,
      List<String> problems,
      List<Statement> secondaries,
      Statement statement,
      boolean reverse) {}

  /** A suffix the DHCP side qualifies names with, and where it came from. */
  record Suffix(String suffix, SourcePosition at, String construct) {}

  private final Conversion c;
  private final Map<String, TsigKeys.Key> keys;
  private final List<Zone> zones;

  D2Document(Conversion c, Map<String, TsigKeys.Key> keys, List<Zone> zones) {
    this.c = c;
    this.keys = keys;
    this.zones = zones;
  }

  JMap build(boolean enabled, List<Suffix> suffixes, List<Scope> subnets) {
    JMap d2 = new JMap();
    Member ip = d2.put("ip-address", c.settings.d2Address());
    ip.note("where the DHCP server's dhcp-ddns sends its requests (server-ip, server-port)");
    d2.put("port", c.settings.d2Port());
    if (!enabled) {
      ip.note(
          "dhcpd.conf does no DNS updates (ddns-update-style): this configuration is ready for when they are on");
    }
    JList tsig = d2.list("tsig-keys");
    for (TsigKeys.Key k : keys.values()) {
      JMap entry = new JMap();
      entry.put("name", k.name());
      entry.put("algorithm", k.algorithm().keaName());
      if (k.digestBits() != 0) {
        entry.put("digest-bits", k.digestBits());
      }
      entry.put("secret", k.secret());
      tsig.add(entry).note("key " + k.name() + " (" + k.statement().where() + ")");
    }
    JList forward = d2.map("forward-ddns").list("ddns-domains");
    JList reverse = d2.map("reverse-ddns").list("ddns-domains");
    for (Zone z : zones) {
      JMap domain = new JMap();
      domain.put("name", z.name());
      if (z.keyName() != null) {
        domain.put("key-name", z.keyName());
      }
      JList servers = domain.list("dns-servers");
      for (Server s : z.servers()) {
        JMap server = new JMap();
        server.put("ip-address", s.address());
        server.put("port", 53);
        servers.add(server);
      }
      List<String> notes = new ArrayList<>();
      notes.add("zone " + z.name() + " (" + z.statement().where() + ")");
      for (Statement sec : z.secondaries()) {
        notes.add(
            "its "
                + sec.headerText()
                + " is not listed: D2 sends to dns-servers in order, and secondaries seldom accept updates ("
                + sec.where()
                + ")");
        c.report.add(
            sec,
            Action.NOTE,
            "not listed among the domain's dns-servers: secondaries seldom accept updates");
      }
      JList list = z.reverse() ? reverse : forward;
      if (z.servers().isEmpty()) {
        String reason =
            z.problems().isEmpty()
                ? "the zone has no primary, and a D2 domain needs a DNS server"
                : String.join("; ", z.problems());
        c.report.add(z.statement(), Action.COMMENTED, reason);
        list.comment(List.of("not converted (" + z.statement().where() + "): " + reason));
        list.addCommented(domain).notes(notes);
        continue;
      }
      for (String p : z.problems()) {
        notes.add("a primary was left out: " + p);
        c.report.add(z.statement(), Action.PARTIAL, "a primary was left out: " + p);
      }
      list.add(domain).notes(notes);
    }
    if (zones.isEmpty()) {
      c.report.add(
          new SourcePosition(c.sourceName, 1, 1),
          "zone",
          Action.NOTE,
          "no zone statements: dhcpd found each name's zone by asking DNS; Kea's D2 updates only the"
              + " domains it lists (add forward-ddns and reverse-ddns ddns-domains)");
      d2.member("forward-ddns")
          .orElseThrow()
          .note("add the zones D2 may update here and under reverse-ddns");
    }
    if (enabled) {
      coverage(suffixes, subnets);
    }
    JMap document = new JMap();
    document.put("DhcpDdns", d2);
    return document;
  }

  /** D2 matches names to domains by longest suffix and drops what matches none. */
  private void coverage(List<Suffix> suffixes, List<Scope> subnets) {
    List<String> forward = zones.stream().filter(z -> !z.reverse()).map(Zone::name).toList();
    List<String> reverse = zones.stream().filter(Zone::reverse).map(Zone::name).toList();
    for (Suffix s : suffixes) {
      if (!covered(Dns.absolute(s.suffix()), forward)) {
        c.report.add(
            s.at(),
            s.construct(),
            Action.NOTE,
            "no zone covers "
                + Dns.absolute(s.suffix())
                + ": D2 will drop the forward updates of these names");
      }
    }
    for (Scope subnet : subnets) {
      if (subnet.network.getAddress().length != 4) {
        continue;
      }
      String first = reverseName(subnet.network);
      String last = reverseName(lastAddress(subnet));
      if (!covered(first, reverse) || !covered(last, reverse)) {
        c.report.add(
            subnet.statement,
            Action.NOTE,
            "no reverse zone covers all of "
                + Addresses.text(subnet.network)
                + "/"
                + subnet.prefixLength
                + ": D2 will drop the reverse updates of addresses outside one");
      }
    }
  }

  private static boolean covered(String name, List<String> domains) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String d : domains) {
      String z = d.toLowerCase(Locale.ROOT);
      if (n.equals(z) || n.endsWith("." + z)) {
        return true;
      }
    }
    return false;
  }

  private static String reverseName(InetAddress a) {
    byte[] b = a.getAddress();
    return (b[3] & 0xff)
        + "."
        + (b[2] & 0xff)
        + "."
        + (b[1] & 0xff)
        + "."
        + (b[0] & 0xff)
        + ".in-addr.arpa.";
  }

  private static InetAddress lastAddress(Scope subnet) {
    long n =
        Addresses.number(subnet.network).longValue() | ((1L << (32 - subnet.prefixLength)) - 1);
    byte[] b = {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    try {
      return InetAddress.getByAddress(b);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static String where(SourcePosition at) {
    return Positions.where(at);
  }
}
