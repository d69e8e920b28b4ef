package io.d2j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.testkit.Await;
import io.d2j.testkit.BindServer;
import io.d2j.testkit.Ports;
import io.d2j.testkit.TestKey;
import io.d2j.testkit.TestZones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * d2j-lease-event against the real d2j D2 and BIND on the JVM's 127.0.0.1 (no root needed): the
 * events a DHCP server's hook would give, by hand, and what BIND then holds. The real servers in
 * network namespaces are the {@code *FrontendIT} tests.
 */
@Timeout(180)
class LeaseEventLoopbackIT {
  private static final Duration DNS_WAIT = Duration.ofSeconds(30);
  private static final String MAC = "02:00:5e:00:12:31";

  @TempDir Path dir;

  private Path helper;
  private Path state;
  private int d2Port;

  @BeforeEach
  void setUp() throws IOException {
    BindServer.assumeAvailable();
    LeaseEventHelper.assumeBuilt();
    helper = LeaseEventHelper.install(dir);
    state = LeaseEventHelper.stateDir(dir, null);
    d2Port = Ports.freeUdpPort();
  }

  private String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(helper.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment()
        .putAll(
            Map.of(
                "D2J_NCR_SERVER",
                "127.0.0.1:" + d2Port,
                "D2J_QUALIFYING_SUFFIX",
                "example.org",
                "D2J_FRONTEND_STATE_DIR",
                state.toString(),
                "DNSMASQ_TIME_REMAINING",
                "3600"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    return out;
  }

  @Test
  void addRenewRelease_recordsAppear_renewalChangesNothing_releaseRemovesThem() throws Exception {
    try (BindServer bind = BindServer.start(TestKey.random("d2j-e2e-key.", "HMAC-SHA256"));
        Daemon d2 = d2(bind)) {
      run("add", MAC, "192.0.2.31", "Lease-Event");
      String name = "lease-event.example.org.";
      Await.until(
          DNS_WAIT,
          "A, DHCID, PTR of " + name,
          () -> ChainRecords.allPresent(bind, name, "192.0.2.31"));
      ChainRecords.assertRecords(
          bind, name, "192.0.2.31", ChainRecords.dhcidOfHwAddress(MAC, name));
      long serial = ChainRecords.serial(bind, TestZones.FORWARD);
      run("old", MAC, "192.0.2.31", "Lease-Event");
      run("add", MAC, "192.0.2.31", "Lease-Event");
      // Nothing was sent, so nothing can arrive late: the serial stays.
      assertThat(ChainRecords.serial(bind, TestZones.FORWARD)).isEqualTo(serial);
      run("del", MAC, "192.0.2.31");
      Await.until(
          DNS_WAIT,
          "records of " + name + " removed",
          () -> ChainRecords.allGone(bind, name, "192.0.2.31"));
    }
  }

  @Test
  void d2StoppedDuringTheLease_spooled_drainAfterItsRestartAddsTheRecords() throws Exception {
    try (BindServer bind = BindServer.start(TestKey.random("d2j-e2e-key.", "HMAC-SHA256"))) {
      Path d2Dir = Files.createDirectories(dir.resolve("d2"));
      Daemon.d2jD2(null, d2Dir, ChainConfigs.d2(bind, d2Port)).close();
      String out = run("add", "02:00:5e:00:12:32", "192.0.2.32", "spooled");
      assertThat(out).contains("D2J_FRONTEND_D2_UNREACHABLE");
      assertThat(LeaseEventHelper.spooled(state)).hasSize(1);
      try (Daemon d2 = Daemon.d2jD2(null, d2Dir, ChainConfigs.d2(bind, d2Port))) {
        assertThat(run("drain")).contains("1 delivered, 0 still spooled");
        String name = "spooled.example.org.";
        Await.until(
            DNS_WAIT,
            "records of " + name,
            () -> ChainRecords.allPresent(bind, name, "192.0.2.32"));
        ChainRecords.assertRecords(
            bind,
            name,
            "192.0.2.32",
            Dhcid.fromHwAddress(
                1, HexFormat.ofDelimiter(":").parseHex("02:00:5e:00:12:32"), Fqdn.of(name)));
        assertThat(LeaseEventHelper.spooled(state)).isEmpty();
      }
    }
  }

  private Daemon d2(BindServer bind) throws IOException {
    Path d2Dir = Files.createDirectories(dir.resolve("d2"));
    return Daemon.d2jD2(null, d2Dir, ChainConfigs.d2(bind, d2Port));
  }
}
