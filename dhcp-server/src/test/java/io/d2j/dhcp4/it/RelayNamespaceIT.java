package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real relay agent: ISC {@code dhcrelay -a} between a dhclient and {@code bin/d2j-dhcp4}, each in
 * a network namespace of its own, adds option 82 with the circuit-id of the interface the query
 * came in on. The server finds the host reservation by that circuit-id and puts the client in the
 * class whose test is {@code relay4[1].hex}; the reply goes back through the relay.
 *
 * <pre>
 *  client ns: dhclient on c ── veth ── relay ns: rd 192.0.2.1 | ru 10.1.0.2 ── veth ── server ns: s 10.1.0.1
 * </pre>
 *
 * Needs root, iproute2, dhclient and dhcrelay (Debian isc-dhcp-client, isc-dhcp-relay; installed by
 * scripts/install-deps.sh); skipped with the reason otherwise.
 */
class RelayNamespaceIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Path DHCRELAY = Path.of("/usr/sbin/dhcrelay");
  private static final Path DHCLIENT = Path.of("/sbin/dhclient");

  @TempDir Path dir;

  private final String tag = Integer.toString(ThreadLocalRandom.current().nextInt(0x10000), 16);

  /** The relay's client-side interface: its name is the circuit-id dhcrelay sends. */
  private final String downstream = "rd" + tag;

  private final List<NetworkNamespace> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    Path pid = dir.resolve("dhclient.pid");
    if (Files.exists(pid)) {
      String text = Files.readString(pid, StandardCharsets.US_ASCII).trim();
      if (!text.isEmpty()) {
        ProcessHandle.of(Long.parseLong(text)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    namespaces.forEach(NetworkNamespace::close);
  }

  @Test
  void clientBehindARealRelay_matchedByCircuitId_getsItsReservationAndClass() throws Exception {
    NetworkNamespace.assumeAvailable();
    assumeTrue(
        Files.isExecutable(DHCRELAY), "dhcrelay not installed (apt-get install isc-dhcp-relay)");
    assumeTrue(
        Files.isExecutable(DHCLIENT), "dhclient not installed (apt-get install isc-dhcp-client)");
    NetworkNamespace server = namespace("d2j-rsrv");
    NetworkNamespace relay = namespace("d2j-rly");
    NetworkNamespace client = namespace("d2j-rcli");
    String up = "ru" + tag;
    String serverIf = "s" + tag;
    String clientIf = "c" + tag;
    relay.ip("link", "add", up, "type", "veth", "peer", "name", serverIf, "netns", server.name());
    relay.ip(
        "link",
        "add",
        downstream,
        "type",
        "veth",
        "peer",
        "name",
        clientIf,
        "netns",
        client.name());
    relay.ip("addr", "add", "10.1.0.2/24", "dev", up);
    relay.ip("addr", "add", "192.0.2.1/24", "dev", downstream);
    relay.ip("link", "set", up, "up");
    relay.ip("link", "set", downstream, "up");
    server.ip("addr", "add", "10.1.0.1/24", "dev", serverIf);
    server.ip("link", "set", serverIf, "up");
    // Replies to the relay's giaddr go back through it.
    server.ip("route", "add", "192.0.2.0/24", "via", "10.1.0.2");
    client.ip("link", "set", clientIf, "up");

    Path config = dir.resolve("kea-dhcp4.json");
    String circuitHex = hex(downstream);
    Files.writeString(
        config,
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["%s"]},
          "valid-lifetime": 4000,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "host-reservation-identifiers": ["circuit-id", "hw-address"],
          "client-classes": [{"name": "port-%s", "test": "relay4[1].hex == 0x%s",
                              "boot-file-name": "printer.cfg"}],
          "subnet4": [{"id": 1, "subnet": "192.0.2.0/24",
                       "relay": {"ip-addresses": ["192.0.2.1"]},
                       "option-data": [{"name": "routers", "data": "192.0.2.1"}],
                       "pools": [{"pool": "192.0.2.100 - 192.0.2.199"}],
                       "reservations": [{"circuit-id": "%s", "ip-address": "192.0.2.50",
                                         "hostname": "printer"}]}]
        }}
        """
            .formatted(
                serverIf, dir.resolve("leases4.csv"), tag, circuitHex, colonHex(downstream)));
    Path launcher = Path.of(System.getProperty("d2j.root", "..")).resolve("bin/d2j-dhcp4");
    Process d2j = start(server, "server.log", launcher.toString(), "-c", config.toString());
    await("DHCP4_STARTED", () -> log("server.log").contains("DHCP4_STARTED"), d2j);
    Process dhcrelay =
        start(
            relay,
            "relay.log",
            DHCRELAY.toString(),
            "-4",
            "-d",
            "-a",
            "--no-pid",
            "-id",
            downstream,
            "-iu",
            up,
            "10.1.0.1");
    await("dhcrelay listening", () -> log("relay.log").contains("Sending on"), dhcrelay);

    Files.writeString(dir.resolve("dhclient.conf"), "request subnet-mask, routers;\n");
    Path script = dir.resolve("script.sh");
    Files.writeString(
        script,
        """
        #!/bin/sh
        [ "$reason" = BOUND ] && echo "bound $new_ip_address file=$new_filename" >> '%s'
        exit 0
        """
            .formatted(dir.resolve("events.log")));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Process dhclient =
        new ProcessBuilder(
                client.command(
                    List.of(
                        DHCLIENT.toString(),
                        "-4",
                        "-1",
                        "-v",
                        "-cf",
                        dir.resolve("dhclient.conf").toString(),
                        "-sf",
                        script.toString(),
                        "-lf",
                        dir.resolve("dhclient.leases").toString(),
                        "-pf",
                        dir.resolve("dhclient.pid").toString(),
                        clientIf)))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dhclient.log").toFile())
            .start();
    processes.add(0, dhclient); // stopped by cleanUp when it is still trying
    assertThat(dhclient.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
        .as(
            "dhclient done in %s:%n%s%n%s%n%s",
            DEADLINE, log("dhclient.log"), log("relay.log"), log("server.log"))
        .isTrue();
    assertThat(dhclient.exitValue()).as(log("dhclient.log") + log("server.log")).isZero();

    assertThat(log("events.log").trim()).isEqualTo("bound 192.0.2.50 file=printer.cfg");
    // The lease row: the reserved address, relayed (giaddr in the lease's subnet), hostname.
    assertThat(log("leases4.csv")).contains("\n192.0.2.50,").contains(",printer,");
  }

  // --- helpers ---

  private NetworkNamespace namespace(String prefix) throws IOException {
    NetworkNamespace ns = NetworkNamespace.create(prefix);
    namespaces.add(ns);
    return ns;
  }

  private Process start(NetworkNamespace ns, String logName, String... command) throws IOException {
    Process p =
        new ProcessBuilder(ns.command(List.of(command)))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(logName).toFile())
            .start();
    processes.add(0, p);
    return p;
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private void await(String what, Check check, Process process) throws Exception {
    Instant end = Instant.now().plus(DEADLINE);
    while (!check.ok()) {
      assertThat(process.isAlive())
          .as("%s: exited%n%s%n%s", what, log("server.log"), log("relay.log"))
          .isTrue();
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("no " + what + " in " + DEADLINE + ":\n" + log("server.log"));
      }
      Thread.sleep(100);
    }
  }

  private static String hex(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
      out.append(String.format("%02x", b));
    }
    return out.toString();
  }

  private static String colonHex(String text) {
    return hex(text).replaceAll("(..)(?!$)", "$1:");
  }

  private String log(String name) {
    try {
      Path file = dir.resolve(name);
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
