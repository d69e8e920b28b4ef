package io.d2j.bench;

import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import org.xbill.DNS.ReverseMap;

/**
 * The benchmark's NCR stream: distinct forward+reverse ADDs (check-with-dhcid, lease 3600 s), NCR
 * {@code i} for {@code <prefix>-<i>.example.org.} at {@code 2001:db8:<net>:0:0:0:<hi>:<lo>} (the
 * test ip6.arpa zone covers 2001:db8::/32, so every NCR has its PTR), one client each. Each NCR
 * makes two UPDATEs, whose owner names are {@link #forwardOwner} and {@link #reverseOwner}.
 *
 * @param prefix lower-case label prefix, unique per run so that every NCR is a fresh name
 * @param net the third group of the addresses (0-ffff)
 */
public record NcrStream(String prefix, int net) {

  public static final String FORWARD_ZONE = "example.org.";
  public static final String REVERSE_ZONE = "8.b.d.0.1.0.0.2.ip6.arpa.";

  public NcrStream {
    if (!prefix.matches("[a-z][a-z0-9-]{0,40}")) {
      throw new IllegalArgumentException(
          "prefix: not a lower-case DNS label start (" + prefix + ")");
    }
    if (net < 0 || net > 0xffff) {
      throw new IllegalArgumentException("net: not a 16-bit group (" + net + ")");
    }
  }

  public String forwardOwner(int i) {
    return prefix + "-" + i + "." + FORWARD_ZONE;
  }

  public InetAddress address(int i) {
    int host = i + 1;
    try {
      return InetAddress.getByName(
          String.format(
              Locale.ROOT, "2001:db8:%x::%x:%x", net, (host >>> 16) & 0xffff, host & 0xffff));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address " + i, e);
    }
  }

  public String reverseOwner(int i) {
    return ReverseMap.fromAddress(address(i)).toString().toLowerCase(Locale.ROOT);
  }

  public NameChangeRequest ncr(int i) {
    Fqdn fqdn = Fqdn.of(forwardOwner(i));
    byte[] duid = ("duid-" + prefix + "-" + i).getBytes(StandardCharsets.US_ASCII);
    return new NameChangeRequest(
        ChangeType.ADD,
        true,
        true,
        fqdn,
        address(i),
        Dhcid.fromClientId(duid, fqdn),
        null,
        3600,
        ConflictResolutionMode.CHECK_WITH_DHCID);
  }

  /** NCRs {@code from} .. {@code from + count - 1}, framed for UDP in the shape every Kea reads. */
  public byte[][] datagrams(int from, int count) {
    NcrJsonCodec codec = NcrJsonCodec.compatible(Clock.systemUTC());
    byte[][] out = new byte[count][];
    for (int k = 0; k < count; k++) {
      out[k] = NcrFraming.encode(ncr(from + k), codec);
    }
    return out;
  }
}
