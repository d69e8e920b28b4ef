package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * {@code kill -9} of a real {@code bin/d2j-dhcp-ddns} process in the middle of a 10,000-NCR run,
 * then a restart on the same journal: every NCR applied, and the zones hold exactly what the NCRs
 * ask for (the ADDs replayed for names already written change nothing). Needs {@code mvn package}
 * first (failsafe runs after it). LONG: about 30 s.
 */
class KillRestartIT {

  @TempDir Path dir;
  private BindServer bind;
  private Process daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.destroyForcibly();
    }
    if (bind != null) {
      bind.close();
    }
  }

  private Process startDaemon(Path config, Path log) throws IOException {
    Path root = Path.of(System.getProperty("d2j.root", "."));
    ProcessBuilder pb =
        new ProcessBuilder(root.resolve("bin/d2j-dhcp-ddns").toString(), "-c", config.toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("D2J_STATE_DIR", dir.resolve("state").toString());
    Process p = pb.start();
    Await.until(
        Duration.ofSeconds(30),
        "d2j-dhcp-ddns started (log " + log + ")",
        () -> {
          if (!p.isAlive()) {
            throw new IllegalStateException("d2j-dhcp-ddns exited: " + read(log));
          }
          return read(log).contains("DHCP_DDNS_STARTED");
        });
    return p;
  }

  private static boolean idle(ControlClient control) {
    com.fasterxml.jackson.databind.JsonNode b = control.command("d2j-queue-get").get("arguments");
    return b.get("queued").asLong() == 0
        && b.get("in-flight").asLong() == 0
        && b.get("waiting-for-retry").asLong() == 0
        && b.get("journaled").asLong() == 0;
  }

  private static long statistic(ControlClient control, String name) {
    return control
        .command("statistic-get", "{\"name\": \"" + name + "\"}")
        .path("arguments")
        .path(name)
        .path(0)
        .path(0)
        .asLong(-1);
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** LONG (10,000 NCRs, two daemon starts). */
  @Test
  void killNineMidRun_thenRestart_everyAcceptedNcrAppliedOnce() throws Exception {
    BindServer.assumeAvailable();
    bind = BindServer.start();
    int port = Ports.freeUdpPort();
    Path config = dir.resolve("d2.json");
    Path socket = dir.resolve("d2.sock");
    Files.writeString(
        config,
        D2Harness.keaConfig(port, bind, bind.key(), 2000)
            .replace(
                "\"DhcpDdns\": {",
                "\"DhcpDdns\": { \"control-socket\": {\"socket-type\": \"unix\","
                    + " \"socket-name\": \""
                    + socket
                    + "\"},"));
    ControlClient control = new ControlClient(socket);
    Burst burst = new Burst("kill", 2, 10_000);

    daemon = startDaemon(config, dir.resolve("run1.log"));
    // Paced to 2,000 ahead of what the daemon accepted: this test is about kill -9 and the
    // journal, not the kernel's buffer (ColdBurstIT and the bench's cold rows are). Sent back to
    // back into a daemon just started, 2,120 of 10,000 were dropped by the kernel at load 12.
    burst.sendPaced(
        port,
        2_000,
        () -> {
          try {
            return statistic(control, "ncr-received");
          } catch (Exception e) {
            return 0; // not answering yet: wait
          }
        });
    // Every datagram received, i.e. accepted one group commit later.
    java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    try {
      Await.until(
          Duration.ofSeconds(30),
          "10,000 NCRs received",
          () -> {
            received.set(statistic(control, "ncr-received"));
            return received.get() == 10_000;
          });
    } catch (AssertionError e) {
      throw new AssertionError("ncr-received stays at " + received.get(), e);
    }
    // Mid-run: a tenth applied (the queue runs roughly in order), far from all.
    Await.until(
        Duration.ofSeconds(60),
        "NCR 1000 applied",
        () -> !bind.query(burst.name(1000), Type.AAAA).isEmpty());
    daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
    assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).isEqualTo(137);
    int appliedBeforeKill = burst.forwardCount(bind);
    assertThat(appliedBeforeKill).as("killed in the middle of the run").isBetween(1, 9_999);

    daemon = startDaemon(config, dir.resolve("run2.log"));
    String run2 = read(dir.resolve("run2.log"));
    assertThat(run2)
        .contains("DHCP_DDNS_JOURNAL_OPENED " + dir.resolve("state").resolve("d2.json.journal"));
    // A cheap probe first (the queue runs roughly in order), then the AXFR count.
    Await.until(
        Duration.ofSeconds(90),
        "the last NCR applied",
        () -> !bind.query(burst.name(9_999), Type.AAAA).isEmpty());
    Await.until(
        Duration.ofSeconds(30),
        "all 10,000 names in the forward zone",
        () -> burst.forwardCount(bind) == 10_000);
    // A name's forward record lands before its PTR: compare the zones only once the daemon has
    // nothing left, in memory or in the journal.
    Await.until(
        Duration.ofSeconds(60), "the daemon idle with an empty journal", () -> idle(control));
    assertThat(statistic(control, "ncr-received")).isZero();
    burst.assertApplied(bind);
    System.out.printf(
        "KillRestartIT: %d applied before kill -9; the restart replayed the rest%n",
        appliedBeforeKill);
  }
}
