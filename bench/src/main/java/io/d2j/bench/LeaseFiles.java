package io.d2j.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Lease files for the memory runs: Kea 2.2's lease4 CSV with {@code n} leases as a DDNS setup has
 * them, read by kea-dhcp4 and d2j-dhcp4 alike. Lease i: address 10.0.0.10 + i in {@link
 * DhcpImpl#config}'s subnet 1, hardware address 02:00 + i, client id 01 + that, lifetime 4000 s of
 * which 1000 have passed, forward and reverse DNS done for {@code host-i.example.org}.
 */
final class LeaseFiles {
  static final String HEADER =
      "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,"
          + "user_context";

  private LeaseFiles() {}

  /** Writes the {@code n}-lease file to {@code file}; {@code now} in unix seconds. */
  static Path write(Path file, int n, long now) throws IOException {
    if (n < 0 || n > 262_000) {
      throw new IllegalArgumentException("leases: " + n + " is outside the pool's 0-262000");
    }
    long expire = now + 3000;
    long first = (10L << 24) + 10;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      out.write(HEADER);
      out.write('\n');
      for (int i = 0; i < n; i++) {
        long a = first + i;
        String mac =
            String.format(
                Locale.ROOT,
                "02:00:%02x:%02x:%02x:%02x",
                i >>> 24,
                (i >>> 16) & 0xff,
                (i >>> 8) & 0xff,
                i & 0xff);
        out.write(
            String.format(
                Locale.ROOT,
                "%d.%d.%d.%d,%s,01:%s,4000,%d,1,1,1,host-%d.example.org,0,%n",
                a >>> 24,
                (a >>> 16) & 0xff,
                (a >>> 8) & 0xff,
                a & 0xff,
                mac,
                mac,
                expire,
                i));
      }
    }
    return file;
  }
}
