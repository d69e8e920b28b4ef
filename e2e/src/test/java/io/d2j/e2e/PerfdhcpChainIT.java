package io.d2j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.KeaD2Server;
import io.d2j.testkit.PerfdhcpReport;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Type;

/**
 * The chain without root: perfdhcp, as a relay on 127.0.0.1, plays {@value #CLIENTS} clients of
 * d2j-dhcp4, which sends its NCRs to a D2 (d2j's or Kea's) in front of a real BIND, all on the
 * JVM's loopback. Every REQUEST perfdhcp sent is acknowledged in the lease file, every lease ends
 * with its A, DHCID and PTR, and the forward zone holds exactly one generated name per lease.
 */
@Timeout(180)
class PerfdhcpChainIT {
  static final Path PERFDHCP = Path.of("/usr/sbin/perfdhcp");
  private static final int CLIENTS = 50;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  enum D2Seat {
    D2J,
    KEA
  }

  @ParameterizedTest
  @EnumSource(D2Seat.class)
  void perfdhcpClients_everyLeaseGetsItsRecords(D2Seat seat) throws Exception {
    BindServer.assumeAvailable();
    assumeTrue(Files.isExecutable(PERFDHCP), "perfdhcp not installed (kea-admin)");
    if (seat == D2Seat.KEA) {
      KeaD2Server.assumeAvailable();
    }
    int d2Port = Ports.freeUdpPort();
    int serverPort = Ports.freeUdpPort();
    int clientPort = Ports.freeUdpPort();
    Path d2Dir = Files.createDirectories(dir.resolve("d2"));
    Path dhcpDir = Files.createDirectories(dir.resolve("dhcp4"));
    try (BindServer bind = BindServer.start(TestKey.random("d2j-e2e-key.", "HMAC-SHA256"));
        Daemon d2 =
            seat == D2Seat.D2J
                ? Daemon.d2jD2(null, d2Dir, ChainConfigs.d2(bind, d2Port))
                : Daemon.keaD2(null, ChainConfigs.d2(bind, d2Port));
        Daemon dhcp =
            Daemon.d2jDhcp4(
                null,
                dhcpDir,
                ChainConfigs.dhcp4Loopback(dhcpDir, d2Port),
                List.of("-p", Integer.toString(serverPort), "-P", Integer.toString(clientPort)))) {
      long start = System.nanoTime();
      PerfdhcpReport report = perfdhcp(serverPort, clientPort);
      assertThat(report.requests()).as("REQUESTs perfdhcp sent (it got OFFERs)").isPositive();
      // perfdhcp stops waiting 1 s after its last packet; a server behind it (a cold JVM on a
      // loaded host) still has REQUESTs queued then. Their leases, and their records, come later:
      // read the file once it holds a row for every REQUEST sent (each ACK appends one, a repeat
      // client's too: perfdhcp draws its clients at random, so some come twice), or the zone
      // below would hold more names than the leases read.
      Path file = dhcpDir.resolve("leases4.csv");
      int atExit = ChainRecords.leases(file).size();
      Await.until(
          WAIT,
          "a row in " + file + " for each of perfdhcp's " + report.requests() + " REQUESTs",
          () -> rows(file) >= report.requests());
      assertThat(rows(file)).as("one row per REQUEST, no more").isEqualTo(report.requests());
      List<ChainRecords.Lease> leases = ChainRecords.leases(file);
      for (ChainRecords.Lease lease : leases) {
        Await.until(
            WAIT,
            "A, DHCID and PTR of " + lease.fqdn(),
            () -> ChainRecords.allPresent(bind, lease.fqdn(), lease.address()));
      }
      System.out.printf(
          "E2E %s[%s]: %d leases (%d written when perfdhcp exited; %s), all records present %d"
              + " ms after perfdhcp started%n",
          getClass().getSimpleName(),
          seat,
          leases.size(),
          atExit,
          report,
          Duration.ofNanos(System.nanoTime() - start).toMillis());
      for (ChainRecords.Lease lease : leases) {
        assertThat(lease.fqdn())
            .isEqualTo("perf-" + lease.address().replace('.', '-') + "." + ChainConfigs.SUFFIX);
        ChainRecords.assertRecords(
            bind, lease.fqdn(), lease.address(), ChainRecords.dhcidOf(lease));
      }
      long generated =
          bind.axfr(TestZones.FORWARD).stream()
              .filter(r -> r.getType() == Type.A && r.getName().toString().startsWith("perf-"))
              .count();
      assertThat(generated).as("A records of generated names").isEqualTo(leases.size());
      assertThat(dhcp.isAlive()).isTrue();
    }
  }

  /** Data rows of the lease file (every line but the header). */
  private static long rows(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count() - 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@value #CLIENTS} DORA exchanges at 50/s; -W: wait 1 s for the last ones to finish. */
  private static PerfdhcpReport perfdhcp(int serverPort, int clientPort)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                PERFDHCP.toString(),
                "-4",
                "-r",
                "50",
                "-n",
                Integer.toString(CLIENTS),
                "-R",
                Integer.toString(CLIENTS),
                "-W",
                "1000000",
                "-l",
                "127.0.0.1",
                "-L",
                Integer.toString(clientPort),
                "-N",
                Integer.toString(serverPort),
                "127.0.0.1")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("perfdhcp finished").isTrue();
    // 3: some exchanges unanswered (perfdhcp's own accounting); the leases are what counts.
    assertThat(p.exitValue()).as("perfdhcp exit status; output:\n" + out).isIn(0, 3);
    assertThat(out).contains("***Statistics for: REQUEST-ACK***");
    return PerfdhcpReport.parse(out);
  }
}
