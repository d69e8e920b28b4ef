package io.d2j.d2.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One record of a journal segment. Layout (big-endian):
 *
 * <pre>
 *   0  int   length   octets after this field: 4 (crc) + 1 (type) + 8 (seq) + payload
 *   4  int   crc      CRC-32 of the octets from offset 8 to the end of the record
 *   8  byte  type     1 = an accepted NCR, 2 = "NCR seq is done"
 *   9  long  seq      the NCR's sequence number (for DONE, the NCR it completes)
 *  17  ...   payload  NCR: the NCR in Kea's JSON (UTF-8); DONE: empty
 * </pre>
 *
 * <p>The length comes first so that a reader can tell a record cut short by a crash (it runs past
 * the end of the file) from one whose bytes were damaged (the CRC does not match).
 *
 * @param type {@link #NCR} or {@link #DONE}
 * @param seq the sequence number, {@code >= 1}
 * @param json the NCR's Kea JSON; empty for DONE
 */
public record JournalRecord(byte type, long seq, String json) {

  public static final byte NCR = 1;
  public static final byte DONE = 2;
  static final int HEADER = 17;

  /** No NCR is larger than a 64 KiB datagram; anything much larger is a damaged length field. */
  static final int MAX_LENGTH = 4 + 1 + 8 + 4 * 65536;

  public JournalRecord {
    if (type != NCR && type != DONE) {
      throw new IllegalArgumentException("type: must be 1 (NCR) or 2 (DONE), got " + type);
    }
    if (seq < 1) {
      throw new IllegalArgumentException("seq: must be >= 1, got " + seq);
    }
    if (type == DONE && !json.isEmpty()) {
      throw new IllegalArgumentException("json: a DONE record carries no NCR");
    }
  }

  static JournalRecord ncr(long seq, String json) {
    return new JournalRecord(NCR, seq, json);
  }

  static JournalRecord done(long seq) {
    return new JournalRecord(DONE, seq, "");
  }

  /** The whole record, ready to write. */
  ByteBuffer encode() {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
    b.putInt(HEADER - 4 + payload.length).putInt(0).put(type).putLong(seq).put(payload);
    b.putInt(4, crc(b.array(), 8, b.capacity() - 8));
    return b.flip();
  }

  static int crc(byte[] data, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }
}
