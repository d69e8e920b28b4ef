package io.d2j.dhcp4.classify;

import io.d2j.dhcp4.options.OptionDataType;
import io.d2j.dhcp4.options.OptionDef;
import io.d2j.ncr.IpAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * {@code .text} of an option that is not a string, in the format Kea 2.2 prints it (its option
 * classes' {@code toText}): {@code type=003, len=008: 192.0.2.1 192.0.2.2} for an address list,
 * {@code type=093, len=002: 7(uint16)} for an integer array, {@code type=061, len=007:
 * 01:aa:bb:cc:dd:ee:ff} for opaque data. Options Kea gives a class of its own (79, 81, 124, 125 and
 * the compressed name lists) are printed as opaque data here. String options never come here: their
 * text is the value itself.
 */
final class OptionText {

  private OptionText() {}

  /** {@code def} may be null (no definition: opaque). */
  static String render(OptionDef def, int code, Frame f, int slot) {
    byte[] data = f.copy(slot);
    String header = String.format("type=%03d, len=%03d", code, data.length);
    if (def == null || special(def)) {
      return opaque(header, data);
    }
    OptionDataType t = def.type();
    try {
      if (t == OptionDataType.BINARY || (t == OptionDataType.EMPTY && !def.encapsulates())) {
        return opaque(header, data);
      }
      if (t.isInteger() && !def.array()) {
        return header + ": " + integer(t, data, 0) + " (" + t.keaName() + ")";
      }
      if (t.isInteger()) {
        StringBuilder sb = new StringBuilder(header).append(':');
        // Kea's array factory reads signed 16/32-bit arrays as unsigned.
        OptionDataType shown =
            t == OptionDataType.INT16
                ? OptionDataType.UINT16
                : t == OptionDataType.INT32 ? OptionDataType.UINT32 : t;
        for (int i = 0; i + t.fixedSize() <= data.length; i += t.fixedSize()) {
          sb.append(' ')
              .append(integer(shown, data, i))
              .append('(')
              .append(shown.keaName())
              .append(')');
        }
        return sb.toString();
      }
      if (t == OptionDataType.IPV4_ADDRESS && def.array()) {
        StringBuilder sb = new StringBuilder(header).append(':');
        for (int i = 0; i + 4 <= data.length; i += 4) {
          sb.append(' ').append(address(data, i, 4));
        }
        return sb.toString();
      }
      return custom(header, def, data);
    } catch (RuntimeException e) {
      return opaque(header, data);
    }
  }

  private static boolean special(OptionDef def) {
    if (!"dhcp4".equals(def.space())) {
      return false;
    }
    return switch (def.code()) {
      case 79, 81, 124, 125 -> true;
      default -> def.type() == OptionDataType.FQDN && def.array();
    };
  }

  private static String opaque(String header, byte[] data) {
    StringBuilder sb = new StringBuilder(header).append(": ");
    for (int i = 0; i < data.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(String.format("%02x", data[i] & 0xFF));
    }
    return sb.toString();
  }

  /** Kea's OptionCustom: each field as {@code value (type)}. */
  private static String custom(String header, OptionDef def, byte[] data) {
    StringBuilder sb = new StringBuilder(header).append(':');
    int[] at = {0};
    java.util.List<OptionDataType> fields = def.fields();
    for (OptionDataType field : fields) {
      sb.append(' ').append(field(field, data, at));
    }
    if (def.array() && !fields.isEmpty()) {
      OptionDataType last = fields.get(fields.size() - 1);
      while (at[0] < data.length) {
        sb.append(' ').append(field(last, data, at));
      }
    }
    return sb.toString();
  }

  private static String field(OptionDataType t, byte[] data, int[] at) {
    int i = at[0];
    String value;
    switch (t) {
      case BINARY -> {
        StringBuilder hex = new StringBuilder();
        for (int k = i; k < data.length; k++) {
          hex.append(String.format("%02X", data[k] & 0xFF));
        }
        at[0] = data.length;
        value = hex.toString();
      }
      case BOOLEAN -> {
        value = data[i] != 0 ? "true" : "false";
        at[0] = i + 1;
      }
      case IPV4_ADDRESS, IPV6_ADDRESS -> {
        value = address(data, i, t.fixedSize());
        at[0] = i + t.fixedSize();
      }
      case STRING -> {
        value = '"' + new String(data, i, data.length - i, StandardCharsets.UTF_8) + '"';
        at[0] = data.length;
      }
      case TUPLE -> {
        int n = data[i] & 0xFF;
        value = '"' + new String(data, i + 1, n, StandardCharsets.UTF_8) + '"';
        at[0] = i + 1 + n;
      }
      case FQDN -> {
        StringBuilder name = new StringBuilder();
        int k = i;
        while (data[k] != 0) {
          int n = data[k] & 0xFF;
          name.append(new String(data, k + 1, n, StandardCharsets.US_ASCII)).append('.');
          k += 1 + n;
        }
        at[0] = k + 1;
        value = '"' + (name.length() == 0 ? "." : name.toString()) + '"';
      }
      case PSID -> {
        int len = data[i] & 0xFF;
        int raw = ((data[i + 1] & 0xFF) << 8) | (data[i + 2] & 0xFF);
        int psid = len == 0 ? 0 : raw >>> (16 - len);
        at[0] = i + 3;
        value = "len=" + len + ",psid=" + psid;
      }
      case IPV6_PREFIX -> {
        int len = data[i] & 0xFF;
        int n = (len + 7) / 8;
        byte[] a = new byte[16];
        System.arraycopy(data, i + 1, a, 0, n);
        at[0] = i + 1 + n;
        value = address(a, 0, 16) + "/" + len;
      }
      default -> {
        value = integer(t, data, i);
        at[0] = i + t.fixedSize();
      }
    }
    return value + " (" + t.keaName() + ")";
  }

  private static String integer(OptionDataType t, byte[] data, int i) {
    long v = 0;
    for (int k = 0; k < t.fixedSize(); k++) {
      v = (v << 8) | (data[i + k] & 0xFF);
    }
    return switch (t) {
      case INT8 -> Integer.toString((byte) v);
      case INT16 -> Integer.toString((short) v);
      case INT32 -> Integer.toString((int) v);
      default -> Long.toString(v);
    };
  }

  private static String address(byte[] data, int i, int size) {
    byte[] a = new byte[size];
    System.arraycopy(data, i, a, 0, size);
    try {
      return IpAddresses.format(InetAddress.getByAddress(a));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of " + size + " octets", e);
    }
  }
}
