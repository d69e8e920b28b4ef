package io.d2j.keacontrol.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.rolling.TriggeringPolicyBase;
import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rolls a file output over once the bytes written to it reach {@code maxsize}, checked before every
 * line as log4cplus does, but counted as the lines are encoded ({@link #encoder}) instead of asking
 * the file system for the file's length on every line (Logback's size policy costs a {@code stat}
 * per line, a visible share of the D2's per-NCR INFO line). The count starts from the file's length
 * at the first line, since an output appends to what an earlier run left.
 *
 * <p>Lines are encoded on the logging threads, outside the appender's lock: the count is atomic.
 */
final class WrittenSizeTrigger extends TriggeringPolicyBase<ILoggingEvent> {

  private final long maxSize;

  /** Bytes in the active file; -1 until the first line reads its length. */
  private final AtomicLong written = new AtomicLong(-1);

  WrittenSizeTrigger(long maxSize) {
    if (maxSize <= 0) {
      throw new IllegalArgumentException("maxSize: must be positive, got " + maxSize);
    }
    this.maxSize = maxSize;
  }

  /** Called by the appender, under its lock on this policy, before it writes {@code event}. */
  @Override
  public boolean isTriggeringEvent(File activeFile, ILoggingEvent event) {
    if (written.get() < 0) {
      written.compareAndSet(-1, activeFile.length());
    }
    if (written.get() >= maxSize) {
      // The appender rolls over now: the next line starts an empty file.
      written.set(0);
      return true;
    }
    return false;
  }

  /** {@code inner}, adding the size of every line it encodes to this policy's count. */
  Encoder<ILoggingEvent> counting(Encoder<ILoggingEvent> inner) {
    return new EncoderBase<>() {
      @Override
      public byte[] headerBytes() {
        return inner.headerBytes();
      }

      @Override
      public byte[] encode(ILoggingEvent event) {
        byte[] line = inner.encode(event);
        written.getAndUpdate(n -> n < 0 ? n : n + line.length);
        return line;
      }

      @Override
      public byte[] footerBytes() {
        return inner.footerBytes();
      }
    };
  }
}
