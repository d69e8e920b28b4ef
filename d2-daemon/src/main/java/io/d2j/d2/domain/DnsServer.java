package io.d2j.d2.domain;

import io.d2j.ncr.IpAddresses;
import io.d2j.tsig.TsigKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One DNS server of a ddns-domain, with the TSIG key it is signed with already resolved (server
 * key-name, else the domain's, else unsigned: Kea 2.0+ priority).
 *
 * @param ownKeyName the server's own {@code key-name}, if set on the server itself (config-get
 *     prints only that one)
 */
public record DnsServer(
    InetAddress address, int port, Optional<String> ownKeyName, Optional<TsigKeySpec> key) {

  public DnsServer {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(ownKeyName, "ownKeyName");
    Objects.requireNonNull(key, "key");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: must be 1..65535, got " + port);
    }
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address, port);
  }

  /** "192.0.2.53:53" or "[2001:db8::53]:53", as operators read it in logs. */
  public String label() {
    String host = IpAddresses.format(address);
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * Written out, as {@link #hashCode}: the update batcher hashes servers from the first NCR on, and
   * a record's generated methods are bootstrapped through method handles at their first call (issue
   * 14, start-to-serving).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof DnsServer s
        && port == s.port
        && address.equals(s.address)
        && ownKeyName.equals(s.ownKeyName)
        && key.equals(s.key);
  }

  @Override
  public int hashCode() {
    return ((address.hashCode() * 31 + port) * 31 + ownKeyName.hashCode()) * 31 + key.hashCode();
  }

  @Override
  public String toString() {
    return label() + key.map(k -> " key=" + k.name()).orElse("");
  }
}
