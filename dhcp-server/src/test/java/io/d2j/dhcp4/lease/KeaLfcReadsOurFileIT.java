package io.d2j.dhcp4.lease;

import static io.d2j.dhcp4.lease.Leases.CLTT;
import static io.d2j.dhcp4.lease.Leases.ip;
import static io.d2j.dhcp4.lease.Leases.lease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.d2j.dhcp4.Octets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kea's own lease file cleanup ({@code kea-lfc}, Debian package kea-common) reads a file this store
 * wrote, applies its updates and deletions, and writes back the same leases; this store then reads
 * Kea's output. Skipped, with the reason, when kea-lfc is not installed.
 */
class KeaLfcReadsOurFileIT {
  private static final Path KEA_LFC = Path.of("/usr/sbin/kea-lfc");
  private static final Clock CLOCK = new Leases.ManualClock(Instant.ofEpochSecond(CLTT));

  @TempDir Path dir;

  @Test
  void keaLfc_readsOurFile_andWeReadItsOutput() throws Exception {
    assumeTrue(Files.isExecutable(KEA_LFC), "kea-lfc not installed (apt-get install kea-common)");
    Path ours = dir.resolve("leases4.csv");
    List<Lease4> expected;
    try (MemfileLeaseStore store = MemfileLeaseStore.open(ours, FsyncPolicy.always(), CLOCK)) {
      for (int n = 1; n <= 20; n++) {
        store.add(lease(n));
      }
      store.update(lease(2).withDns("host,with&comma.example.com", true, true));
      store.update(lease(3).renewed(CLTT + 500, 7200).withState(LeaseState.EXPIRED_RECLAIMED));
      store.update(
          new Lease4(
              ip("10.0.0.4"),
              lease(4).hwaddr(),
              Octets.EMPTY,
              60,
              CLTT,
              7,
              false,
              true,
              "caf\u00e9",
              LeaseState.DEFAULT,
              "{ \"a\": 1, \"b\": [ \"x,y\" ] }"));
      store.delete(ip("10.0.0.5"));
      store.delete(ip("10.0.0.6"));
      store.add(
          new Lease4(
              ip("10.0.0.6"),
              Octets.EMPTY,
              Octets.EMPTY,
              86400,
              CLTT,
              1,
              false,
              false,
              "",
              LeaseState.DECLINED,
              ""));
      expected = store.all();
    }

    // Kea's LFC input is the rotated live file, NAME.1; its result is NAME.2.
    Path base = dir.resolve("kea-leases4.csv");
    Files.copy(ours, dir.resolve("kea-leases4.csv.1"));
    Path config = Files.writeString(dir.resolve("kea-dhcp4.conf"), "{}\n");
    ProcessBuilder pb =
        new ProcessBuilder(
                KEA_LFC.toString(),
                "-4",
                "-p",
                dir.resolve("kea-leases4.csv.pid").toString(),
                "-x",
                base + ".2",
                "-i",
                base + ".1",
                "-o",
                base + ".output",
                "-f",
                base + ".completed",
                "-c",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("kea-lfc.log").toFile());
    pb.environment().put("KEA_LOCKFILE_DIR", dir.toString());
    pb.environment().put("KEA_PIDFILE_DIR", dir.toString());
    Process lfc = pb.start();
    assertThat(lfc.waitFor(30, TimeUnit.SECONDS)).as("kea-lfc finished").isTrue();
    String log = Files.readString(dir.resolve("kea-lfc.log"));
    assertThat(lfc.exitValue()).as(log).isZero();
    assertThat(log).doesNotContainIgnoringCase("error");

    Path keaOutput = dir.resolve("kea-leases4.csv.2");
    Path copy = Files.copy(keaOutput, dir.resolve("from-kea.csv"));
    try (MemfileLeaseStore fromKea = MemfileLeaseStore.open(copy, FsyncPolicy.always(), CLOCK)) {
      assertThat(fromKea.loadReport().warnings()).isEmpty();
      assertThat(fromKea.all()).hasSameSizeAs(expected);
      ObjectMapper json = new ObjectMapper();
      for (int i = 0; i < expected.size(); i++) {
        Lease4 want = expected.get(i);
        Lease4 got = fromKea.all().get(i);
        // Kea re-serialises user context with its own spacing; compare it as JSON.
        assertThat(got.userContext().isEmpty()).isEqualTo(want.userContext().isEmpty());
        if (!want.userContext().isEmpty()) {
          assertThat(json.readTree(got.userContext())).isEqualTo(json.readTree(want.userContext()));
        }
        assertThat(withoutContext(got)).isEqualTo(withoutContext(want));
      }
    }
    // Kea 2.2 escapes only ',' and '&': it writes our escaped "caf&#xc3&#xa9" back as raw UTF-8,
    // which the loader above read back correctly.
    assertThat(Files.readString(keaOutput, StandardCharsets.UTF_8))
        .startsWith(Lease4Csv.HEADER + "\n")
        .contains(",host&#x2cwith&#x26comma.example.com,")
        .contains(",caf\u00e9,");
  }

  private static Lease4 withoutContext(Lease4 l) throws IOException {
    return new Lease4(
        l.address(),
        l.hwaddr(),
        l.clientId(),
        l.validLifetime(),
        l.cltt(),
        l.subnetId(),
        l.fqdnFwd(),
        l.fqdnRev(),
        l.hostname(),
        l.state(),
        "");
  }
}
