package io.d2j.ncr.cli;

import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.NcrJsonCodec.Shape;
import io.d2j.ncr.cli.NcrCli.UsageException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed {@code send} command line. Every error names the flag at fault, e.g. {@code
 * --lease-length: 'abc' is not an integer in 0..4294967295}.
 */
record SendRequest(
    InetSocketAddress server, NameChangeRequest ncr, NcrJsonCodec codec, boolean printOnly) {
  private static final Set<String> VALUED =
      Set.of(
          "--server",
          "--fqdn",
          "--ip",
          "--client-id",
          "--hw-address",
          "--duid",
          "--lease-length",
          "--mode",
          "--shape");
  private static final Set<String> SWITCHES =
      Set.of("--add", "--remove", "--forward", "--reverse", "--print");
  private static final long DEFAULT_LEASE_LENGTH = 3600;

  static SendRequest parse(List<String> args, Clock clock) throws UsageException {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      String value = "";
      if (VALUED.contains(flag)) {
        if (i + 1 >= args.size()) {
          throw new UsageException(flag + ": missing value");
        }
        value = args.get(++i);
      } else if (!SWITCHES.contains(flag)) {
        throw new UsageException(flag + ": unknown option");
      }
      if (flags.put(flag, value) != null) {
        throw new UsageException(flag + ": given more than once");
      }
    }
    boolean printOnly = flags.containsKey("--print");
    InetSocketAddress server = null;
    if (flags.containsKey("--server") || !printOnly) {
      server = server(required(flags, "--server"));
    }
    boolean add = flags.containsKey("--add");
    if (add == flags.containsKey("--remove")) {
      throw new UsageException("--add/--remove: give exactly one of them");
    }
    Fqdn fqdn = fqdn(required(flags, "--fqdn"));
    boolean forward = flags.containsKey("--forward");
    boolean reverse = flags.containsKey("--reverse");
    long leaseLength = leaseLength(flags.get("--lease-length"));
    NameChangeRequest ncr =
        NameChangeRequest.builder()
            .type(add ? ChangeType.ADD : ChangeType.REMOVE)
            .forward(forward || !reverse)
            .reverse(reverse || !forward)
            .fqdn(fqdn)
            .address(ip(required(flags, "--ip")))
            .dhcid(dhcid(flags, fqdn))
            // Fixed here, so that the JSON printed is the JSON sent.
            .leaseExpiresOn(clock.instant().plusSeconds(leaseLength))
            .leaseLength(leaseLength)
            .conflictResolutionMode(mode(flags.get("--mode")))
            .build();
    NcrJsonCodec codec = NcrJsonCodec.of(shape(flags.get("--shape")), clock);
    return new SendRequest(server, ncr, codec, printOnly);
  }

  private static String required(Map<String, String> flags, String flag) throws UsageException {
    String value = flags.get(flag);
    if (value == null) {
      throw new UsageException(flag + ": required");
    }
    return value;
  }

  /** {@code 127.0.0.1:53001} or {@code [::1]:53001}; never a hostname, so no DNS lookup. */
  private static InetSocketAddress server(String text) throws UsageException {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new UsageException("--server: '" + text + "' is not HOST:PORT");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new UsageException("--server: write IPv6 hosts in brackets, e.g. [::1]:53001");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new UsageException(
          "--server: port '" + text.substring(colon + 1) + "' is not 1..65535");
    }
    try {
      return new InetSocketAddress(IpAddresses.parse(host), port);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--server: HOST must be an IP literal: " + e.getMessage());
    }
  }

  private static Fqdn fqdn(String text) throws UsageException {
    try {
      return Fqdn.of(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--fqdn: " + e.getMessage());
    }
  }

  private static InetAddress ip(String text) throws UsageException {
    try {
      return IpAddresses.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--ip: " + e.getMessage());
    }
  }

  private static Dhcid dhcid(Map<String, String> flags, Fqdn fqdn) throws UsageException {
    List<String> given =
        List.of("--client-id", "--hw-address", "--duid").stream()
            .filter(flags::containsKey)
            .toList();
    if (given.size() != 1) {
      throw new UsageException(
          "--client-id/--hw-address/--duid: give exactly one identifier"
              + (given.isEmpty() ? "" : " (got " + String.join(", ", given) + ")"));
    }
    String flag = given.get(0);
    byte[] id = octets(flag, flags.get(flag));
    try {
      return switch (flag) {
        case "--client-id" -> Dhcid.fromClientId(id, fqdn);
        case "--hw-address" -> Dhcid.fromHwAddress(1, id, fqdn); // htype 1: Ethernet
        default -> Dhcid.fromDuid(id, fqdn);
      };
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }

  /** Hex, either plain ({@code 000102}) or in groups separated by ':' or '-' ({@code 0:1:2}). */
  static byte[] octets(String flag, String text) throws UsageException {
    String[] groups = text.split("[:-]", -1);
    boolean grouped = groups.length > 1;
    StringBuilder hex = new StringBuilder();
    for (String g : groups) {
      if (grouped && (g.isEmpty() || g.length() > 2)) {
        throw new UsageException(
            flag + ": '" + text + "' has a group that is not 1 or 2 hex digits");
      }
      hex.append(grouped && g.length() == 1 ? "0" + g : g);
    }
    if (hex.length() == 0 || hex.length() % 2 != 0) {
      throw new UsageException(
          flag + ": '" + text + "' is not an even, non-empty number of hex digits");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = hexDigit(hex.charAt(2 * i));
      int lo = hexDigit(hex.charAt(2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw new UsageException(flag + ": '" + text + "' is not hex");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static int hexDigit(char c) {
    return c > 'f' ? -1 : Character.digit(c, 16);
  }

  private static long leaseLength(String text) throws UsageException {
    if (text == null) {
      return DEFAULT_LEASE_LENGTH;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= 0 && value <= NameChangeRequest.MAX_LEASE_LENGTH) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "--lease-length: '"
            + text
            + "' is not an integer in 0.."
            + NameChangeRequest.MAX_LEASE_LENGTH);
  }

  private static ConflictResolutionMode mode(String text) throws UsageException {
    if (text == null) {
      return ConflictResolutionMode.CHECK_WITH_DHCID;
    }
    try {
      return ConflictResolutionMode.fromKeaName(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--mode: " + e.getMessage());
    }
  }

  private static Shape shape(String text) throws UsageException {
    if (text == null) {
      return Shape.COMPATIBLE;
    }
    return switch (text) {
      case "compatible" -> Shape.COMPATIBLE;
      case "kea-2.2" -> Shape.KEA_2_2;
      case "kea-2.6" -> Shape.KEA_2_6;
      case "kea-3.1.6" -> Shape.KEA_3_1_6;
      default ->
          throw new UsageException(
              "--shape: unknown shape '"
                  + text
                  + "' (expected compatible, kea-2.2, kea-2.6 or kea-3.1.6)");
    };
  }
}
