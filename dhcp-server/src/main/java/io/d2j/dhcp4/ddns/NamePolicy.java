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
      String name = ClientFqdn.lower(qualify(reserved, p.qualifyingSuffix(), true));
      Optional<String> refused = refusal(name);
      if (refused.isPresent()) {
        return new NameDecision.NoName(
            "reserved hostname '" + printable(reserved) + "' " + refused.get());
      }
      return new NameDecision.FqdnAnswer(answer, Optional.of(name), p);
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
          "option 81 name '" + printable(client.name()) + "' is empty after sanitising");
    }
    String name = ClientFqdn.lower(scrubbed);
    String qualified = client.full() ? name + "." : qualify(name, p.qualifyingSuffix(), true);
    Optional<String> refused = refusal(qualified);
    if (refused.isPresent()) {
      return new NameDecision.NoName(
          "option 81 name '" + printable(client.name()) + "' " + refused.get());
    }
    return new NameDecision.FqdnAnswer(answer, Optional.of(qualified), p);
  }

  private static NameDecision hostName(ClientNames client, DdnsParams p, String reserved) {
    boolean u = p.updatesEnabled();
    if (!reserved.isEmpty()) {
      String name = ClientFqdn.lower(qualify(reserved, p.qualifyingSuffix(), false));
      Optional<String> refused = refusal(name);
      if (refused.isPresent()) {
        return new NameDecision.NoName(
            "reserved hostname '" + printable(reserved) + "' " + refused.get());
      }
      return new NameDecision.HostNameAnswer(
          Optional.of(name), u, client.hostname().isPresent() || client.hostnameRequested(), p);
    }
    if (client.hostname().isEmpty()) {
      return p.replaceClientName().generatesWithoutOption()
          ? new NameDecision.HostNameAnswer(Optional.empty(), u, true, p)
          : new NameDecision.NoName("no option 81 or 12");
    }
    String value = client.hostname().get().strip();
    if (value.isEmpty() || !parseable(value)) {
      return new NameDecision.NoName("option 12 '" + printable(value) + "' is not a host name");
    }
    if (p.replaceClientName().discardsClientName() || value.equals(".")) {
      return new NameDecision.HostNameAnswer(Optional.empty(), u, true, p);
    }
    // Option 12 is scrubbed as one string: dots survive only if the set allows them (§2.5).
    String scrubbed = p.sanitizer().scrub(value);
    if (scrubbed.isEmpty() || scrubbed.equals(".") || !parseable(scrubbed)) {
      return new NameDecision.NoName(
          "option 12 '" + printable(value) + "' is not a host name after sanitising");
    }
    String name = ClientFqdn.lower(scrubbed);
    boolean singleLabel = name.replaceAll("\\.$", "").indexOf('.') < 0;
    String qualified = singleLabel ? qualify(name, p.qualifyingSuffix(), false) : name;
    Optional<String> refused = refusal(qualified);
    if (refused.isPresent()) {
      return new NameDecision.NoName("option 12 '" + printable(value) + "' " + refused.get());
    }
    return new NameDecision.HostNameAnswer(Optional.of(qualified), u, true, p);
  }

  /**
   * Why a name that is about to go on a lease, into the reply and into NCRs may not, if it may not:
   * a name that does not fit DNS (an empty label, a label over 63 octets, over 255 octets in wire
   * format once qualified: spec §2.4 step 3 and §2.5 step 3, where Kea's name parser fails and the
   * name is not used), or one that still carries an octet outside printable ASCII or a backslash
   * after sanitising. The default {@code hostname-char-set} removes all of those first; they
   * survive only when the operator turned sanitising off or allowed them, and then Kea 2.2 sends
   * them on as {@code \DDD} escapes, in an NCR that is not valid JSON, and lower-cases octets above
   * 127 into others. d2j uses no such name: no control character, no non-ASCII octet and no escape
   * ever reaches D2, the lease file or a reply.
   */
  static Optional<String> refusal(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '\\') {
        // Option 12 arrives decoded as ASCII (a non-ASCII octet is U+FFFD), option 81 as Latin-1.
        String what = c > 0xff ? "a non-ASCII octet" : String.format("the octet 0x%02x", (int) c);
        return Optional.of(
            "has " + what + " at " + i + ": only printable ASCII without '\\' is used");
      }
    }
    String body = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (body.isEmpty()) {
      return Optional.of("is empty");
    }
    // Wire format: a length octet per label plus the root octet, i.e. body + 2.
    if (body.length() + 2 > 255) {
      return Optional.of(
          "is " + (body.length() + 2) + " octets in wire format once qualified, more than 255");
    }
    for (String label : body.split("\\.", -1)) {
      if (label.isEmpty()) {
        return Optional.of("has an empty label");
      }
      if (label.length() > 63) {
        return Optional.of("has a label of " + label.length() + " octets, more than 63");
      }
    }
    return Optional.empty();
  }

  /**
   * {@code text} for a log line: octets outside printable ASCII, quotes and backslashes as {@code
   * \xNN} (U+FFFD, which stands for a non-ASCII octet of option 12, in Java's Unicode escape form).
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0xff) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c < 0x20 || c >= 0x7f || c == '\'' || c == '\\') {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
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
