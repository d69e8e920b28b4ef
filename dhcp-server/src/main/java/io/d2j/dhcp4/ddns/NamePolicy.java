package io.d2j.dhcp4.ddns;

import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.util.Optional;

/**
 * Kea's name processing for DHCPDISCOVER and DHCPREQUEST (spec §2.2-§2.7) as a pure function of the
 * query's name options, the subnet's {@link DdnsParams} and the reserved host name.
 *
 * <p>Example (suffix {@code example.com}, updates on): option 81 {@code 05 00 00 05 68 6f 73 74 31}
 * (S|E, partial {@code host1}) gives the lease {@code host1.example.com.} with forward and reverse
 * updates and the reply option 81 {@code 05 00 00 05 host1 07 example 03 com 00}.
 */
public final class NamePolicy {

  private NamePolicy() {}

  /**
   * Decides the names for one query in one subnet.
   *
   * @param reservedHostname the matching reservation's {@code hostname}, or empty
   */
  public static NameDecision decide(
      ClientNames client, DdnsParams params, String reservedHostname) {
    // Option 81 wins over option 12 (spec §2.2).
    if (client.fqdn().isPresent()) {
      return fqdn(client.fqdn().get(), params, reservedHostname);
    }
    return hostName(client, params, reservedHostname);
  }

  private static NameDecision fqdn(ClientFqdn client, DdnsParams p, String reserved) {
    boolean clientS = client.has(ClientFqdn.S);
    boolean s;
    boolean n;
    if (!p.updatesEnabled()) {
      s = false;
      n = true;
    } else if (client.has(ClientFqdn.N)) {
      s = p.overrideNoUpdate();
      n = !s;
    } else {
      // Kea 2.2 answers a client that does its own A update with N=0 S=0 and still does the PTR
      // (spec §2.3: the ARM's "1-0-0" row is wrong).
      s = clientS || p.overrideClientUpdate();
      n = false;
    }
    int flags =
        (client.flags() & ClientFqdn.E)
            | (s ? ClientFqdn.S : 0)
            | (n ? ClientFqdn.N : 0)
            | (s != clientS ? ClientFqdn.O : 0);
    ClientFqdn answer = client.answer(flags, "", true);
    if (!reserved.isEmpty()) {
      return new NameDecision.FqdnAnswer(
          answer, Optional.of(ClientFqdn.lower(qualify(reserved, p.qualifyingSuffix(), true))), p);
    }
    if (p.replaceClientName().discardsClientName() || client.name().isEmpty()) {
      return new NameDecision.FqdnAnswer(answer, Optional.empty(), p);
    }
    String scrubbed = p.sanitizer().scrubLabels(client.name());
    if (scrubbed.isEmpty()
        || scrubbed.startsWith(".")
        || scrubbed.endsWith(".")
        || scrubbed.contains("..")) {
      // Kea 3.x: a label scrubbed to nothing loses the option and the name (spec §2.4 step 3).
      return new NameDecision.NoName(
          "option 81 name '" + client.name() + "' is empty after sanitising");
    }
    String name = ClientFqdn.lower(scrubbed);
    return new NameDecision.FqdnAnswer(
        answer,
        Optional.of(client.full() ? name + "." : qualify(name, p.qualifyingSuffix(), true)),
        p);
  }

  private static NameDecision hostName(ClientNames client, DdnsParams p, String reserved) {
    boolean u = p.updatesEnabled();
    if (!reserved.isEmpty()) {
      return new NameDecision.HostNameAnswer(
          Optional.of(ClientFqdn.lower(qualify(reserved, p.qualifyingSuffix(), false))),
          u,
          client.hostname().isPresent() || client.hostnameRequested(),
          p);
    }
    if (client.hostname().isEmpty()) {
      return p.replaceClientName().generatesWithoutOption()
          ? new NameDecision.HostNameAnswer(Optional.empty(), u, true, p)
          : new NameDecision.NoName("no option 81 or 12");
    }
    String value = client.hostname().get().strip();
    if (value.isEmpty() || !parseable(value)) {
      return new NameDecision.NoName("option 12 '" + value + "' is not a host name");
    }
    if (p.replaceClientName().discardsClientName() || value.equals(".")) {
      return new NameDecision.HostNameAnswer(Optional.empty(), u, true, p);
    }
    // Option 12 is scrubbed as one string: dots survive only if the set allows them (§2.5).
    String scrubbed = p.sanitizer().scrub(value);
    if (scrubbed.isEmpty() || scrubbed.equals(".") || !parseable(scrubbed)) {
      return new NameDecision.NoName(
          "option 12 '" + value + "' is not a host name after sanitising");
    }
    String name = ClientFqdn.lower(scrubbed);
    boolean singleLabel = name.replaceAll("\\.$", "").indexOf('.') < 0;
    return new NameDecision.HostNameAnswer(
        Optional.of(singleLabel ? qualify(name, p.qualifyingSuffix(), false) : name), u, true, p);
  }

  /**
   * Whether {@code text} reads as a DNS name: no empty label except a final root, labels of at most
   * 63 octets, at most 253 in all (RFC 1035 §2.3.4).
   */
  public static boolean parseable(String text) {
    if (text.equals(".")) {
      return true;
    }
    String body = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    if (body.isEmpty() || body.length() > 253) {
      return false;
    }
    for (String label : body.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        return false;
      }
    }
    return true;
  }

  /**
   * A name made from the address (spec §2.6): {@code <prefix>-192-0-2-75}, qualified; with a
   * trailing dot for option 81, without for option 12.
   */
  public static String generate(Inet4Address address, DdnsParams p, boolean trailingDot) {
    String base = p.generatedPrefix() + "-" + IpAddresses.format(address).replace('.', '-');
    return qualify(base, p.qualifyingSuffix(), trailingDot);
  }

  /**
   * Kea 3.x {@code qualifyName} (spec §2.6): a name ending in a dot is absolute and keeps its
   * labels; otherwise the suffix is appended unless the name already ends with it on a label
   * boundary; then the trailing dot is added or removed.
   */
  public static String qualify(String name, String suffix, boolean trailingDot) {
    String base;
    if (name.endsWith(".")) {
      base = name.substring(0, name.length() - 1);
    } else {
      String s = suffix.endsWith(".") ? suffix.substring(0, suffix.length() - 1) : suffix;
      String lowerName = ClientFqdn.lower(name);
      String lowerSuffix = ClientFqdn.lower(s);
      boolean present = lowerName.equals(lowerSuffix) || lowerName.endsWith("." + lowerSuffix);
      base = s.isEmpty() || present ? name : name + "." + s;
    }
    return trailingDot ? base + "." : base;
  }
}
