package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The leases of an {@link InMemoryLeaseStore}, packed so that a lease costs about 100 bytes and no
 * object of its own: a few hundred thousand leases are a handful of arrays for the garbage
 * collector, not millions of objects to trace.
 *
 * <p>Each lease has a slot: its address, cltt, lifetime, subnet id and flags (fqdn_fwd, fqdn_rev,
 * state) in primitive arrays, and the offset of its record in a byte arena. A record is the
 * hardware address and the client id (a length octet each, then the octets), then the hostname and
 * the user context (a varint length each, then their UTF-8 octets). Replacing a lease writes a new
 * record and leaves the old one as garbage; the arena is compacted when garbage is more than half
 * of it. Three open-addressing tables (linear probing, backward-shift deletion) hold slot numbers,
 * each beside some bits of its key's hash so that a probe rarely reads a slot that is not the one
 * sought: by address, by hardware address and by client id; leases with an equal hardware address
 * (client id) chain through {@link #nextHw} ({@link #nextCid}) from the slot the table holds. A
 * {@link Lease4} is built only when one is asked for.
 *
 * <p>Not thread-safe: the owning store's monitor guards it.
 */
final class LeaseTable {
  private static final int NONE = -1;
  private static final int FWD = 1;
  private static final int REV = 2;
  private static final int STATE_SHIFT = 2;

  // Per slot. record[slot] == NONE marks a free slot.
  private int[] address = new int[16];
  private long[] cltt = new long[16];
  private int[] lifetime = new int[16];
  private int[] subnetId = new int[16];
  private byte[] flags = new byte[16];
  private int[] record = new int[16];
  private int[] nextHw = new int[16];
  private int[] nextCid = new int[16];

  /** Slots ever used (free ones among them are on {@link #free}). */
  private int slots;

  private int[] free = new int[16];
  private int freeCount;
  private int size;

  private byte[] arena = new byte[1024];
  private int arenaUsed;
  private int arenaLive;

  private final SlotIndex byAddress =
      new SlotIndex() {
        @Override
        int hashOfSlot(int slot) {
          return address[slot];
        }
      };
  private final SlotIndex byHw =
      new SlotIndex() {
        @Override
        int hashOfSlot(int slot) {
          int off = record[slot];
          return hashBytes(arena, off + 1, arena[off] & 0xff);
        }
      };
  private final SlotIndex byCid =
      new SlotIndex() {
        @Override
        int hashOfSlot(int slot) {
          int off = cidOffset(slot);
          return hashBytes(arena, off + 1, arena[off] & 0xff);
        }
      };

  /** The number of leases. */
  int size() {
    return size;
  }

  /** Adds {@code lease}, replacing the lease of its address if there is one. */
  void put(Lease4 lease) {
    int a = toInt(lease.address());
    int pos = findAddress(a);
    int slot;
    boolean sameKeys = false;
    if (pos >= 0) {
      slot = byAddress.slotAt(pos);
      // A renewal keeps its hardware address and client id: its chains stay as they are (they
      // hold slot numbers, not record offsets).
      sameKeys = sameKeys(slot, lease);
      if (!sameKeys) {
        unindexKeys(slot);
      }
      dropRecord(slot);
      record[slot] = NONE; // until the new record is written: a compaction must not copy the old
    } else {
      if (freeCount == 0 && slots == record.length) {
        ensureFreeSlot();
        pos = findAddress(a); // growing the slots may have re-encoded the indexes
      }
      slot = newSlot();
      address[slot] = a;
      byAddress.insertAt(~pos, slot);
      size++;
    }
    cltt[slot] = lease.cltt();
    lifetime[slot] = (int) lease.validLifetime();
    subnetId[slot] = (int) lease.subnetId();
    flags[slot] =
        (byte)
            ((lease.fqdnFwd() ? FWD : 0)
                | (lease.fqdnRev() ? REV : 0)
                | (lease.state().code() << STATE_SHIFT));
    record[slot] = writeRecord(lease);
    if (!sameKeys) {
      indexKeys(slot);
    }
  }

  /** Whether {@code slot}'s record has {@code lease}'s hardware address and client id. */
  private boolean sameKeys(int slot, Lease4 lease) {
    int off = record[slot];
    return sameOctets(lease.hwaddr(), off)
        && sameOctets(lease.clientId(), off + 1 + (arena[off] & 0xff));
  }

  /** Removes the lease of {@code address}; false when there was none. */
  boolean remove(Inet4Address address) {
    int pos = findAddress(toInt(address));
    if (pos < 0) {
      return false;
    }
    int slot = byAddress.slotAt(pos);
    byAddress.removeAt(pos);
    unindexKeys(slot);
    dropRecord(slot);
    record[slot] = NONE;
    free = grow(free, freeCount + 1);
    free[freeCount++] = slot;
    size--;
    return true;
  }

  /** The lease of {@code address}, or null. */
  Lease4 get(Inet4Address address) {
    int pos = findAddress(toInt(address));
    return pos < 0 ? null : lease(byAddress.slotAt(pos));
  }

  /** Whether {@code address} has a lease. */
  boolean contains(Inet4Address address) {
    return findAddress(toInt(address)) >= 0;
  }

  /** Leases whose hardware address is {@code hwaddr}, ascending address. */
  List<Lease4> byHwAddress(Octets hwaddr) {
    if (hwaddr.isEmpty()) {
      return List.of();
    }
    int pos = findKey(byHw, hwaddr, false);
    return pos < 0 ? List.of() : chain(byHw.slotAt(pos), nextHw);
  }

  /** Leases whose client id is {@code clientId}, ascending address. */
  List<Lease4> byClientId(Octets clientId) {
    if (clientId.isEmpty()) {
      return List.of();
    }
    int pos = findKey(byCid, clientId, true);
    return pos < 0 ? List.of() : chain(byCid.slotAt(pos), nextCid);
  }

  private List<Lease4> chain(int head, int[] next) {
    int n = 0;
    for (int s = head; s != NONE; s = next[s]) {
      n++;
    }
    long[] keys = new long[n];
    int i = 0;
    for (int s = head; s != NONE; s = next[s]) {
      keys[i++] = addressOrderKey(s);
    }
    return leases(keys);
  }

  /** Calls {@code action} with every lease, ascending address. */
  void forEach(Consumer<Lease4> action) {
    long[] keys = new long[size];
    int n = 0;
    for (int s = 0; s < slots; s++) {
      if (record[s] != NONE) {
        keys[n++] = addressOrderKey(s);
      }
    }
    Arrays.sort(keys);
    for (long key : keys) {
      action.accept(lease((int) key));
    }
  }

  /** Every lease, ascending address. */
  List<Lease4> all() {
    List<Lease4> out = new ArrayList<>(size);
    forEach(out::add);
    return out;
  }

  /**
   * Leases not {@link LeaseState#EXPIRED_RECLAIMED} that expire before {@code before} (unix
   * seconds), oldest expiry first (then ascending address), at most {@code limit} (0: all).
   */
  List<Lease4> expired(long before, int limit) {
    int reclaimed = LeaseState.EXPIRED_RECLAIMED.code();
    List<Integer> due = new ArrayList<>();
    for (int s = 0; s < slots; s++) {
      if (record[s] != NONE && (flags[s] >>> STATE_SHIFT) != reclaimed && expire(s) < before) {
        due.add(s);
      }
    }
    due.sort(
        Comparator.comparingLong((Integer s) -> expire(s))
            .thenComparingLong(s -> Integer.toUnsignedLong(address[s])));
    int n = limit > 0 ? Math.min(limit, due.size()) : due.size();
    List<Lease4> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(lease(due.get(i)));
    }
    return out;
  }

  /** Removes every lease. */
  void clear() {
    byAddress.clear();
    byHw.clear();
    byCid.clear();
    slots = 0;
    freeCount = 0;
    size = 0;
    arenaUsed = 0;
    arenaLive = 0;
  }

  /** The record arena's length in octets; for tests that it stays bounded. */
  int arenaCapacity() {
    return arena.length;
  }

  private long expire(int slot) {
    return cltt[slot] + Integer.toUnsignedLong(lifetime[slot]);
  }

  /** Sorts as unsigned address order (sign bit flipped), the slot in the low half. */
  private long addressOrderKey(int slot) {
    return ((long) (address[slot] ^ Integer.MIN_VALUE) << 32) | slot;
  }

  private List<Lease4> leases(long[] keys) {
    Arrays.sort(keys);
    List<Lease4> out = new ArrayList<>(keys.length);
    for (long key : keys) {
      out.add(lease((int) key));
    }
    return out;
  }

  private Lease4 lease(int slot) {
    int off = record[slot];
    int hwLen = arena[off] & 0xff;
    Octets hw = Octets.of(arena, off + 1, hwLen);
    off += 1 + hwLen;
    int cidLen = arena[off] & 0xff;
    Octets cid = Octets.of(arena, off + 1, cidLen);
    off += 1 + cidLen;
    int hostLen = readVarint(off);
    off += varintSize(hostLen);
    String hostname = text(off, hostLen);
    off += hostLen;
    int ucLen = readVarint(off);
    off += varintSize(ucLen);
    String userContext = text(off, ucLen);
    int f = flags[slot];
    return new Lease4(
        toAddress(address[slot]),
        hw,
        cid,
        Integer.toUnsignedLong(lifetime[slot]),
        cltt[slot],
        Integer.toUnsignedLong(subnetId[slot]),
        (f & FWD) != 0,
        (f & REV) != 0,
        hostname,
        LeaseState.fromCode(f >>> STATE_SHIFT),
        userContext);
  }

  private String text(int off, int len) {
    return len == 0 ? "" : new String(arena, off, len, StandardCharsets.UTF_8);
  }

  // ---- slots

  /** A free slot, its record NONE. */
  private int newSlot() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    ensureFreeSlot();
    record[slots] = NONE;
    return slots++;
  }

  /**
   * Grows the slot arrays when no slot is free; when slot numbers then need more bits, the indexes
   * are re-encoded (their entries pack a slot number with hash bits).
   */
  private void ensureFreeSlot() {
    if (freeCount == 0 && slots == record.length) {
      int n = record.length + (record.length >> 1);
      address = Arrays.copyOf(address, n);
      cltt = Arrays.copyOf(cltt, n);
      lifetime = Arrays.copyOf(lifetime, n);
      subnetId = Arrays.copyOf(subnetId, n);
      flags = Arrays.copyOf(flags, n);
      record = Arrays.copyOf(record, n);
      nextHw = Arrays.copyOf(nextHw, n);
      nextCid = Arrays.copyOf(nextCid, n);
      int bits = slotBits(n);
      if (bits != byAddress.slotBits) {
        byAddress.retag(bits);
        byHw.retag(bits);
        byCid.retag(bits);
      }
    }
  }

  /** Bits that hold every slot number + 1 of {@code capacity} slots (0 is an empty entry). */
  private static int slotBits(int capacity) {
    return 32 - Integer.numberOfLeadingZeros(capacity);
  }

  private static int[] grow(int[] a, int needed) {
    return needed <= a.length ? a : Arrays.copyOf(a, Math.max(needed, a.length + (a.length >> 1)));
  }

  // ---- records

  private int writeRecord(Lease4 lease) {
    byte[] host = lease.hostname().getBytes(StandardCharsets.UTF_8);
    byte[] uc = lease.userContext().getBytes(StandardCharsets.UTF_8);
    int len =
        2
            + lease.hwaddr().length()
            + lease.clientId().length()
            + varintSize(host.length)
            + host.length
            + varintSize(uc.length)
            + uc.length;
    reserve(len);
    int start = arenaUsed;
    int off = start;
    arena[off++] = (byte) lease.hwaddr().length();
    lease.hwaddr().copyTo(arena, off);
    off += lease.hwaddr().length();
    arena[off++] = (byte) lease.clientId().length();
    lease.clientId().copyTo(arena, off);
    off += lease.clientId().length();
    off = writeVarint(off, host.length);
    System.arraycopy(host, 0, arena, off, host.length);
    off += host.length;
    off = writeVarint(off, uc.length);
    System.arraycopy(uc, 0, arena, off, uc.length);
    arenaUsed = start + len;
    arenaLive += len;
    return start;
  }

  private int recordLength(int start) {
    int off = start;
    off += 1 + (arena[off] & 0xff);
    off += 1 + (arena[off] & 0xff);
    int hostLen = readVarint(off);
    off += varintSize(hostLen) + hostLen;
    int ucLen = readVarint(off);
    off += varintSize(ucLen) + ucLen;
    return off - start;
  }

  private void dropRecord(int slot) {
    arenaLive -= recordLength(record[slot]);
  }

  /** Room for {@code len} more octets: compacts when over half the arena is garbage, else grows. */
  private void reserve(int len) {
    if (arenaUsed + len <= arena.length) {
      return;
    }
    int garbage = arenaUsed - arenaLive;
    if (garbage > arenaUsed / 2) {
      compactArena(len);
    } else {
      long n = Math.max((long) arena.length + (arena.length >> 1), (long) arenaUsed + len);
      if (n > Integer.MAX_VALUE - 8) {
        throw new LeaseStoreException("lease table: record arena over 2 GiB");
      }
      arena = Arrays.copyOf(arena, (int) n);
    }
  }

  private void compactArena(int len) {
    long n = Math.max(1024L, (long) arenaLive + len + ((arenaLive + len) >> 1));
    byte[] to = new byte[(int) Math.min(n, Integer.MAX_VALUE - 8)];
    int used = 0;
    for (int s = 0; s < slots; s++) {
      if (record[s] != NONE) {
        int l = recordLength(record[s]);
        System.arraycopy(arena, record[s], to, used, l);
        record[s] = used;
        used += l;
      }
    }
    arena = to;
    arenaUsed = used;
    arenaLive = used;
  }

  private int cidOffset(int slot) {
    int off = record[slot];
    return off + 1 + (arena[off] & 0xff);
  }

  private int writeVarint(int off, int value) {
    int v = value;
    while ((v & ~0x7f) != 0) {
      arena[off++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    arena[off++] = (byte) v;
    return off;
  }

  private int readVarint(int off) {
    int value = 0;
    int shift = 0;
    int i = off;
    while (true) {
      int b = arena[i++];
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
      shift += 7;
    }
  }

  private static int varintSize(int value) {
    int n = 1;
    for (int v = value >>> 7; v != 0; v >>>= 7) {
      n++;
    }
    return n;
  }

  // ---- indexes

  // An entry whose hash bits differ from the key's is passed over without reading its slot's
  // arrays or record: at hundreds of thousands of leases each of those reads is a cache miss.

  private int findAddress(int a) {
    int m = SlotIndex.mix(a);
    for (int pos = byAddress.home(m); ; pos = byAddress.next(pos)) {
      int e = byAddress.entryAt(pos);
      if (e == 0) {
        return ~pos;
      }
      if (byAddress.tagMatches(e, m) && address[byAddress.slotOf(e)] == a) {
        return pos;
      }
    }
  }

  /** The position of {@code key}'s chain head in {@code index}, or ~(the free position). */
  private int findKey(SlotIndex index, Octets key, boolean clientId) {
    int m = SlotIndex.mix(hashOctets(key));
    for (int pos = index.home(m); ; pos = index.next(pos)) {
      int e = index.entryAt(pos);
      if (e == 0) {
        return ~pos;
      }
      if (index.tagMatches(e, m)) {
        int s = index.slotOf(e);
        if (sameOctets(key, clientId ? cidOffset(s) : record[s])) {
          return pos;
        }
      }
    }
  }

  /**
   * As {@link #findKey(SlotIndex, Octets, boolean)} for the key of {@code len} octets at {@code
   * keyOff} in the arena (a slot's own record), so that no key object is built.
   */
  private int findKey(SlotIndex index, int keyOff, int len, boolean clientId) {
    int m = SlotIndex.mix(hashBytes(arena, keyOff, len));
    for (int pos = index.home(m); ; pos = index.next(pos)) {
      int e = index.entryAt(pos);
      if (e == 0) {
        return ~pos;
      }
      if (index.tagMatches(e, m)) {
        int s = index.slotOf(e);
        int off = clientId ? cidOffset(s) : record[s];
        if ((arena[off] & 0xff) == len
            && Arrays.equals(arena, off + 1, off + 1 + len, arena, keyOff, keyOff + len)) {
          return pos;
        }
      }
    }
  }

  /** Whether the length octet at {@code off} and the octets after it are {@code key}. */
  private boolean sameOctets(Octets key, int off) {
    if ((arena[off] & 0xff) != key.length()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if ((arena[off + 1 + i] & 0xff) != key.get(i)) {
        return false;
      }
    }
    return true;
  }

  private void indexKeys(int slot) {
    nextHw[slot] = NONE;
    nextCid[slot] = NONE;
    int off = record[slot];
    int hwLen = arena[off] & 0xff;
    if (hwLen != 0) {
      link(byHw, nextHw, slot, findKey(byHw, off + 1, hwLen, false));
    }
    int cidOff = off + 1 + hwLen;
    int cidLen = arena[cidOff] & 0xff;
    if (cidLen != 0) {
      link(byCid, nextCid, slot, findKey(byCid, cidOff + 1, cidLen, true));
    }
  }

  private static void link(SlotIndex index, int[] next, int slot, int pos) {
    if (pos >= 0) {
      next[slot] = index.slotAt(pos);
      index.setAt(pos, slot);
    } else {
      index.insertAt(~pos, slot);
    }
  }

  private void unindexKeys(int slot) {
    int off = record[slot];
    int hwLen = arena[off] & 0xff;
    if (hwLen != 0) {
      unlink(byHw, nextHw, slot, findKey(byHw, off + 1, hwLen, false));
    }
    int cidOff = off + 1 + hwLen;
    int cidLen = arena[cidOff] & 0xff;
    if (cidLen != 0) {
      unlink(byCid, nextCid, slot, findKey(byCid, cidOff + 1, cidLen, true));
    }
  }

  private static void unlink(SlotIndex index, int[] next, int slot, int pos) {
    if (pos < 0) {
      throw new IllegalStateException("lease table: slot " + slot + " missing from its index");
    }
    int head = index.slotAt(pos);
    if (head == slot) {
      if (next[slot] == NONE) {
        index.removeAt(pos);
      } else {
        index.setAt(pos, next[slot]);
      }
      return;
    }
    int prev = head;
    while (next[prev] != slot) {
      prev = next[prev];
    }
    next[prev] = next[slot];
  }

  private static int hashOctets(Octets key) {
    int h = 1;
    for (int i = 0; i < key.length(); i++) {
      h = 31 * h + key.get(i);
    }
    return h;
  }

  private static int hashBytes(byte[] b, int off, int len) {
    int h = 1;
    for (int i = 0; i < len; i++) {
      h = 31 * h + (b[off + i] & 0xff);
    }
    return h;
  }

  static int toInt(Inet4Address a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  static Inet4Address toAddress(int a) {
    try {
      return (Inet4Address)
          InetAddress.getByAddress(
              new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four octets are always an address
    }
  }

  /**
   * Slot numbers in open addressing with linear probing, no tombstones; the keys live in the slots,
   * so a subclass says how a slot hashes. At most 5/8 full. An entry packs the slot number + 1 in
   * its low {@link #slotBits} bits (0 = empty) and, above them, the same bits of its key's mixed
   * hash: a lookup passes over an entry whose bits differ from its key's without reading the slot.
   * The table stays one int per entry; with fewer slots there are more hash bits.
   */
  private abstract static class SlotIndex {
    private int[] table = new int[16];
    private int count;

    /** Bits of an entry that hold slot + 1; the rest are hash bits. */
    int slotBits = slotBits(16);

    private int slotMask = (1 << slotBits) - 1;

    abstract int hashOfSlot(int slot);

    static int mix(int h) {
      int x = h * 0x9E3779B9;
      return x ^ (x >>> 16);
    }

    /** Where a key of mixed hash {@code m} starts probing. */
    final int home(int m) {
      return m & (table.length - 1);
    }

    final int next(int pos) {
      return (pos + 1) & (table.length - 1);
    }

    /** The entry at {@code pos}; 0 when empty. */
    final int entryAt(int pos) {
      return table[pos];
    }

    /** Whether an entry's hash bits are those of mixed hash {@code m}. */
    final boolean tagMatches(int entry, int m) {
      return ((entry ^ m) & ~slotMask) == 0;
    }

    /** The slot of a (non-empty) entry. */
    final int slotOf(int entry) {
      return (entry & slotMask) - 1;
    }

    /** The slot at {@code pos}, or NONE. */
    final int slotAt(int pos) {
      return (table[pos] & slotMask) - 1;
    }

    /** Replaces the slot at an occupied {@code pos} by one with the same key. */
    final void setAt(int pos, int slot) {
      table[pos] = (table[pos] & ~slotMask) | (slot + 1);
    }

    /** Puts {@code slot} at the free {@code pos} that a failed lookup returned. */
    final void insertAt(int pos, int slot) {
      table[pos] = entry(mix(hashOfSlot(slot)), slot);
      if (++count > table.length - (table.length >> 2) - (table.length >> 3)) {
        rehash(table.length << 1);
      }
    }

    private int entry(int m, int slot) {
      return (m & ~slotMask) | (slot + 1);
    }

    /** Empties {@code pos}, moving later entries of its probe run back (no tombstones). */
    final void removeAt(int pos) {
      int hole = pos;
      for (int j = next(pos); table[j] != 0; j = next(j)) {
        int home = home(mix(hashOfSlot(slotOf(table[j]))));
        // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
        boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
        if (!stays) {
          table[hole] = table[j];
          hole = j;
        }
      }
      table[hole] = 0;
      count--;
      if (table.length > 16 && count < (table.length >> 3)) {
        rehash(table.length >> 1);
      }
    }

    final void clear() {
      table = new int[16];
      count = 0;
    }

    /** Re-encodes every entry with {@code bits} bits for slot + 1 (the slots outgrew the old). */
    final void retag(int bits) {
      int[] old = table;
      int oldMask = slotMask;
      slotBits = bits;
      slotMask = bits == 32 ? -1 : (1 << bits) - 1;
      for (int i = 0; i < old.length; i++) {
        if (old[i] != 0) {
          old[i] = (old[i] & oldMask); // slot + 1 alone: rehash below recomputes the hash bits
        }
      }
      table = old;
      rehash(table.length);
    }

    private void rehash(int length) {
      int[] old = table;
      table = new int[length];
      for (int e : old) {
        if (e != 0) {
          int slot = (e & slotMask) - 1;
          int m = mix(hashOfSlot(slot));
          int pos = home(m);
          while (table[pos] != 0) {
            pos = next(pos);
          }
          table[pos] = entry(m, slot);
        }
      }
    }
  }
}
