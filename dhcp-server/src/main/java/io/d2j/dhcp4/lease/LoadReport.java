package io.d2j.dhcp4.lease;

import java.util.List;

/**
 * What loading the lease files found.
 *
 * @param files the files read, in replay order
 * @param rows data rows read (valid or not)
 * @param leases leases in the store after replay
 * @param warnings one line per skipped row or repaired file, {@code file:line: reason}
 * @param compacted whether the files were rewritten at start (Kea LFC leftovers, another schema, or
 *     a torn last line)
 */
public record LoadReport(
    List<String> files, int rows, int leases, List<String> warnings, boolean compacted) {
  public LoadReport {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }
}
