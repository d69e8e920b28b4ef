package io.d2j.d2.journal;

import java.nio.file.Path;

/**
 * One segment file of the journal: every NCR sequence number in it is {@code >= firstSeq} and
 * smaller than the next segment's {@code firstSeq}. Its name is {@code firstSeq} in 20 digits, so
 * that names sort like numbers.
 */
final class Segment {

  static final String SUFFIX = ".seg";

  final long firstSeq;
  final Path file;

  /** Where the sound records end: everything before is durable (or was, at open). */
  volatile long end;

  /** NCRs in this segment not yet done. Guarded by the journal's lock. */
  int live;

  /** True once no record will be appended any more. Guarded by the journal's lock. */
  boolean sealed;

  Segment(long firstSeq, Path dir) {
    this.firstSeq = firstSeq;
    this.file = dir.resolve(name(firstSeq));
  }

  /**
   * {@code 00000000000000000007.seg}: the first sequence number in 20 digits. Padded by hand, not
   * with {@code String.format}, whose first use loads the JDK's locale data (issue 14: the journal
   * is opened before the D2 serves).
   */
  static String name(long firstSeq) {
    if (firstSeq < 0) {
      throw new IllegalArgumentException("firstSeq: negative (" + firstSeq + ")");
    }
    String digits = Long.toString(firstSeq);
    return "0".repeat(20 - digits.length()) + digits + SUFFIX;
  }

  /** The first sequence number a file name stands for, or -1 when it is no segment's name. */
  static long parseName(String name) {
    if (name.length() != 20 + SUFFIX.length() || !name.endsWith(SUFFIX)) {
      return -1;
    }
    for (int i = 0; i < 20; i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(name.substring(0, 20));
  }
}
