package io.d2j.dhcp4.lease;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays lease4 files into a store (spec §5.2: the last row for an address wins, valid_lifetime 0
 * deletes), skipping unreadable rows with a warning each, as Kea's loader does.
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
    String text;
    try {
      text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LeaseStoreException(path + ": cannot read: " + e.getMessage(), e);
    }
    return load(path, text);
  }

  /** Replays {@code text}, read from {@code path} (named in warnings and errors). */
  boolean load(Path path, String text) {
    if (text.isEmpty()) {
      return true;
    }
    String[] lines = text.split("\n", -1);
    // The text after the last newline: "" for a file that ends cleanly, else a torn row.
    int complete = lines.length - 1;
    boolean torn = !lines[complete].isEmpty();
    int columns;
    try {
      columns = Lease4Csv.parseHeader(lines[0]);
    } catch (IllegalArgumentException e) {
      throw new LeaseStoreException(path + ":1: not a lease4 file: " + e.getMessage(), e);
    }
    if (complete == 0) {
      // Only a header, and no newline after it.
      return false;
    }
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      boolean last = i == complete;
      if (line.isEmpty() && i == complete) {
        break;
      }
      rows++;
      try {
        LeaseFileRow row = Lease4Csv.parse(line, columns);
        if (row instanceof LeaseFileRow.Upsert upsert) {
          into.put(upsert.lease());
        } else {
          into.delete(row.address());
        }
      } catch (IllegalArgumentException e) {
        String reason = last ? "torn last line (no newline at the end of the file): " : "";
        warnings.add(path + ":" + (i + 1) + ": " + reason + e.getMessage() + "; row skipped");
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
