package io.d2j.dhcp4.packet;

import io.d2j.dhcp4.Octets;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;

/**
 * The DHCPv4 wire format: RFC 2131 §2 fixed fields, the RFC 2131 §3 magic cookie, RFC 2132 options
 * with pad and end, option overload (RFC 2132 §9.3) and long options split into several instances
 * (RFC 3396).
 *
 * <p>Layout (offsets in octets): op 0, htype 1, hlen 2, hops 3, xid 4, secs 8, flags 10, ciaddr 12,
 * yiaddr 16, siaddr 20, giaddr 24, chaddr 28 (16), sname 44 (64), file 108 (128), magic cookie 236
 * ({@code 63 82 53 63}), options from 240.
 *
 * <p>{@link #decode} never throws anything but {@link DhcpFormatException}, whatever the input.
 */
public final class DhcpCodec {
  /** RFC 2132 §9.10: the smallest maximum message size a client may announce. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 576;

  /** RFC 1542 §2.1: relay agents may drop BOOTP messages shorter than 300 octets. */
  public static final int BOOTP_MIN_LENGTH = 300;

  static final int SNAME_OFFSET = 44;
  static final int FILE_OFFSET = 108;
  static final int COOKIE_OFFSET = 236;
  static final int OPTIONS_OFFSET = 240;
  private static final int MAGIC_COOKIE = 0x63825363;

  /**
   * IPv4 (20) and UDP (8) headers: option 57 counts the whole IP datagram, so a 576 limit leaves
   * the 312-octet options field RFC 2131 §2 describes.
   */
  private static final int IP_UDP_HEADERS = 28;

  private DhcpCodec() {}

  /** Decodes a whole datagram. */
  public static DhcpPacket decode(byte[] datagram) throws DhcpFormatException {
    return decode(datagram, 0, datagram.length);
  }

  /**
   * Decodes {@code length} octets of {@code buffer} from {@code offset}; offsets in error messages
   * count from {@code offset}.
   */
  public static DhcpPacket decode(byte[] buffer, int offset, int length)
      throws DhcpFormatException {
    java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
    // Decoding only reads b, and every field and payload it keeps is a copy.
    byte[] b =
        offset == 0 && length == buffer.length
            ? buffer
            : java.util.Arrays.copyOfRange(buffer, offset, offset + length);
    if (b.length < COOKIE_OFFSET) {
      throw new DhcpFormatException(
          "header", "packet of " + b.length + " octets is shorter than the 236-octet fixed header");
    }
    if (b.length < OPTIONS_OFFSET) {
      throw new DhcpFormatException(
          "magic cookie", "missing: the packet ends at offset " + b.length);
    }
    int cookie = int32(b, COOKIE_OFFSET);
    if (cookie != MAGIC_COOKIE) {
      throw new DhcpFormatException(
          "magic cookie", String.format("%08x, expected 63825363", cookie));
    }
    int op = b[0] & 0xff;
    if (op != DhcpPacket.BOOTREQUEST && op != DhcpPacket.BOOTREPLY) {
      throw new DhcpFormatException("op", op + ", expected 1 (BOOTREQUEST) or 2 (BOOTREPLY)");
    }
    int hlen = b[2] & 0xff;
    if (hlen > DhcpPacket.CHADDR_LENGTH) {
      throw new DhcpFormatException("hlen", hlen + " exceeds the 16-octet chaddr field");
    }

    OptionScanner scanner = new OptionScanner(b);
    int overload = scanner.scan(OPTIONS_OFFSET, b.length, "the packet", true);
    // RFC 2131 §4.1: the options field first, then file, then sname; RFC 3396 §7 concatenates
    // the instances of one option in that same order.
    if ((overload & 1) != 0) {
      scanner.scan(FILE_OFFSET, FILE_OFFSET + DhcpPacket.FILE_LENGTH, "the file field", false);
    }
    if ((overload & 2) != 0) {
      scanner.scan(SNAME_OFFSET, SNAME_OFFSET + DhcpPacket.SNAME_LENGTH, "the sname field", false);
    }
    DhcpOptions options = scanner.options();

    try {
      return new DhcpPacket(
          op,
          b[1] & 0xff,
          hlen,
          b[3] & 0xff,
          int32(b, 4),
          uint16(b, 8),
          uint16(b, 10),
          address(b, 12),
          address(b, 16),
          address(b, 20),
          address(b, 24),
          Octets.of(b, 28, DhcpPacket.CHADDR_LENGTH),
          (overload & 2) != 0 ? Octets.EMPTY : cString(b, SNAME_OFFSET, DhcpPacket.SNAME_LENGTH),
          (overload & 1) != 0 ? Octets.EMPTY : cString(b, FILE_OFFSET, DhcpPacket.FILE_LENGTH),
          options);
    } catch (IllegalArgumentException e) {
      // Every field was checked above; this is a safety net so that decoding keeps its promise.
      throw new DhcpFormatException("packet", e.getMessage());
    }
  }

  /**
   * The size limit for a reply to {@code request}: its option 57, but never below the 576 every
   * client must accept (RFC 2132 §9.10).
   */
  public static int replySizeLimit(DhcpOptions request) {
    return Math.max(DEFAULT_MAX_MESSAGE_SIZE, request.maxMessageSize().orElse(0));
  }

  /** Encodes {@code packet} to fit a client that accepts only the RFC minimum of 576 octets. */
  public static byte[] encode(DhcpPacket packet) {
    return encode(packet, DEFAULT_MAX_MESSAGE_SIZE);
  }

  /**
   * Encodes {@code packet} so that the IP datagram carrying it is at most {@code maxMessageSize}
   * octets: options that do not fit the options field go into file and then sname (option 52) when
   * those are unused, options longer than 255 octets are split (RFC 3396), and the message is
   * padded to the 300-octet BOOTP minimum.
   *
   * @throws IllegalArgumentException {@code maxMessageSize: 500 is below the RFC 2132 minimum of
   *     576}, or {@code options: 1300 octets do not fit a 576-octet message, even with file and
   *     sname overloaded}
   */
  public static byte[] encode(DhcpPacket packet, int maxMessageSize) {
    if (maxMessageSize < DEFAULT_MAX_MESSAGE_SIZE || maxMessageSize > 0xffff) {
      throw new IllegalArgumentException(
          "maxMessageSize: " + maxMessageSize + " is outside the RFC 2132 range 576-65535");
    }
    int optionsRoom = maxMessageSize - IP_UDP_HEADERS - OPTIONS_OFFSET - 1; // 1 for end
    if (OptionLayout.fitsWhole(packet.options(), optionsRoom)) {
      int size = OptionLayout.encodedSize(packet.options());
      byte[] out = new byte[Math.max(BOOTP_MIN_LENGTH, OPTIONS_OFFSET + size + 1)];
      writeHeader(out, packet);
      packet.sname().copyTo(out, SNAME_OFFSET);
      packet.file().copyTo(out, FILE_OFFSET);
      out[OptionLayout.writeWhole(packet.options(), out, OPTIONS_OFFSET)] = (byte) OptionCodes.END;
      return out; // the rest is zero: pad options after end, up to the BOOTP minimum
    }
    boolean fileFree = packet.file().isEmpty();
    boolean snameFree = packet.sname().isEmpty();
    OptionLayout layout = OptionLayout.place(packet.options(), optionsRoom, 0, 0);
    if (layout == null && (fileFree || snameFree)) {
      // Option 52 itself takes three octets of the options field.
      int fileRoom = fileFree ? DhcpPacket.FILE_LENGTH - 1 : 0;
      int snameRoom = snameFree ? DhcpPacket.SNAME_LENGTH - 1 : 0;
      layout = OptionLayout.place(packet.options(), optionsRoom - 3, fileRoom, snameRoom);
    }
    if (layout == null) {
      throw new IllegalArgumentException(
          "options: "
              + OptionLayout.encodedSize(packet.options())
              + " octets do not fit a "
              + maxMessageSize
              + "-octet message, even with file and sname overloaded");
    }
    int overload = layout.overloadValue();
    int mainLength = (overload == 0 ? 0 : 3) + layout.main().length + 1;
    byte[] out = new byte[Math.max(BOOTP_MIN_LENGTH, OPTIONS_OFFSET + mainLength)];
    writeHeader(out, packet);
    writeField(out, SNAME_OFFSET, packet.sname(), layout.sname(), (overload & 2) != 0);
    writeField(out, FILE_OFFSET, packet.file(), layout.file(), (overload & 1) != 0);
    int at = OPTIONS_OFFSET;
    if (overload != 0) {
      out[at++] = (byte) OptionCodes.OVERLOAD;
      out[at++] = 1;
      out[at++] = (byte) overload;
    }
    System.arraycopy(layout.main(), 0, out, at, layout.main().length);
    out[at + layout.main().length] = (byte) OptionCodes.END;
    return out; // the rest is zero: pad options after end, up to the BOOTP minimum
  }

  /** The fixed fields up to chaddr, and the magic cookie. */
  private static void writeHeader(byte[] out, DhcpPacket packet) {
    out[0] = (byte) packet.op();
    out[1] = (byte) packet.htype();
    out[2] = (byte) packet.hlen();
    out[3] = (byte) packet.hops();
    putInt32(out, 4, packet.xid());
    putInt16(out, 8, packet.secs());
    putInt16(out, 10, packet.flags());
    putAddress(out, 12, packet.ciaddr());
    putAddress(out, 16, packet.yiaddr());
    putAddress(out, 20, packet.siaddr());
    putAddress(out, 24, packet.giaddr());
    packet.chaddr().copyTo(out, 28);
    putInt32(out, COOKIE_OFFSET, MAGIC_COOKIE);
  }

  private static void writeField(
      byte[] out, int at, Octets text, byte[] options, boolean overloaded) {
    if (overloaded) {
      System.arraycopy(options, 0, out, at, options.length);
      out[at + options.length] = (byte) OptionCodes.END;
    } else {
      text.copyTo(out, at);
    }
  }

  /** Reads option instances from one area and concatenates repeats (RFC 3396 §7). */
  private static final class OptionScanner {
    private final byte[] b;
    private final DhcpOptions.Builder values = DhcpOptions.builder();
    private boolean overloadSeen;

    OptionScanner(byte[] b) {
      this.b = b;
    }

    /** Scans [from, to); returns the option-52 value found (main area only), or 0. */
    int scan(int from, int to, String area, boolean mainArea) throws DhcpFormatException {
      int overload = 0;
      int at = from;
      while (at < to) {
        int code = b[at] & 0xff;
        if (code == OptionCodes.PAD) {
          at++;
          continue;
        }
        if (code == OptionCodes.END) {
          return overload; // what follows end is padding (RFC 2131 §4.1)
        }
        if (at + 1 >= to) {
          throw new DhcpFormatException(
              where(code, at), "no length octet before the end of " + area);
        }
        int len = b[at + 1] & 0xff;
        if (at + 2 + len > to) {
          throw new DhcpFormatException(
              where(code, at), "length " + len + " runs past the end of " + area);
        }
        if (code == OptionCodes.OVERLOAD) {
          overload = overload(where(code, at), at, len, mainArea, area);
        } else {
          add(code, at + 2, len);
        }
        at += 2 + len;
      }
      if (mainArea) {
        throw new DhcpFormatException(
            "options", "the packet ends at offset " + to + " without an end option (255)");
      }
      throw new DhcpFormatException(
          "options", area + " (overloaded by option 52) has no end option (255)");
    }

    /** Names an option instance in an error; built only for one. */
    private static String where(int code, int at) {
      return "option " + code + " at offset " + at;
    }

    private int overload(String where, int at, int len, boolean mainArea, String area)
        throws DhcpFormatException {
      if (!mainArea) {
        throw new DhcpFormatException(where, "option overload inside " + area);
      }
      if (overloadSeen) {
        throw new DhcpFormatException(where, "option overload appears twice");
      }
      overloadSeen = true;
      if (len != 1) {
        throw new DhcpFormatException(where, "length " + len + ", expected 1");
      }
      int value = b[at + 2] & 0xff;
      if (value < 1 || value > 3) {
        throw new DhcpFormatException(
            where, "overload value " + value + " is not 1 (file), 2 (sname) or 3 (both)");
      }
      return value;
    }

    /**
     * A code's instances after its first, appended in order (RFC 3396 §7), by code; made at the
     * first repeat and its entries at their code's first repeat, so that a query without repeats
     * allocates none, and joined into the options once, by {@link #options}: joining at each
     * instance copied all before it, quadratic in a datagram of many one-octet instances.
     */
    private ByteArrayOutputStream[] repeats;

    /** One instance's payload; a repeated code is appended to the earlier ones (RFC 3396 §7). */
    private void add(int code, int from, int len) {
      ByteArrayOutputStream joined = repeats == null ? null : repeats[code];
      if (joined != null) {
        joined.write(b, from, len);
        return;
      }
      Octets first = values.find(code);
      if (first == null) {
        values.put(code, Octets.of(b, from, len));
        return;
      }
      if (repeats == null) {
        repeats = new ByteArrayOutputStream[256];
      }
      joined = new ByteArrayOutputStream(first.length() + len);
      joined.writeBytes(first.toByteArray());
      joined.write(b, from, len);
      repeats[code] = joined;
    }

    DhcpOptions options() throws DhcpFormatException {
      if (repeats != null) {
        for (int code = 0; code < repeats.length; code++) {
          if (repeats[code] != null) {
            values.put(code, Octets.of(repeats[code].toByteArray())); // keeps its first place
          }
        }
      }
      int bad = values.firstInvalid();
      if (bad >= 0) {
        int code = values.codeAt(bad);
        throw new DhcpFormatException(
            "option " + code, DhcpOptions.problem(code, values.payloadAt(bad)));
      }
      return values.build();
    }
  }

  private static Octets cString(byte[] b, int from, int size) {
    int end = from;
    while (end < from + size && b[end] != 0) {
      end++;
    }
    return Octets.of(b, from, end - from);
  }

  private static Inet4Address address(byte[] b, int at) {
    if (int32(b, at) == 0) {
      return DhcpPacket.ANY; // most queries leave ciaddr, yiaddr, siaddr (and giaddr) zero
    }
    return DhcpOptions.toAddress(java.util.Arrays.copyOfRange(b, at, at + 4));
  }

  private static int int32(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static int uint16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static void putInt32(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static void putAddress(byte[] b, int at, Inet4Address address) {
    if (!address.equals(DhcpPacket.ANY)) { // out is zero already; getAddress() copies
      System.arraycopy(address.getAddress(), 0, b, at, 4);
    }
  }

  private static void putInt16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }
}
