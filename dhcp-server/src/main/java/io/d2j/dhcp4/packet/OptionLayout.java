package io.d2j.dhcp4.packet;

import io.d2j.dhcp4.Octets;
import java.util.Arrays;

/**
 * Where each option instance goes when encoding: the options field, then file, then sname (the
 * order RFC 3396 §7 concatenates in). An option that fits whole in some area goes whole into the
 * first such area, so clients without RFC 3396 support still read it; only options longer than 255
 * octets, or too long for any single area, are split, and their pieces fill the areas in order.
 */
final class OptionLayout {
  private final byte[] main;
  private final byte[] file;
  private final byte[] sname;

  private OptionLayout(byte[] main, byte[] file, byte[] sname) {
    this.main = main;
    this.file = file;
    this.sname = sname;
  }

  /** Option instances for the options field, without option 52 and end. */
  byte[] main() {
    return main;
  }

  /** Option instances for the file field (empty when it is not overloaded), without end. */
  byte[] file() {
    return file;
  }

  /** Option instances for the sname field (empty when it is not overloaded), without end. */
  byte[] sname() {
    return sname;
  }

  /** The option-52 value this layout needs: 1 file, 2 sname, 3 both, 0 none. */
  int overloadValue() {
    return (file.length > 0 ? 1 : 0) | (sname.length > 0 ? 2 : 0);
  }

  /** Octets the options take as single instances (or split ones), without pad and end. */
  static int encodedSize(DhcpOptions options) {
    int size = 0;
    for (int i = 0; i < options.size(); i++) {
      Octets value = options.payloadAt(i);
      int pieces = Math.max(1, (value.length() + 254) / 255);
      size += 2 * pieces + value.length();
    }
    return size;
  }

  /**
   * Whether the options fit the options field whole, in {@code room} octets: then {@link
   * #writeWhole} lays them out as {@link #place} would, without building areas (the common case:
   * every reply to perfdhcp and to most clients).
   */
  static boolean fitsWhole(DhcpOptions options, int room) {
    int size = 0;
    for (int i = 0; i < options.size(); i++) {
      int length = options.payloadAt(i).length();
      if (length > 255) {
        return false;
      }
      size += 2 + length;
    }
    return size <= room;
  }

  /**
   * Writes the options whole into {@code out} from {@code at}, message type first (as {@link
   * #place}); returns the offset after the last. Only when {@link #fitsWhole}.
   */
  static int writeWhole(DhcpOptions options, byte[] out, int at) {
    Octets type = options.find(OptionCodes.MESSAGE_TYPE);
    if (type != null) {
      at = writeWhole(OptionCodes.MESSAGE_TYPE, type, out, at);
    }
    for (int i = 0; i < options.size(); i++) {
      int code = options.codeAt(i);
      if (code != OptionCodes.MESSAGE_TYPE) {
        at = writeWhole(code, options.payloadAt(i), out, at);
      }
    }
    return at;
  }

  private static int writeWhole(int code, Octets value, byte[] out, int at) {
    out[at] = (byte) code;
    out[at + 1] = (byte) value.length();
    value.copyTo(out, at + 2);
    return at + 2 + value.length();
  }

  /**
   * Places the options into areas of the given room (octets, end option excluded), or returns null
   * when they do not fit.
   */
  static OptionLayout place(DhcpOptions options, int mainRoom, int fileRoom, int snameRoom) {
    int size = encodedSize(options);
    Area[] areas = {new Area(mainRoom, size), new Area(fileRoom, size), new Area(snameRoom, size)};
    // Message type first: receivers look for it early, and it then always lands in the options
    // field, never in an overloaded one. The others follow in their order.
    Octets type = options.find(OptionCodes.MESSAGE_TYPE);
    if (type != null && !place(areas, OptionCodes.MESSAGE_TYPE, type)) {
      return null;
    }
    for (int i = 0; i < options.size(); i++) {
      int code = options.codeAt(i);
      if (code != OptionCodes.MESSAGE_TYPE && !place(areas, code, options.payloadAt(i))) {
        return null;
      }
    }
    return new OptionLayout(areas[0].bytes(), areas[1].bytes(), areas[2].bytes());
  }

  private static boolean place(Area[] areas, int code, Octets value) {
    return placeWhole(areas, code, value) || placeSplit(areas, code, value);
  }

  private static boolean placeWhole(Area[] areas, int code, Octets value) {
    if (value.length() > 255) {
      return false;
    }
    for (Area area : areas) {
      if (area.room >= 2 + value.length()) {
        area.write(code, value, 0, value.length());
        return true;
      }
    }
    return false;
  }

  private static boolean placeSplit(Area[] areas, int code, Octets value) {
    int done = 0;
    for (Area area : areas) {
      while (done < value.length() && area.room >= 3) {
        int piece = Math.min(255, Math.min(area.room - 2, value.length() - done));
        area.write(code, value, done, piece);
        done += piece;
      }
    }
    return done == value.length() && value.length() > 0;
  }

  /** One area being filled: never more than its room. */
  private static final class Area {
    private byte[] out;
    private int used;
    int room;

    /** {@code expected}: what the options take unsplit, a first guess at the area's size. */
    Area(int room, int expected) {
      this.room = room;
      this.out = new byte[Math.max(0, Math.min(room, expected))];
    }

    void write(int code, Octets value, int from, int length) {
      if (used + 2 + length > out.length) {
        out = Arrays.copyOf(out, Math.max(used + 2 + length, out.length * 2));
      }
      out[used++] = (byte) code;
      out[used++] = (byte) length;
      value.copyTo(from, out, used, length);
      used += length;
      room -= 2 + length;
    }

    byte[] bytes() {
      return used == out.length ? out : Arrays.copyOf(out, used);
    }
  }
}
