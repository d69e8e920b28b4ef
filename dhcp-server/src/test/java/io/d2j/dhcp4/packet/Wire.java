package io.d2j.dhcp4.packet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds DHCPv4 datagrams octet by octet from the RFC 2131 §2 layout, independently of the codec,
 * so that tests compare the codec against the RFC rather than against itself.
 */
final class Wire {
  private final byte[] header = new byte[236];
  private final ByteArrayOutputStream options = new ByteArrayOutputStream();
  private boolean cookie = true;
  private int padTo;

  static Wire request() {
    return new Wire().u8(0, 1).u8(1, 1).u8(2, 6);
  }

  static Wire reply() {
    return new Wire().u8(0, 2).u8(1, 1).u8(2, 6);
  }

  Wire u8(int offset, int value) {
    header[offset] = (byte) value;
    return this;
  }

  Wire u16(int offset, int value) {
    return u8(offset, value >>> 8).u8(offset + 1, value);
  }

  Wire u32(int offset, long value) {
    return u16(offset, (int) (value >>> 16)).u16(offset + 2, (int) value);
  }

  Wire xid(long xid) {
    return u32(4, xid);
  }

  Wire secs(int secs) {
    return u16(8, secs);
  }

  Wire flags(int flags) {
    return u16(10, flags);
  }

  /** ciaddr 12, yiaddr 16, siaddr 20, giaddr 24. */
  Wire ip(int offset, String dotted) {
    String[] p = dotted.split("\\.");
    for (int i = 0; i < 4; i++) {
      u8(offset + i, Integer.parseInt(p[i]));
    }
    return this;
  }

  Wire chaddr(String colonHex) {
    byte[] mac = hex(colonHex.replace(":", ""));
    System.arraycopy(mac, 0, header, 28, mac.length);
    return this;
  }

  /** Raw octets into sname (offset 44, 64 octets) or file (offset 108, 128 octets). */
  Wire field(int offset, byte[] content) {
    System.arraycopy(content, 0, header, offset, content.length);
    return this;
  }

  Wire noCookie() {
    cookie = false;
    return this;
  }

  /** One option instance: code, length, payload. */
  Wire opt(int code, byte... payload) {
    options.write(code);
    options.write(payload.length);
    options.write(payload, 0, payload.length);
    return this;
  }

  Wire opt(int code, String ascii) {
    return opt(code, ascii.getBytes(StandardCharsets.US_ASCII));
  }

  /** Any octets in the options area. */
  Wire raw(int... octets) {
    for (int o : octets) {
      options.write(o);
    }
    return this;
  }

  Wire end() {
    return raw(255);
  }

  /** Zero-pads the datagram to {@code length} octets. */
  Wire padTo(int length) {
    padTo = length;
    return this;
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header, 0, header.length);
    if (cookie) {
      out.write(0x63);
      out.write(0x82);
      out.write(0x53);
      out.write(0x63);
    }
    byte[] o = options.toByteArray();
    out.write(o, 0, o.length);
    byte[] all = out.toByteArray();
    return all.length < padTo ? Arrays.copyOf(all, padTo) : all;
  }

  static byte[] hex(String hex) {
    String h = hex.replace(" ", "");
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
