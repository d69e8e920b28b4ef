package io.d2j.d2.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads one segment file record by record, with read-ahead. Tells the three ways a record can be
 * unreadable apart: cut short (its length runs past {@code limit}: a write the crash interrupted),
 * implausible length (nothing after it can be trusted) and CRC mismatch (damaged in place; the
 * length still says where the next record starts).
 */
final class SegmentReader implements AutoCloseable {

  sealed interface Result permits Read, Damaged, Torn, End {}

  /** A sound record ending at {@code end}. */
  record Read(JournalRecord record, long end) implements Result {}

  /** A record at {@code offset} whose CRC does not match; the next one starts at {@code next}. */
  record Damaged(long offset, long next) implements Result {}

  /** At {@code offset} the segment stops making sense: cut short or a damaged length. */
  record Torn(long offset, String reason) implements Result {}

  /** Exactly at {@code limit}. */
  record End() implements Result {}

  private final FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
  private long bufStart;
  private long position;

  SegmentReader(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    buf.limit(0);
  }

  long position() {
    return position;
  }

  Result next(long limit) throws IOException {
    long at = position;
    if (at >= limit) {
      return new End();
    }
    if (limit - at < 4) {
      return new Torn(at, "length field cut short");
    }
    ByteBuffer b = window(at, 4);
    int length = b.getInt(b.position());
    if (length < JournalRecord.HEADER - 4 || length > JournalRecord.MAX_LENGTH) {
      return new Torn(at, "implausible record length " + length);
    }
    long end = at + 4 + length;
    if (end > limit) {
      return new Torn(at, "record of " + (4 + length) + " octets cut short at " + (limit - at));
    }
    b = window(at, 4 + length);
    int p = b.position();
    byte[] rec = new byte[length];
    b.get(p + 4, rec);
    position = end;
    int crc = b.getInt(p + 4);
    if (JournalRecord.crc(rec, 4, length - 4) != crc) {
      return new Damaged(at, end);
    }
    byte type = rec[4];
    long seq = ByteBuffer.wrap(rec, 5, 8).getLong();
    if ((type != JournalRecord.NCR && type != JournalRecord.DONE && type != JournalRecord.NCR_AT)
        || seq < 1
        || (type == JournalRecord.DONE && length != JournalRecord.HEADER - 4)
        || (type == JournalRecord.NCR_AT && length < JournalRecord.HEADER - 4 + 8)) {
      return new Damaged(at, end);
    }
    long acceptedAt = JournalRecord.UNKNOWN_TIME;
    int text = 13;
    if (type == JournalRecord.NCR_AT) {
      acceptedAt = ByteBuffer.wrap(rec, 13, 8).getLong();
      text = 21;
      if (acceptedAt < 0) {
        return new Damaged(at, end);
      }
    }
    String json = new String(rec, text, length - text, StandardCharsets.UTF_8);
    return new Read(new JournalRecord(type, seq, acceptedAt, json), end);
  }

  /** The buffer positioned at file offset {@code at} with at least {@code n} octets after it. */
  private ByteBuffer window(long at, int n) throws IOException {
    if (at < bufStart || at + n > bufStart + buf.limit()) {
      ByteBuffer target = n > buf.capacity() ? ByteBuffer.allocate(n) : buf;
      target.clear();
      long pos = at;
      while (target.hasRemaining()) {
        int r = channel.read(target, pos);
        if (r < 0) {
          break;
        }
        pos += r;
      }
      target.flip();
      if (target.limit() < n) {
        throw new IOException("segment shorter than its known length at offset " + at);
      }
      if (target != buf) {
        return target;
      }
      bufStart = at;
    }
    return buf.position((int) (at - bufStart));
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
