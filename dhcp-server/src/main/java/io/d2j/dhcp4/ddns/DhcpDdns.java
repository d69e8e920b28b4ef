package io.d2j.dhcp4.ddns;

import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.auth.NcrAuthKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Dhcp4.dhcp-ddns}: the link to the D2 daemon (spec §1.1). Example:
 *
 * <pre>{@code
 * "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": 53001,
 *               "sender-ip": "", "sender-port": 0, "max-queue-size": 1024,
 *               "ncr-protocol": "UDP", "ncr-format": "JSON",
 *               "user-context": {"d2j": {"acks": true,
 *                   "ncr-key": {"name": "ncr-key", "algorithm": "HMAC-SHA256",
 *                               "secret": "LSWXnfkKZjdPJI5QxlpnfQLSWXnfkKZjdPJI5QxlpnfQ="}}}}
 * }</pre>
 *
 * @param enableUpdates whether an NCR sender exists at all
 * @param server D2's address and port
 * @param sender the local address and port to send from (wildcard address and port 0 when unset)
 * @param maxQueueSize NCRs that may wait for the sender
 * @param acks d2j's acknowledged delivery ({@code user-context.d2j.acks}); only with a d2j D2
 * @param signingKey the key every NCR datagram is signed with ({@code user-context.d2j.ncr-key},
 *     d2j's NCR authentication, issue 16 item 2); a Kea D2 ignores the signature
 */
public record DhcpDdns(
    boolean enableUpdates,
    InetSocketAddress server,
    InetSocketAddress sender,
    int maxQueueSize,
    boolean acks,
    Optional<NcrAuthKey> signingKey) {

  /** Kea's defaults: updates off, D2 at 127.0.0.1:53001. */
  public static final DhcpDdns DISABLED =
      new DhcpDdns(
          false,
          new InetSocketAddress(IpAddresses.parse("127.0.0.1"), 53001),
          new InetSocketAddress(IpAddresses.parse("0.0.0.0"), 0),
          1024,
          false,
          Optional.empty());

  public DhcpDdns {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(signingKey, "signingKey");
    if (maxQueueSize < 1) {
      throw new IllegalArgumentException("max-queue-size: " + maxQueueSize + " is below 1");
    }
  }

  /** The wildcard address of {@code server}'s family, for an empty {@code sender-ip}. */
  public static InetAddress wildcardFor(InetAddress server) {
    return IpAddresses.parse(server instanceof java.net.Inet6Address ? "::" : "0.0.0.0");
  }
}
