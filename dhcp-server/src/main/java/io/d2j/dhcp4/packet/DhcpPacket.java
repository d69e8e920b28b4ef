package io.d2j.dhcp4.packet;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;

/**
 * One DHCPv4 message (RFC 2131 §2, figure 1): the fixed BOOTP fields and the options.
 *
 * <p>{@code chaddr} is always the 16-octet field (shorter input is zero-padded); {@link
 * #hardwareAddress()} is its first {@code hlen} octets. {@code sname} and {@code file} hold the
 * text up to the first NUL; when the options overflowed into them (option 52) they are empty here
 * and their options are in {@code options}. {@code xid} is the 32 bits as an int.
 */
public record DhcpPacket(
    int op,
    int htype,
    int hlen,
    int hops,
    int xid,
    int secs,
    int flags,
    Inet4Address ciaddr,
    Inet4Address yiaddr,
    Inet4Address siaddr,
    Inet4Address giaddr,
    Octets chaddr,
    Octets sname,
    Octets file,
    DhcpOptions options) {

  public static final int BOOTREQUEST = 1;
  public static final int BOOTREPLY = 2;

  /** htype of Ethernet (RFC 1700 ARP hardware types). */
  public static final int HTYPE_ETHERNET = 1;

  /** The broadcast bit of {@code flags} (RFC 2131 §2, figure 2). */
  public static final int FLAG_BROADCAST = 0x8000;

  static final int CHADDR_LENGTH = 16;
  static final int SNAME_LENGTH = 64;
  static final int FILE_LENGTH = 128;

  /** 0.0.0.0, the value of every unset address field. */
  public static final Inet4Address ANY = DhcpOptions.toAddress(new byte[4]);

  /**
   * @throws IllegalArgumentException naming the field, e.g. {@code hlen: 17 exceeds the 16-octet
   *     chaddr field}
   */
  public DhcpPacket {
    if (op != BOOTREQUEST && op != BOOTREPLY) {
      throw new IllegalArgumentException(
          "op: " + op + ", expected 1 (BOOTREQUEST) or 2 (BOOTREPLY)");
    }
    requireRange("htype", htype, 0xff);
    requireRange("hlen", hlen, 0xff);
    if (hlen > CHADDR_LENGTH) {
      throw new IllegalArgumentException("hlen: " + hlen + " exceeds the 16-octet chaddr field");
    }
    requireRange("hops", hops, 0xff);
    requireRange("secs", secs, 0xffff);
    requireRange("flags", flags, 0xffff);
    Objects.requireNonNull(ciaddr, "ciaddr");
    Objects.requireNonNull(yiaddr, "yiaddr");
    Objects.requireNonNull(siaddr, "siaddr");
    Objects.requireNonNull(giaddr, "giaddr");
    Objects.requireNonNull(options, "options");
    if (chaddr.length() > CHADDR_LENGTH) {
      throw new IllegalArgumentException(
          "chaddr: " + chaddr.length() + " octets exceed the 16-octet field");
    }
    if (chaddr.length() < CHADDR_LENGTH) {
      byte[] padded = new byte[CHADDR_LENGTH];
      chaddr.copyTo(padded, 0);
      chaddr = Octets.of(padded);
    }
    requireText("sname", sname, SNAME_LENGTH);
    requireText("file", file, FILE_LENGTH);
  }

  private static void requireRange(String field, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(field + ": " + value + " is outside 0-" + max);
    }
  }

  private static void requireText(String field, Octets value, int size) {
    if (value.length() > size) {
      throw new IllegalArgumentException(
          field + ": " + value.length() + " octets exceed the " + size + "-octet field");
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.get(i) == 0) {
        throw new IllegalArgumentException(
            field + ": NUL at octet " + i + " (the field ends at its first NUL)");
      }
    }
  }

  /** A BOOTREQUEST from an Ethernet client with no address yet: hlen 6, no relay, no sname/file. */
  public static DhcpPacket request(int xid, Octets mac, DhcpOptions options) {
    return new DhcpPacket(
        BOOTREQUEST,
        HTYPE_ETHERNET,
        mac.length(),
        0,
        xid,
        0,
        0,
        ANY,
        ANY,
        ANY,
        ANY,
        mac,
        Octets.EMPTY,
        Octets.EMPTY,
        options);
  }

  /** The first {@code hlen} octets of {@code chaddr}. */
  public Octets hardwareAddress() {
    return chaddr.slice(0, hlen);
  }

  /** Option 53 (absent in plain BOOTP). */
  public Optional<DhcpMessageType> messageType() {
    return options.messageType();
  }

  /** Whether the client asked for a broadcast reply (RFC 2131 §4.1). */
  public boolean broadcastFlag() {
    return (flags & FLAG_BROADCAST) != 0;
  }

  /** Whether a relay agent forwarded this message (giaddr set, RFC 2131 §4.1). */
  public boolean relayed() {
    return !giaddr.equals(ANY);
  }

  /** This packet with {@code options} instead. */
  public DhcpPacket withOptions(DhcpOptions newOptions) {
    return new DhcpPacket(
        op,
        htype,
        hlen,
        hops,
        xid,
        secs,
        flags,
        ciaddr,
        yiaddr,
        siaddr,
        giaddr,
        chaddr,
        sname,
        file,
        newOptions);
  }
}
