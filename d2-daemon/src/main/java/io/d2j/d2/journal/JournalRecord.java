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
 *   8  byte  type     1 = an accepted NCR, 3 = an accepted NCR with its time, 2 = "NCR seq is done"
 *   9  long  seq      the NCR's sequence number (for DONE, the NCR it completes)
 *  17  ...   payload  NCR: the NCR in Kea's JSON (UTF-8)
 *                     NCR_AT: acceptance time (long, milliseconds since the epoch), then the JSON
 *                     DONE: empty
 * </pre>
 *
 * <p>The daemon writes NCR_AT, so that a restart keeps each NCR's age (the retry limit and {@code
 * d2j-queue-get}'s oldest-age count from the first receipt, not from the replay); NCR records
 * (written before the time was kept) still read, as NCRs of unknown age.
 *
 * <p>The length comes first so that a reader can tell a record cut short by a crash (it runs past
 * the end of the file) from one whose bytes were damaged (the CRC does not match).
 *
 * @param type {@link #NCR}, {@link #NCR_AT} or {@link #DONE}
 * @param seq the sequence number, {@code >= 1}
 * @param acceptedAtMillis for NCR_AT, when the NCR was accepted (epoch milliseconds); otherwise
 *     {@link #UNKNOWN_TIME}
 * @param json the NCR's Kea JSON; empty for DONE
 */
public record JournalRecord(byte type, long seq, long acceptedAtMillis, String json) {

  public static final byte NCR = 1;
  public static final byte DONE = 2;
  public static final byte NCR_AT = 3;
  public static final long UNKNOWN_TIME = -1;
  static final int HEADER = 17;

  /** No NCR is larger than a 64 KiB datagram; anything much larger is a damaged length field. */
  static final int MAX_LENGTH = 4 + 1 + 8 + 8 + 4 * 65536;

  public JournalRecord {
    if (type != NCR && type != DONE && type != NCR_AT) {
      throw new IllegalArgumentException(
          "type: must be 1 (NCR), 2 (DONE) or 3 (NCR_AT), got " + type);
    }
    if (seq < 1) {
      throw new IllegalArgumentException("seq: must be >= 1, got " + seq);
    }
    if (type == DONE && !json.isEmpty()) {
      throw new IllegalArgumentException("json: a DONE record carries no NCR");
    }
    if ((type == NCR_AT) != (acceptedAtMillis >= 0)) {
      throw new IllegalArgumentException(
          "acceptedAtMillis: required for NCR_AT (>= 0) and only there, got "
              + acceptedAtMillis
              + " for type "
              + type);
    }
  }

  /** An accepted NCR whose acceptance time is not known. */
  static JournalRecord ncr(long seq, String json) {
    return new JournalRecord(NCR, seq, UNKNOWN_TIME, json);
  }

  /** An accepted NCR and when it was accepted. */
  static JournalRecord ncrAt(long seq, long acceptedAtMillis, String json) {
    return new JournalRecord(NCR_AT, seq, acceptedAtMillis, json);
  }

  /** True for both kinds of NCR record. */
  boolean isNcr() {
    return type == NCR || type == NCR_AT;
  }

  static JournalRecord done(long seq) {
    return new JournalRecord(DONE, seq, UNKNOWN_TIME, "");
  }

  /** The whole record, ready to write. */
  ByteBuffer encode() {
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    int payload = (type == NCR_AT ? 8 : 0) + text.length;
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload);
    b.putInt(HEADER - 4 + payload).putInt(0).put(type).putLong(seq);
    if (type == NCR_AT) {
      b.putLong(acceptedAtMillis);
    }
    b.put(text);
    b.putInt(4, crc(b.array(), 8, b.capacity() - 8));
    return b.flip();
  }

  static int crc(byte[] data, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }
}
