package io.d2j.dhcp4.classify;

import io.d2j.dhcp4.Octets;

/**
 * The working memory of one expression's evaluation, reused from query to query on the same thread
 * so that evaluating allocates nothing in the common case: each string node has a slot holding its
 * value as a view (a {@code byte[]} or {@link Octets}, an offset and a length) and a scratch array
 * it may grow and write into. Confined to one thread.
 */
final class Frame {

  PacketFacts facts;
  ClientClasses classes;
  final Object[] ref;
  final int[] off;
  final int[] len;
  private final byte[][] scratch;

  Frame(int slots) {
    ref = new Object[slots];
    off = new int[slots];
    len = new int[slots];
    scratch = new byte[slots][];
  }

  void set(int slot, Object value, int offset, int length) {
    ref[slot] = value;
    off[slot] = offset;
    len[slot] = length;
  }

  void setEmpty(int slot) {
    set(slot, Nodes.NOTHING, 0, 0);
  }

  /** Octet {@code i} (0-based) of the value in {@code slot}, 0-255. */
  int byteAt(int slot, int i) {
    Object r = ref[slot];
    if (r instanceof byte[] a) {
      return a[off[slot] + i] & 0xFF;
    }
    return ((Octets) r).get(off[slot] + i);
  }

  /** The scratch array of {@code slot}, at least {@code size} long. */
  byte[] scratch(int slot, int size) {
    byte[] s = scratch[slot];
    if (s == null || s.length < size) {
      s = new byte[Math.max(size, s == null ? 16 : 2 * s.length)];
      scratch[slot] = s;
    }
    return s;
  }

  /** The value of {@code slot} as a new array (for messages and the uncommon paths). */
  byte[] copy(int slot) {
    byte[] out = new byte[len[slot]];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) byteAt(slot, i);
    }
    return out;
  }

  void clear() {
    facts = null;
    classes = null;
    java.util.Arrays.fill(ref, null);
  }
}
