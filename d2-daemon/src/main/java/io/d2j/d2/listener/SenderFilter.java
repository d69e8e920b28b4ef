package io.d2j.d2.listener;

import io.d2j.ncr.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which source addresses may send NCRs (issue 16 item 2, {@code user-context.d2j.allowed-senders}).
 * Each entry is an address or a prefix: {@code 192.0.2.10}, {@code 192.0.2.0/24}, {@code
 * 2001:db8::/32}. An IPv4 sender reaching an IPv6 socket as {@code ::ffff:a.b.c.d} is matched as
 * the IPv4 address it is. Pure and immutable.
 *
 * <pre>{@code
 * SenderFilter f = SenderFilter.parse(List.of("127.0.0.1", "192.0.2.0/24"));
 * f.allows(IpAddresses.parse("192.0.2.77"));   // true
 * f.allows(IpAddresses.parse("198.51.100.1")); // false
 * }</pre>
 */
public final class SenderFilter {

  /** Everyone: what the listener does until told otherwise. */
  public static final SenderFilter ANYONE = new SenderFilter(List.of(), true);

  private record Prefix(byte[] network, int length) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = length / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = length % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Prefix> prefixes;
  private final boolean anyone;
  private final List<String> texts;

  private SenderFilter(List<Prefix> prefixes, boolean anyone) {
    this(prefixes, anyone, List.of());
  }

  private SenderFilter(List<Prefix> prefixes, boolean anyone, List<String> texts) {
    this.prefixes = List.copyOf(prefixes);
    this.anyone = anyone;
    this.texts = List.copyOf(texts);
  }

  /**
   * The filter for {@code entries}.
   *
   * @throws IllegalArgumentException naming the entry, e.g. {@code '192.0.2.0/33': prefix length
   *     must be 0-32}
   */
  public static SenderFilter parse(List<String> entries) {
    List<Prefix> prefixes = new ArrayList<>();
    for (String entry : entries) {
      prefixes.add(prefix(entry));
    }
    return new SenderFilter(prefixes, false, entries);
  }

  /**
   * The default: the loopback addresses ({@code 127.0.0.0/8}, {@code ::1}) and the address the D2
   * listens on (when it is not the wildcard).
   */
  public static SenderFilter defaultFor(InetAddress listenAddress) {
    List<String> entries = new ArrayList<>(List.of("127.0.0.0/8", "::1"));
    if (!listenAddress.isAnyLocalAddress() && !listenAddress.isLoopbackAddress()) {
      entries.add(IpAddresses.format(listenAddress));
    }
    return parse(entries);
  }

  private static Prefix prefix(String entry) {
    Objects.requireNonNull(entry, "entry");
    int slash = entry.indexOf('/');
    String address = slash < 0 ? entry : entry.substring(0, slash);
    byte[] network;
    try {
      network = IpAddresses.parse(address).getAddress();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + entry + "': not an address or a prefix", e);
    }
    int max = network.length * 8;
    int length = max;
    if (slash >= 0) {
      String len = entry.substring(slash + 1);
      if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > max) {
        throw new IllegalArgumentException(
            "'" + entry + "': prefix length must be 0-" + max + ", got '" + len + "'");
      }
      length = Integer.parseInt(len);
    }
    return new Prefix(network, length);
  }

  /** Whether {@code sender} may send NCRs. */
  public boolean allows(InetAddress sender) {
    if (anyone) {
      return true;
    }
    byte[] address = sender.getAddress();
    if (sender instanceof Inet6Address && isV4Mapped(address)) {
      address = java.util.Arrays.copyOfRange(address, 12, 16);
    }
    for (Prefix p : prefixes) {
      if (p.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  @Override
  public String toString() {
    return anyone ? "anyone" : String.join(", ", texts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SenderFilter f && f.anyone == anyone && f.texts.equals(texts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(anyone, texts);
  }
}
