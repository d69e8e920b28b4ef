package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.Octets;
import io.d2j.ncr.IpAddresses;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Kea's lease4 CSV rows (spec §5.1): the Kea 2.2 header, rows in its column order, and its escaping
 * ({@code &#x} and two hex digits for {@code ,}, {@code &}, and, as Kea ≥ 2.4 also writes, octets
 * below 0x20 or above 0x7e; Kea 2.2 reads all of these back).
 *
 * <pre>
 * address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context
 * 10.0.0.14,00:0c:01:02:03:08,01:00:0c:01:02:03:08,3600,1795814219,1,1,1,myhost.example.com,0,
 * </pre>
 */
final class Lease4Csv {
  /** The columns Kea 2.2 writes, in order. */
  static final List<String> COLUMNS =
      List.of(
          "address",
          "hwaddr",
          "client_id",
          "valid_lifetime",
          "expire",
          "subnet_id",
          "fqdn_fwd",
          "fqdn_rev",
          "hostname",
          "state",
          "user_context");

  static final String HEADER = String.join(",", COLUMNS);

  /** Kea's minimum: a file whose header stops before {@code hostname} is not a lease file. */
  private static final int MIN_COLUMNS = COLUMNS.indexOf("hostname") + 1;

  private static final String ESCAPE_TAG = "&#x";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Lease4Csv() {}

  /**
   * Checks a header line and returns its column count: Kea's 2.2 columns or a prefix of them down
   * to {@code hostname} (older schemas), optionally followed by columns newer Kea versions add
   * ({@code pool_id}), which are ignored.
   *
   * @throws IllegalArgumentException {@code header column 3 is 'clientid', expected 'client_id'}
   */
  static int parseHeader(String line) {
    String[] names = line.split(",", -1);
    for (int i = 0; i < Math.min(names.length, COLUMNS.size()); i++) {
      if (!names[i].equals(COLUMNS.get(i))) {
        throw new IllegalArgumentException(
            "header column "
                + (i + 1)
                + " is '"
                + names[i]
                + "', expected '"
                + COLUMNS.get(i)
                + "'");
      }
    }
    if (names.length < MIN_COLUMNS) {
      throw new IllegalArgumentException(
          "header has "
              + names.length
              + " columns, at least "
              + MIN_COLUMNS
              + " (through hostname) needed");
    }
    return names.length;
  }

  /** The row for {@code lease}. */
  static String row(Lease4 lease) {
    return row(lease, lease.validLifetime());
  }

  /** The row that deletes {@code lease}: its data with valid_lifetime 0, so expire = cltt. */
  static String deletionRow(Lease4 lease) {
    return row(lease, 0);
  }

  private static String row(Lease4 lease, long validLifetime) {
    return IpAddresses.format(lease.address())
        + ','
        + lease.hwaddr().toColonHex()
        + ','
        + lease.clientId().toColonHex()
        + ','
        + validLifetime
        + ','
        + (lease.cltt() + validLifetime)
        + ','
        + lease.subnetId()
        + ','
        + (lease.fqdnFwd() ? '1' : '0')
        + ','
        + (lease.fqdnRev() ? '1' : '0')
        + ','
        + escape(lease.hostname())
        + ','
        + lease.state().code()
        + ','
        + escape(lease.userContext());
  }

  /**
   * Parses a data row of a file whose header has {@code columns} columns.
   *
   * @throws IllegalArgumentException naming the column, e.g. {@code valid_lifetime: '-5' is not an
   *     unsigned integer}
   */
  static LeaseFileRow parse(String line, int columns) {
    String[] v = line.split(",", -1);
    if (v.length != columns) {
      throw new IllegalArgumentException("row has " + v.length + " columns, the header " + columns);
    }
    Inet4Address address = address(v[0]);
    Octets hwaddr = hex("hwaddr", v[1]);
    Octets clientId = hex("client_id", v[2]);
    long valid = unsigned("valid_lifetime", v[3], 0xFFFF_FFFFL);
    long expire = unsigned("expire", v[4], Long.MAX_VALUE);
    if (expire < valid) {
      throw new IllegalArgumentException(
          "expire: " + expire + " is before valid_lifetime " + valid + " after the epoch");
    }
    long subnetId = unsigned("subnet_id", v[5], 0xFFFF_FFFFL);
    boolean fwd = bool("fqdn_fwd", v[6]);
    boolean rev = bool("fqdn_rev", v[7]);
    String hostname = unescape(v[8]);
    LeaseState state =
        columns > 9
            ? LeaseState.fromCode(unsigned("state", v[9], 0xFFFF_FFFFL))
            : LeaseState.DEFAULT;
    String userContext = columns > 10 ? unescape(v[10]) : "";
    if (valid == 0) {
      return new LeaseFileRow.Delete(address);
    }
    return new LeaseFileRow.Upsert(
        new Lease4(
            address,
            hwaddr,
            clientId,
            valid,
            expire - valid,
            subnetId,
            fwd,
            rev,
            hostname,
            state,
            userContext));
  }

  private static Inet4Address address(String text) {
    try {
      InetAddress a = IpAddresses.parse(text);
      if (a instanceof Inet4Address v4) {
        return v4;
      }
    } catch (IllegalArgumentException e) {
      // reported below, with the column name
    }
    throw new IllegalArgumentException("address: '" + text + "' is not an IPv4 address");
  }

  private static Octets hex(String column, String text) {
    try {
      return Octets.parseColonHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(column + ": " + e.getMessage(), e);
    }
  }

  private static long unsigned(String column, String text, long max) {
    boolean digits = !text.isEmpty() && text.length() <= 19;
    for (int i = 0; i < text.length() && digits; i++) {
      digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    if (!digits) {
      throw new IllegalArgumentException(column + ": '" + text + "' is not an unsigned integer");
    }
    long value = Long.parseLong(text);
    if (value > max) {
      throw new IllegalArgumentException(column + ": " + text + " exceeds " + max);
    }
    return value;
  }

  private static boolean bool(String column, String text) {
    // Kea reads these with lexical_cast<bool>, which takes exactly 0 or 1.
    if (text.equals("0") || text.equals("1")) {
      return text.equals("1");
    }
    throw new IllegalArgumentException(column + ": '" + text + "' is not 0 or 1");
  }

  /** Kea's CSV escaping of a text column, applied to the UTF-8 octets. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x20 || c > 0x7e || c == ',' || c == '&') {
        sb.append(ESCAPE_TAG).append(HEX[c >>> 4]).append(HEX[c & 0xf]);
      } else {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  /**
   * Undoes {@link #escape}: {@code &#x} and two hex digits is that octet; a tag without two hex
   * digits after it is kept as text, as Kea does.
   */
  static String unescape(String text) {
    if (!text.contains(ESCAPE_TAG)) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    int i = 0;
    while (i < in.length) {
      if (i + 4 < in.length
          && in[i] == '&'
          && in[i + 1] == '#'
          && in[i + 2] == 'x'
          && hexDigit(in[i + 3]) >= 0
          && hexDigit(in[i + 4]) >= 0) {
        out.write((hexDigit(in[i + 3]) << 4) | hexDigit(in[i + 4]));
        i += 5;
      } else {
        out.write(in[i++]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hexDigit(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
  }
}
