package io.d2j.dhcp4.classify;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.options.OptionDef;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.ncr.IpAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The compiled tree's nodes. A boolean node answers; a string node leaves its value in its {@link
 * Frame} slot, as a view into the packet or a literal where it can (option payloads, substrings,
 * fields of a split) and in its scratch array where it must compute (concat, hexstring, the *totext
 * functions). Both operands of {@code and}, {@code or} and {@code ifelse} are always evaluated, as
 * Kea's postfix evaluation does: an error in either fails the whole test.
 */
final class Nodes {

  static final byte[] NOTHING = new byte[0];
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

  private Nodes() {}

  abstract static class Bool {
    abstract boolean eval(Frame f);
  }

  abstract static class Str {
    final int slot;

    Str(int slot) {
      this.slot = slot;
    }

    /** Leaves the value in {@code f}'s slot {@link #slot}. */
    abstract void eval(Frame f);
  }

  // ---- boolean nodes

  static final class Not extends Bool {
    private final Bool operand;

    Not(Bool operand) {
      this.operand = operand;
    }

    @Override
    boolean eval(Frame f) {
      return !operand.eval(f);
    }
  }

  static final class And extends Bool {
    private final Bool left;
    private final Bool right;

    And(Bool left, Bool right) {
      this.left = left;
      this.right = right;
    }

    @Override
    boolean eval(Frame f) {
      boolean a = left.eval(f);
      boolean b = right.eval(f);
      return a && b;
    }
  }

  static final class Or extends Bool {
    private final Bool left;
    private final Bool right;

    Or(Bool left, Bool right) {
      this.left = left;
      this.right = right;
    }

    @Override
    boolean eval(Frame f) {
      boolean a = left.eval(f);
      boolean b = right.eval(f);
      return a || b;
    }
  }

  static final class Equal extends Bool {
    private final Str left;
    private final Str right;

    Equal(Str left, Str right) {
      this.left = left;
      this.right = right;
    }

    @Override
    boolean eval(Frame f) {
      left.eval(f);
      right.eval(f);
      int n = f.len[left.slot];
      if (n != f.len[right.slot]) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (f.byteAt(left.slot, i) != f.byteAt(right.slot, i)) {
          return false;
        }
      }
      return true;
    }
  }

  static final class Member extends Bool {
    private final String name;

    Member(String name) {
      this.name = name;
    }

    @Override
    boolean eval(Frame f) {
      return f.classes.contains(name);
    }
  }

  /** {@code ...exists}: whether the string node found its option (a view, possibly empty). */
  static final class Exists extends Bool {
    private final Str locator;

    Exists(Str locator) {
      this.locator = locator;
    }

    @Override
    boolean eval(Frame f) {
      locator.eval(f);
      return f.ref[locator.slot] != null;
    }
  }

  // ---- literals and packet fields

  static final class Literal extends Str {
    private final byte[] value;

    Literal(int slot, byte[] value) {
      super(slot);
      this.value = value;
    }

    @Override
    void eval(Frame f) {
      f.set(slot, value, 0, value.length);
    }
  }

  /**
   * Where an option (or sub-option) lives. Sets the slot to the payload, or to null (absent). The
   * node is also the {@code .hex} value; {@code .text} wraps it.
   */
  abstract static class Locator extends Str {
    Locator(int slot) {
      super(slot);
    }
  }

  /** {@code option[code]} of the query. */
  static final class TopOption extends Locator {
    private final int code;
    private final boolean string;

    TopOption(int slot, int code, boolean string) {
      super(slot);
      this.code = code;
      this.string = string;
    }

    @Override
    void eval(Frame f) {
      Octets v = f.facts.query().options().find(code);
      if (v == null) {
        f.set(slot, null, 0, 0);
        return;
      }
      int n = v.length();
      if (string) {
        // Kea's string options drop trailing NULs; one of nothing but NULs is skipped.
        while (n > 0 && v.get(n - 1) == 0) {
          n--;
        }
        if (n == 0) {
          f.set(slot, null, 0, 0);
          return;
        }
      }
      f.set(slot, v, 0, n);
    }
  }

  /**
   * Sub-option {@code code} inside what {@code parent} located, after {@code skip} octets of the
   * parent's own fields (option 82's circuit-id, option 43's sub-options, ...).
   */
  static final class SubOption extends Locator {
    private final Locator parent;
    private final int skip;
    private final int code;
    private final boolean string;

    SubOption(int slot, Locator parent, int skip, int code, boolean string) {
      super(slot);
      this.parent = parent;
      this.skip = skip;
      this.code = code;
      this.string = string;
    }

    @Override
    void eval(Frame f) {
      parent.eval(f);
      Object ref = f.ref[parent.slot];
      if (ref == null || skip < 0) {
        f.set(slot, null, 0, 0);
        return;
      }
      int from = f.off[parent.slot] + skip;
      int to = f.off[parent.slot] + f.len[parent.slot];
      findTlv(f, ref, from, to, code, slot, string);
    }
  }

  /**
   * Finds the first option {@code code} among type-length-value entries in {@code [from, to)} of
   * {@code ref}; sets {@code slot} to its payload or to null. A truncated list ends the search (Kea
   * drops what it cannot parse).
   */
  static void findTlv(Frame f, Object ref, int from, int to, int code, int slot, boolean string) {
    int i = from;
    while (i < to) {
      int c = at(ref, i);
      if (c == OptionCodes.PAD || c == OptionCodes.END) {
        i++;
        continue;
      }
      if (i + 1 >= to) {
        break;
      }
      int n = at(ref, i + 1);
      if (i + 2 + n > to) {
        break;
      }
      if (c == code) {
        int len = n;
        if (string) {
          while (len > 0 && at(ref, i + 1 + len) == 0) {
            len--;
          }
          if (len == 0) {
            break;
          }
        }
        f.set(slot, ref, i + 2, len);
        return;
      }
      i += 2 + n;
    }
    f.set(slot, null, 0, 0);
  }

  static int at(Object ref, int i) {
    return ref instanceof byte[] a ? a[i] & 0xFF : ((Octets) ref).get(i);
  }

  /**
   * Option 125's first enterprise block (Kea 2.2 reads only the first): enterprise number (4), data
   * length (1), sub-options. As a locator it points at the whole payload when {@code enterprise}
   * matches (0 = any); {@link #subOptions} finds a sub-option in the block.
   */
  static final class Vendor extends Locator {
    private final long enterprise;

    Vendor(int slot, long enterprise) {
      super(slot);
      this.enterprise = enterprise;
    }

    @Override
    void eval(Frame f) {
      Octets v = f.facts.query().options().find(125);
      if (v == null || v.length() < 4 || (enterprise != 0 && enterprise(v) != enterprise)) {
        f.set(slot, null, 0, 0);
        return;
      }
      f.set(slot, v, 0, v.length());
    }
  }

  static long enterprise(Octets v) {
    return ((long) v.get(0) << 24) | ((long) v.get(1) << 16) | (v.get(2) << 8) | v.get(3);
  }

  /** Sub-option {@code code} of a matched option-125 block. */
  static final class VendorSubOption extends Locator {
    private final Vendor vendor;
    private final int code;

    VendorSubOption(int slot, Vendor vendor, int code) {
      super(slot);
      this.vendor = vendor;
      this.code = code;
    }

    @Override
    void eval(Frame f) {
      vendor.eval(f);
      Object ref = f.ref[vendor.slot];
      if (ref == null || f.len[vendor.slot] < 5) {
        f.set(slot, null, 0, 0);
        return;
      }
      int dataLen = at(ref, 4);
      int to = 5 + dataLen;
      if (to > f.len[vendor.slot]) {
        f.set(slot, null, 0, 0);
        return;
      }
      findTlv(f, ref, 5, to, code, slot, false);
    }
  }

  /** {@code vendor.enterprise} / {@code vendor-class.enterprise}: the number as 4 octets. */
  static final class EnterpriseOf extends Str {
    private final Locator option;

    EnterpriseOf(int slot, Locator option) {
      super(slot);
      this.option = option;
    }

    @Override
    void eval(Frame f) {
      option.eval(f);
      Object ref = f.ref[option.slot];
      if (ref == null) {
        f.setEmpty(slot);
        return;
      }
      f.set(slot, ref, 0, 4);
    }
  }

  /** Option 124 (V-I vendor class) when {@code enterprise} matches (0 = any). */
  static final class VendorClass extends Locator {
    private final long enterprise;

    VendorClass(int slot, long enterprise) {
      super(slot);
      this.enterprise = enterprise;
    }

    @Override
    void eval(Frame f) {
      Octets v = f.facts.query().options().find(124);
      if (v == null || v.length() < 5 || (enterprise != 0 && enterprise(v) != enterprise)) {
        f.set(slot, null, 0, 0);
        return;
      }
      f.set(slot, v, 0, v.length());
    }
  }

  /**
   * {@code vendor-class[n].data[i]}: the {@code i}th data field; Kea reads option 124 as tuples
   * (length, data), each after the first preceded by another enterprise number it ignores.
   */
  static final class VendorClassData extends Str {
    private final VendorClass option;
    private final int index;

    VendorClassData(int slot, VendorClass option, int index) {
      super(slot);
      this.option = option;
      this.index = index;
    }

    @Override
    void eval(Frame f) {
      option.eval(f);
      Object ref = f.ref[option.slot];
      if (ref == null) {
        f.setEmpty(slot);
        return;
      }
      int end = f.len[option.slot];
      int i = 4;
      int n = 0;
      while (i < end) {
        int len = at(ref, i);
        if (i + 1 + len > end) {
          break;
        }
        if (n == index) {
          f.set(slot, ref, i + 1, len);
          return;
        }
        n++;
        i += 1 + len;
        if (i < end) {
          i += 4;
        }
      }
      f.setEmpty(slot);
    }
  }

  /** {@code .hex} of a located option: the payload, or "" when absent. */
  static final class Hex extends Str {
    private final Locator option;

    Hex(int slot, Locator option) {
      super(slot);
      this.option = option;
    }

    @Override
    void eval(Frame f) {
      option.eval(f);
      if (f.ref[option.slot] == null) {
        f.setEmpty(slot);
      } else {
        f.set(slot, f.ref[option.slot], f.off[option.slot], f.len[option.slot]);
      }
    }
  }

  /**
   * {@code .text}: the payload itself for string options (and {@code exists}' "true"/"false" never
   * comes here); Kea's printed form for others.
   */
  static final class Text extends Str {
    private final Locator option;
    private final OptionDef def;
    private final int code;

    Text(int slot, Locator option, OptionDef def, int code) {
      super(slot);
      this.option = option;
      this.def = def;
      this.code = code;
    }

    @Override
    void eval(Frame f) {
      option.eval(f);
      if (f.ref[option.slot] == null) {
        f.setEmpty(slot);
        return;
      }
      if (def != null && def.isString()) {
        f.set(slot, f.ref[option.slot], f.off[option.slot], f.len[option.slot]);
        return;
      }
      byte[] text = OptionText.render(def, code, f, option.slot).getBytes(StandardCharsets.UTF_8);
      f.set(slot, text, 0, text.length);
    }
  }

  /** Kea's {@code exists} of vendor options: "true" when found. Kept for symmetry with Kea. */
  static byte[] trueBytes() {
    return TRUE;
  }

  static final class Pkt4Field extends Str {
    enum Field {
      MAC,
      HLEN,
      HTYPE,
      CIADDR,
      GIADDR,
      YIADDR,
      SIADDR,
      MSGTYPE,
      TRANSID
    }

    private final Field field;

    Pkt4Field(int slot, Field field) {
      super(slot);
      this.field = field;
    }

    @Override
    void eval(Frame f) {
      DhcpPacket p = f.facts.query();
      switch (field) {
        case MAC -> f.set(slot, p.chaddr(), 0, p.hlen());
        case HLEN -> uint32(f, slot, p.hlen());
        case HTYPE -> uint32(f, slot, p.htype());
        case CIADDR -> uint32(f, slot, p.ciaddr().hashCode());
        case GIADDR -> uint32(f, slot, p.giaddr().hashCode());
        case YIADDR -> uint32(f, slot, p.yiaddr().hashCode());
        case SIADDR -> uint32(f, slot, p.siaddr().hashCode());
        case MSGTYPE -> {
          Octets t = p.options().find(OptionCodes.MESSAGE_TYPE);
          uint32(f, slot, t == null ? 0 : t.get(0));
        }
        case TRANSID -> uint32(f, slot, p.xid());
      }
    }
  }

  static final class PktField extends Str {
    enum Field {
      IFACE,
      SRC,
      DST,
      LEN
    }

    private final Field field;
    private final boolean[] stringCodes;

    PktField(int slot, Field field, boolean[] stringCodes) {
      super(slot);
      this.field = field;
      this.stringCodes = stringCodes;
    }

    @Override
    void eval(Frame f) {
      switch (field) {
        case IFACE -> {
          byte[] b = f.facts.ifaceBytes();
          f.set(slot, b, 0, b.length);
        }
        case SRC -> uint32(f, slot, f.facts.source());
        case DST -> uint32(f, slot, f.facts.destination());
        case LEN -> {
          // Kea's Pkt4::len(): the fixed header plus every option's code, length and data, string
          // options without the trailing NULs its parser drops.
          int len = 236;
          DhcpOptions options = f.facts.query().options();
          for (int i = 0; i < options.size(); i++) {
            Octets v = options.payloadAt(i);
            int n = v.length();
            if (stringCodes[options.codeAt(i)]) {
              while (n > 0 && v.get(n - 1) == 0) {
                n--;
              }
            }
            len += 2 + n;
          }
          uint32(f, slot, len);
        }
      }
    }
  }

  static void uint32(Frame f, int slot, long value) {
    byte[] s = f.scratch(slot, 4);
    s[0] = (byte) (value >>> 24);
    s[1] = (byte) (value >>> 16);
    s[2] = (byte) (value >>> 8);
    s[3] = (byte) value;
    f.set(slot, s, 0, 4);
  }

  // ---- functions

  /** Kea's substring: negative start counts from the end, negative length runs backwards. */
  static final class Substring extends Str {
    private final Str string;
    private final int start;
    private final int length;
    private final boolean all;

    Substring(int slot, Str string, int start, int length, boolean all) {
      super(slot);
      this.string = string;
      this.start = start;
      this.length = length;
      this.all = all;
    }

    @Override
    void eval(Frame f) {
      string.eval(f);
      int n = f.len[string.slot];
      if (n == 0) {
        f.setEmpty(slot);
        return;
      }
      int pos = start;
      long len = all ? n : length;
      if (pos < -n || pos >= n) {
        f.setEmpty(slot);
        return;
      }
      if (pos < 0) {
        pos = n + pos;
      }
      if (len < 0) {
        len = -len;
        if (len <= pos) {
          pos -= (int) len;
        } else {
          len = pos;
          pos = 0;
        }
      }
      int take = (int) Math.min(len, n - pos);
      f.set(slot, f.ref[string.slot], f.off[string.slot] + pos, take);
    }
  }

  /** Kea's split: fields 1-based, any octet of the delimiter string separates. */
  static final class Split extends Str {
    private final Str string;
    private final Str delimiters;
    private final int field;

    Split(int slot, Str string, Str delimiters, int field) {
      super(slot);
      this.string = string;
      this.delimiters = delimiters;
      this.field = field;
    }

    @Override
    void eval(Frame f) {
      string.eval(f);
      delimiters.eval(f);
      int n = f.len[string.slot];
      if (n == 0) {
        f.setEmpty(slot);
        return;
      }
      if (f.len[delimiters.slot] == 0) {
        f.set(slot, f.ref[string.slot], f.off[string.slot], n);
        return;
      }
      int current = 1;
      int begin = 0;
      for (int i = 0; i <= n; i++) {
        if (i == n || isDelimiter(f, f.byteAt(string.slot, i))) {
          if (current == field) {
            f.set(slot, f.ref[string.slot], f.off[string.slot] + begin, i - begin);
            return;
          }
          current++;
          begin = i + 1;
        }
      }
      f.setEmpty(slot);
    }

    private boolean isDelimiter(Frame f, int b) {
      int d = f.len[delimiters.slot];
      for (int k = 0; k < d; k++) {
        if (f.byteAt(delimiters.slot, k) == b) {
          return true;
        }
      }
      return false;
    }
  }

  static final class Concat extends Str {
    private final Str left;
    private final Str right;

    Concat(int slot, Str left, Str right) {
      super(slot);
      this.left = left;
      this.right = right;
    }

    @Override
    void eval(Frame f) {
      left.eval(f);
      right.eval(f);
      int a = f.len[left.slot];
      int b = f.len[right.slot];
      byte[] s = f.scratch(slot, a + b);
      for (int i = 0; i < a; i++) {
        s[i] = (byte) f.byteAt(left.slot, i);
      }
      for (int i = 0; i < b; i++) {
        s[a + i] = (byte) f.byteAt(right.slot, i);
      }
      f.set(slot, s, 0, a + b);
    }
  }

  static final class IfElse extends Str {
    private final Bool condition;
    private final Str then;
    private final Str otherwise;

    IfElse(int slot, Bool condition, Str then, Str otherwise) {
      super(slot);
      this.condition = condition;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    void eval(Frame f) {
      boolean c = condition.eval(f);
      then.eval(f);
      otherwise.eval(f);
      Str chosen = c ? then : otherwise;
      f.set(slot, f.ref[chosen.slot], f.off[chosen.slot], f.len[chosen.slot]);
    }
  }

  static final class HexString extends Str {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final Str binary;
    private final Str separator;

    HexString(int slot, Str binary, Str separator) {
      super(slot);
      this.binary = binary;
      this.separator = separator;
    }

    @Override
    void eval(Frame f) {
      binary.eval(f);
      separator.eval(f);
      int n = f.len[binary.slot];
      int sep = f.len[separator.slot];
      int size = n == 0 ? 0 : 2 * n + sep * (n - 1);
      byte[] s = f.scratch(slot, size);
      int o = 0;
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          for (int k = 0; k < sep; k++) {
            s[o++] = (byte) f.byteAt(separator.slot, k);
          }
        }
        int b = f.byteAt(binary.slot, i);
        s[o++] = DIGITS[b >>> 4];
        s[o++] = DIGITS[b & 0xF];
      }
      f.set(slot, s, 0, size);
    }
  }

  static final class AddrToText extends Str {
    private final Str address;

    AddrToText(int slot, Str address) {
      super(slot);
      this.address = address;
    }

    @Override
    void eval(Frame f) {
      address.eval(f);
      int n = f.len[address.slot];
      if (n == 0) {
        f.setEmpty(slot);
        return;
      }
      if (n == 4) {
        byte[] s = f.scratch(slot, 15);
        int o = 0;
        for (int i = 0; i < 4; i++) {
          if (i > 0) {
            s[o++] = '.';
          }
          o = decimal(s, o, f.byteAt(address.slot, i));
        }
        f.set(slot, s, 0, o);
        return;
      }
      if (n != 16) {
        throw new EvaluationException(
            "addrtotext: " + n + " octets are neither an IPv4 (4) nor an IPv6 (16) address");
      }
      try {
        byte[] text =
            IpAddresses.format(InetAddress.getByAddress(f.copy(address.slot)))
                .getBytes(StandardCharsets.US_ASCII);
        f.set(slot, text, 0, text.length);
      } catch (UnknownHostException e) {
        throw new EvaluationException("addrtotext: " + e.getMessage());
      }
    }
  }

  /** int8totext ... uint32totext: decimal text of a 1, 2 or 4 octet big-endian value. */
  static final class IntToText extends Str {
    private final Str value;
    private final int size;
    private final boolean signed;
    private final String name;

    IntToText(int slot, Str value, int size, boolean signed, String name) {
      super(slot);
      this.value = value;
      this.size = size;
      this.signed = signed;
      this.name = name;
    }

    @Override
    void eval(Frame f) {
      value.eval(f);
      int n = f.len[value.slot];
      if (n == 0) {
        f.setEmpty(slot);
        return;
      }
      if (n != size) {
        throw new EvaluationException(
            name + ": " + n + " octet" + (n == 1 ? "" : "s") + ", expected " + size);
      }
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 8) | f.byteAt(value.slot, i);
      }
      if (signed) {
        v =
            switch (size) {
              case 1 -> (byte) v;
              case 2 -> (short) v;
              default -> (int) v;
            };
      }
      byte[] s = f.scratch(slot, 11);
      int o = 0;
      if (v < 0) {
        s[o++] = '-';
        v = -v;
      }
      o = decimal(s, o, v);
      f.set(slot, s, 0, o);
    }
  }

  /** Writes {@code v} (not negative) in decimal at {@code o}; returns the new end. */
  static int decimal(byte[] s, int o, long v) {
    if (v == 0) {
      s[o] = '0';
      return o + 1;
    }
    int digits = 0;
    for (long t = v; t > 0; t /= 10) {
      digits++;
    }
    for (int i = digits - 1; i >= 0; i--) {
      s[o + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return o + digits;
  }

  /** lcase / ucase (Kea 2.4): ASCII letters only, other octets unchanged. */
  static final class ChangeCase extends Str {
    private final Str value;
    private final boolean upper;

    ChangeCase(int slot, Str value, boolean upper) {
      super(slot);
      this.value = value;
      this.upper = upper;
    }

    @Override
    void eval(Frame f) {
      value.eval(f);
      int n = f.len[value.slot];
      byte[] s = f.scratch(slot, n);
      for (int i = 0; i < n; i++) {
        int b = f.byteAt(value.slot, i);
        if (upper && b >= 'a' && b <= 'z') {
          b -= 32;
        } else if (!upper && b >= 'A' && b <= 'Z') {
          b += 32;
        }
        s[i] = (byte) b;
      }
      f.set(slot, s, 0, n);
    }
  }
}
