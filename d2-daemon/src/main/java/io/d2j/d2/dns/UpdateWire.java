package io.d2j.d2.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;

/**
 * An RFC 2136 UPDATE rendered straight to wire octets: one zone, the prerequisites and updates of
 * one or more steps ({@link UpdateMessages#write}), then {@link #toWire(int)}. It produces the same
 * octets dnsjava's {@code Update.toWire()} produces for the same records (tested octet for octet,
 * {@code UpdateWireTest}), including RFC 1035 §4.1.4 name compression, at a fraction of the cost:
 * dnsjava's general renderer builds a {@code Name} object and a hash entry per suffix of every name
 * it writes (23 % of the D2 event loop in the issue 7 profile); here the suffixes of a name are
 * hashed right to left in one pass over its octets and compared in place.
 *
 * <p>Compression follows dnsjava exactly: every name (owner names, and the name in PTR RDATA) is
 * written label by label until a suffix already written is found, which becomes a pointer; each
 * suffix written in full is remembered by its offset, if the offset fits a pointer (below 2^14).
 * Names compare case-insensitively (RFC 4343), so a pointer may refer to the zone's spelling.
 *
 * <p>Not thread-safe; one instance per message.
 */
public final class UpdateWire implements UpdateSink {

  /** RFC 2136 §2: the update message header's opcode field, UPDATE = 5, in the flags' position. */
  private static final int OPCODE_UPDATE_FLAGS = 5 << 11;

  private static final int HEADER = 12;
  private static final int MAX_POINTER = 0x3FFF;

  private final byte[] zone;
  private final List<Entry> prerequisites = new ArrayList<>();
  private final List<Entry> updates = new ArrayList<>();

  /**
   * One record: owner and RDATA as wire octets (RDATA a name, compressed, when {@code nameRdata}).
   */
  private record Entry(
      byte[] owner, int type, int dclass, long ttl, byte[] rdata, boolean nameRdata) {}

  /**
   * @param zone the zone section's name, as text ({@code "example.org."})
   */
  public UpdateWire(String zone) {
    this.zone = WireNames.of(zone);
  }

  /** Records in the prerequisite and update sections so far. */
  public int records() {
    return prerequisites.size() + updates.size();
  }

  @Override
  public void record(Section section, String owner, int type, int dclass, long ttl, byte[] rdata) {
    add(section, new Entry(ownerWire(owner), type, dclass, ttl, rdata, false));
  }

  @Override
  public void pointer(Section section, String owner, int dclass, long ttl, String target) {
    add(section, new Entry(ownerWire(owner), Type.PTR, dclass, ttl, WireNames.of(target), true));
  }

  private void add(Section section, Entry e) {
    (section == Section.PREREQUISITE ? prerequisites : updates).add(e);
  }

  /** The last owner parsed: a step names its owner in several records in a row. */
  private String lastOwnerText;

  private byte[] lastOwnerWire;

  private byte[] ownerWire(String owner) {
    if (!owner.equals(lastOwnerText)) {
      lastOwnerWire = WireNames.of(owner);
      lastOwnerText = owner;
    }
    return lastOwnerWire;
  }

  /** The whole message with message ID {@code id}, no TSIG. */
  public byte[] toWire(int id) {
    Writer w = new Writer(estimate());
    w.u16(id);
    w.u16(OPCODE_UPDATE_FLAGS);
    w.u16(1); // ZOCOUNT
    w.u16(prerequisites.size()); // PRCOUNT
    w.u16(updates.size()); // UPCOUNT
    w.u16(0); // ADCOUNT
    w.name(zone);
    w.u16(Type.SOA);
    w.u16(DClass.IN);
    for (Entry e : prerequisites) {
      w.record(e);
    }
    for (Entry e : updates) {
      w.record(e);
    }
    return w.toByteArray();
  }

  private int estimate() {
    int n = HEADER + zone.length + 4;
    for (Entry e : prerequisites) {
      n += e.owner.length + 10 + e.rdata.length;
    }
    for (Entry e : updates) {
      n += e.owner.length + 10 + e.rdata.length;
    }
    return n;
  }

  /** The output buffer with its compression table (offsets of suffixes written in full). */
  private static final class Writer {
    private byte[] out;
    private int pos;

    /** Open addressing: hash of a lower-cased suffix → offset + 1 (0 = empty slot). */
    private int[] hashes = new int[64];

    private int[] offsets = new int[64];
    private int entries;

    /** Scratch for one name: its label offsets and suffix hashes. */
    private final int[] labelAt = new int[128];

    private final int[] suffixHash = new int[129];

    Writer(int capacity) {
      out = new byte[Math.max(capacity, HEADER)];
    }

    void record(Entry e) {
      name(e.owner);
      u16(e.type);
      u16(e.dclass);
      u32(e.ttl);
      int lengthAt = pos;
      u16(0);
      if (e.nameRdata) {
        name(e.rdata);
      } else {
        bytes(e.rdata);
      }
      int rdlength = pos - lengthAt - 2;
      out[lengthAt] = (byte) (rdlength >>> 8);
      out[lengthAt + 1] = (byte) rdlength;
    }

    /** Writes {@code name} (uncompressed wire octets) compressed against what was written. */
    void name(byte[] name) {
      int labels = 0;
      for (int i = 0; name[i] != 0; i += name[i] + 1) {
        labelAt[labels++] = i;
      }
      // Right to left: the hash of each suffix from that of the one after it.
      suffixHash[labels] = 0;
      for (int l = labels - 1; l >= 0; l--) {
        int h = suffixHash[l + 1];
        int at = labelAt[l];
        int length = name[at];
        h = h * 31 + length;
        for (int k = 1; k <= length; k++) {
          h = h * 31 + lower(name[at + k]);
        }
        suffixHash[l] = h;
      }
      for (int l = 0; l < labels; l++) {
        int found = find(suffixHash[l], name, labelAt[l]);
        if (found >= 0) {
          u16(0xC000 | found);
          return;
        }
        if (pos <= MAX_POINTER) {
          remember(suffixHash[l], pos);
        }
        int at = labelAt[l];
        int length = name[at] + 1;
        ensure(length);
        System.arraycopy(name, at, out, pos, length);
        pos += length;
      }
      u8(0);
    }

    private int find(int hash, byte[] name, int from) {
      int mask = hashes.length - 1;
      for (int slot = mix(hash) & mask; offsets[slot] != 0; slot = (slot + 1) & mask) {
        if (hashes[slot] == hash && sameSuffix(name, from, offsets[slot] - 1)) {
          return offsets[slot] - 1;
        }
      }
      return -1;
    }

    private void remember(int hash, int offset) {
      if ((entries + 1) * 2 > hashes.length) {
        grow();
      }
      int mask = hashes.length - 1;
      int slot = mix(hash) & mask;
      while (offsets[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      hashes[slot] = hash;
      offsets[slot] = offset + 1;
      entries++;
    }

    private void grow() {
      int[] oldHashes = hashes;
      int[] oldOffsets = offsets;
      hashes = new int[oldHashes.length * 2];
      offsets = new int[oldOffsets.length * 2];
      int mask = hashes.length - 1;
      for (int i = 0; i < oldHashes.length; i++) {
        if (oldOffsets[i] != 0) {
          int slot = mix(oldHashes[i]) & mask;
          while (offsets[slot] != 0) {
            slot = (slot + 1) & mask;
          }
          hashes[slot] = oldHashes[i];
          offsets[slot] = oldOffsets[i];
        }
      }
    }

    /**
     * Whether the labels of {@code name} from {@code from} equal, ignoring ASCII case, the name
     * written at {@code at} in the output (following its compression pointers).
     */
    private boolean sameSuffix(byte[] name, int from, int at) {
      int i = from;
      int j = at;
      while (true) {
        int b = out[j] & 0xFF;
        if ((b & 0xC0) == 0xC0) {
          j = ((b & 0x3F) << 8) | (out[j + 1] & 0xFF);
          continue;
        }
        int length = name[i];
        if (length != b) {
          return false;
        }
        if (length == 0) {
          return true;
        }
        for (int k = 1; k <= length; k++) {
          if (lower(name[i + k]) != lower(out[j + k])) {
            return false;
          }
        }
        i += length + 1;
        j += length + 1;
      }
    }

    private static int lower(byte b) {
      return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b & 0xFF;
    }

    private static int mix(int h) {
      return h ^ (h >>> 16);
    }

    void u8(int v) {
      ensure(1);
      out[pos++] = (byte) v;
    }

    void u16(int v) {
      ensure(2);
      out[pos++] = (byte) (v >>> 8);
      out[pos++] = (byte) v;
    }

    void u32(long v) {
      ensure(4);
      out[pos++] = (byte) (v >>> 24);
      out[pos++] = (byte) (v >>> 16);
      out[pos++] = (byte) (v >>> 8);
      out[pos++] = (byte) v;
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, out, pos, b.length);
      pos += b.length;
    }

    private void ensure(int more) {
      if (pos + more > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, pos + more));
      }
    }

    byte[] toByteArray() {
      return pos == out.length ? out : Arrays.copyOf(out, pos);
    }
  }
}
