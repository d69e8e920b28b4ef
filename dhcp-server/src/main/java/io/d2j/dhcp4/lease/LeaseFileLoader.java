package io.d2j.dhcp4.lease;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays lease4 files into a store (spec §5.2: the last row for an address wins, valid_lifetime 0
 * deletes), skipping unreadable rows with a warning each, as Kea's loader does. A file is read a
 * line at a time (UTF-8, malformed octets replaced; only {@code \n} ends a line), never whole.
 */
final class LeaseFileLoader {
  private final InMemoryLeaseStore into;
  private final int maxRowErrors;
  private final List<String> files = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private int rows;

  LeaseFileLoader(InMemoryLeaseStore into, int maxRowErrors) {
    this.into = into;
    this.maxRowErrors = maxRowErrors;
  }

  /** Replays {@code path}; returns false when it must be rewritten before appending to it. */
  boolean load(Path path) {
    files.add(path.toString());
    // InputStreamReader with a Charset replaces malformed input, as new String(bytes, UTF_8) does.
    try (Reader in = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8)) {
      return load(path, in);
    } catch (IOException | UncheckedIOException e) {
      throw new LeaseStoreException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Replays {@code text}, read from {@code path} (named in warnings and errors). */
  boolean load(Path path, String text) {
    try {
      return load(path, new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }

  private boolean load(Path path, Reader in) throws IOException {
    Lines lines = new Lines(in);
    String header = lines.next();
    if (header == null) {
      return true; // an empty file
    }
    int columns;
    try {
      columns = Lease4Csv.parseHeader(header);
    } catch (IllegalArgumentException e) {
      throw new LeaseStoreException(path + ":1: not a lease4 file: " + e.getMessage(), e);
    }
    if (!lines.endedWithNewline()) {
      return false; // only a header, and no newline after it
    }
    int lineNumber = 1;
    boolean torn = false;
    for (String line = lines.next(); line != null; line = lines.next()) {
      lineNumber++;
      torn = !lines.endedWithNewline();
      rows++;
      try {
        LeaseFileRow row = Lease4Csv.parse(line, columns);
        if (row instanceof LeaseFileRow.Upsert upsert) {
          into.put(upsert.lease());
        } else {
          into.delete(row.address());
        }
      } catch (IllegalArgumentException e) {
        String reason = torn ? "torn last line (no newline at the end of the file): " : "";
        warnings.add(path + ":" + lineNumber + ": " + reason + e.getMessage() + "; row skipped");
        if (maxRowErrors > 0 && warnings.size() > maxRowErrors) {
          throw new LeaseStoreException(
              path
                  + ": more than "
                  + maxRowErrors
                  + " unreadable rows (max-row-errors); last: "
                  + warnings.get(warnings.size() - 1));
        }
      }
    }
    return !torn && columns == Lease4Csv.COLUMNS.size();
  }

  /**
   * The lines of a reader split on {@code \n} alone; an empty piece after the last newline is no
   * line, any other text after it is a last line without a newline.
   */
  private static final class Lines {
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int end;
    private boolean newline;

    Lines(Reader in) {
      this.in = in;
    }

    /** The next line without its newline, or null at the end. */
    String next() throws IOException {
      line.setLength(0);
      while (true) {
        if (pos == end) {
          end = in.read(buf, 0, buf.length);
          pos = 0;
          if (end <= 0) {
            end = 0;
            newline = false;
            return line.length() == 0 ? null : line.toString();
          }
        }
        int start = pos;
        while (pos < end && buf[pos] != '\n') {
          pos++;
        }
        line.append(buf, start, pos - start);
        if (pos < end) {
          pos++; // the newline
          newline = true;
          return line.toString();
        }
      }
    }

    /** Whether the line {@link #next} returned last ended with a newline. */
    boolean endedWithNewline() {
      return newline;
    }
  }

  List<String> files() {
    return files;
  }

  List<String> warnings() {
    return warnings;
  }

  int rows() {
    return rows;
  }
}
