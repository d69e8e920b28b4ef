package io.d2j.dhcp4.lease;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Jazzer target: any file found where the lease file should be is replayed as the memfile store
 * replays it at start-up (from its text: the file read is not what is fuzzed) ({@link
 * LeaseFileLoader}, no limit on unreadable rows). Unreadable rows are skipped with a warning; a
 * file that is not a lease4 file fails with {@link LeaseStoreException}; nothing else may come out.
 * Seeds: Kea 2.2 files with escaped hostnames and user context, a deletion row, an older schema, a
 * torn last line.
 */
class LeaseFileFuzzTarget {
  private static final Path FILE = Path.of("/var/lib/kea/kea-leases4.csv");

  @FuzzTest(maxDuration = "30s")
  void load(byte[] content) {
    // The text as the loader decodes the file (UTF-8, malformed bytes replaced), no file involved.
    String text = new String(content, StandardCharsets.UTF_8);
    try {
      new LeaseFileLoader(new InMemoryLeaseStore(), 0).load(FILE, text);
    } catch (LeaseStoreException e) {
      // A file that is not a lease4 file: the store refuses to start, naming the file.
      if (!e.getMessage().startsWith(FILE.toString())) {
        throw new AssertionError("error does not name the file: " + e.getMessage(), e);
      }
    }
  }
}
