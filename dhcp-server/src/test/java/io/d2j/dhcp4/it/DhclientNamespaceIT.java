package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ISC {@code dhclient} gets, renews and releases a lease from {@code bin/d2j-dhcp4} over a
 * veth pair, the directly connected path (no relay, client without an address, broadcast replies).
 *
 * <p>Both ends live in network namespaces this test creates, and the veth pair is created directly
 * inside them, so nothing in the host's namespace is touched. The server runs in a namespace of its
 * own rather than in the root namespace because its broadcast replies follow the route for
 * 255.255.255.255, which in the root namespace is the host's default route: they would leave the
 * machine on its real interface and never reach the veth (and a server on port 67 there would
 * answer the host's LAN). The server namespace has exactly what a one-interface DHCP server host
 * has: the veth and that route. See the README, "directly connected clients".
 *
 * <p>Needs root, iproute2 and dhclient (Debian isc-dhcp-client, installed by
 * scripts/install-deps.sh); skipped with the reason otherwise.
 */
class DhclientNamespaceIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String SERVER_ADDRESS = "192.0.2.1";

  @TempDir Path dir;

  private final String tag = Integer.toString(ThreadLocalRandom.current().nextInt(0x10000), 16);
  private final String serverNs = "d2j-srv-" + tag;
  private final String clientNs = "d2j-cli-" + tag;
  private final String serverIf = "d2js" + tag;
  private final String clientIf = "d2jc" + tag;
  private Path ip;
  private Path dhclient;
  private Process server;
  private final List<String> created = new ArrayList<>();

  @BeforeEach
  void namespaces() throws Exception {
    assumeTrue("0".equals(run(List.of("id", "-u")).trim()), "needs root (network namespaces)");
    ip = executable("ip").orElse(null);
    assumeTrue(ip != null, "iproute2 'ip' not installed");
    dhclient = executable("dhclient").orElse(null);
    assumeTrue(dhclient != null, "dhclient not installed (apt-get install isc-dhcp-client)");
    boolean made = ipCommand("netns", "add", serverNs);
    if (made) {
      created.add(serverNs);
      made = ipCommand("netns", "add", clientNs);
    }
    if (made) {
      created.add(clientNs);
      made =
          ipCommand(
              "link", "add", serverIf, "netns", serverNs, "type", "veth", "peer", "name", clientIf,
              "netns", clientNs);
    }
    assumeTrue(made, "cannot create network namespaces and a veth pair here");
    setUp(serverNs, "addr", "add", SERVER_ADDRESS + "/24", "dev", serverIf);
    setUp(serverNs, "link", "set", serverIf, "up");
    setUp(serverNs, "link", "set", "lo", "up");
    // Where limited broadcasts leave: on a one-interface server host this is its default route.
    setUp(serverNs, "route", "add", "255.255.255.255/32", "dev", serverIf);
    setUp(clientNs, "link", "set", clientIf, "up");
    setUp(clientNs, "link", "set", "lo", "up");
  }

  @AfterEach
  void cleanUp() throws Exception {
    try {
      Path pid = dir.resolve("dhclient.pid");
      if (Files.exists(pid)) {
        String text = Files.readString(pid, StandardCharsets.US_ASCII).trim();
        if (!text.isEmpty()) {
          ProcessHandle.of(Long.parseLong(text)).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      if (server != null) {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    } finally {
      // Deleting a namespace deletes the veth end inside it, and with it the pair.
      for (String ns : created) {
        ipCommand("netns", "del", ns);
      }
    }
  }

  @Test
  void dhclient_obtainsRenewsAndReleases_eachStepInTheLeaseFiles() throws Exception {
    startServer(30, 2, 20);
    Path clientLeases = dir.resolve("dhclient.leases");

    // Obtained: DISCOVER/OFFER/REQUEST/ACK by broadcast; dhclient exits 0 once bound (-1).
    assertThat(dhclient("dhclient.conf", List.of())).as(log("dhclient.log")).isZero();
    String address = awaitValue("BOUND in the script log", () -> event("BOUND"));
    assertThat(address).startsWith("192.0.2.1");
    List<String> rows = serverRows(address);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).matches(address + ",[0-9a-f:]{17},,30,\\d+,1,0,0,,0,");
    assertThat(Files.readString(clientLeases)).contains("fixed-address " + address + ";");

    // Renewed: at T1 (2 s) the running dhclient unicasts a REQUEST (RENEWING) and gets an ACK
    // with a later expiry; the server appends the renewed lease.
    await("RENEW in the script log", () -> event("RENEW").isPresent());
    await("a renewed lease row", () -> serverRows(address).size() >= 2);
    List<String> renewed = serverRows(address);
    assertThat(expire(renewed.get(1))).isGreaterThan(expire(renewed.get(0)));
    await(
        "a second lease in dhclient's lease file",
        () -> count(readOrEmpty(clientLeases), "fixed-address " + address + ";") >= 2);

    // Released: dhclient -r stops the daemon and sends a RELEASE; the server appends the lease
    // with valid_lifetime 0 (Kea's memfile deletion).
    assertThat(dhclient("dhclient.conf", List.of("-r"))).as(log("dhclient.log")).isZero();
    assertThat(event("RELEASE")).isPresent();
    await(
        "the release row (valid_lifetime 0)",
        () -> {
          List<String> all = serverRows(address);
          return all.get(all.size() - 1).matches(address + ",[0-9a-f:]{17},,0,\\d+,1,0,0,,0,");
        });
    assertThat(server.isAlive()).isTrue();
  }

  @Test
  void clientSendingOnlyHostNameOption12_getsALease() throws Exception {
    startServer(4000, 1000, 2000);
    Files.writeString(
        dir.resolve("hostname.conf"),
        """
        # option 12 only: no 'send fqdn.*', so no option 81
        send host-name "ns-client-12";
        request subnet-mask, routers, domain-name-servers, host-name;
        """);

    assertThat(dhclient("hostname.conf", List.of())).as(log("dhclient.log")).isZero();

    String address = awaitValue("BOUND in the script log", () -> event("BOUND"));
    assertThat(serverRows(address)).hasSize(1);
  }

  /**
   * Issue 11 item 2: an interface missing when the server starts is tried again every {@code
   * service-sockets-retry-wait-time} and served once it appears (here: the veth end renamed to the
   * configured name), with a log line for each step.
   */
  @Test
  void interfaceMissingAtStart_isServedOnceItAppears() throws Exception {
    String late = "d2jl" + tag;
    startServer(
        late,
        ", \"service-sockets-max-retries\": 60, \"service-sockets-retry-wait-time\": 500",
        4000,
        1000,
        2000);
    await(
        "DHCP4_OPEN_SOCKET_RETRY for " + late,
        () -> log("server.log").contains("DHCP4_OPEN_SOCKET_RETRY " + late));
    assertThat(log("server.log")).contains("DHCP4_OPEN_SOCKET_FAIL " + late);

    setUp(serverNs, "link", "set", serverIf, "down");
    setUp(serverNs, "link", "set", serverIf, "name", late);
    setUp(serverNs, "link", "set", late, "up");
    await(
        "DHCP4_INTERFACE_OPENED " + late,
        () -> log("server.log").contains("DHCP4_INTERFACE_OPENED " + late));

    assertThat(dhclient("dhclient.conf", List.of())).as(log("dhclient.log")).isZero();
    String address = awaitValue("BOUND in the script log", () -> event("BOUND"));
    assertThat(serverRows(address)).hasSize(1);
  }

  /** With {@code service-sockets-require-all} and no retries, a missing interface stops it. */
  @Test
  void requireAll_missingInterface_noRetries_exitsWith1() throws Exception {
    String missing = "d2jm" + tag;
    Path config = writeConfig(missing, ", \"service-sockets-require-all\": true", 4000, 1000, 2000);
    Process p = launch(config);
    if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("still running:\n" + log("server.log"));
    }
    assertThat(p.exitValue()).as(log("server.log")).isEqualTo(1);
    assertThat(log("server.log")).contains("DHCP4_OPEN_SOCKET_FAIL " + missing);
  }

  /**
   * Issue 12's network-boot case with real clients: a PXE client (option 60 "PXEClient...", option
   * 93) joins class PXE by its expression and gets the class's next-server, server-hostname and
   * boot-file-name and an address from the pool only PXE clients may use; a client outside the
   * class is refused that pool and gets no boot fields. dhclient reports the boot file and server
   * name to its script; udhcpc also reports siaddr (next-server).
   */
  @Test
  void pxeClients_getBootFieldsAndThePoolOfTheirClass_othersNeither() throws Exception {
    String classes =
        """
          "client-classes": [
            {"name": "PXE",
             "test": "option[93].exists and substring(option[60].hex, 0, 9) == 'PXEClient'",
             "next-server": "192.0.2.1", "server-hostname": "boot.example",
             "boot-file-name": "pxelinux.0"},
            {"name": "OTHER", "test": "not member('PXE')"}],
        """;
    String pools =
        """
        [{"pool": "192.0.2.50 - 192.0.2.59", "client-class": "PXE"},
         {"pool": "192.0.2.100 - 192.0.2.199", "client-class": "OTHER"}]""";
    startServer(serverIf, "", 4000, 1000, 2000, classes, pools);

    // dhclient as a PXE client: options 93 and 60.
    mac("02:00:00:00:50:01");
    Files.writeString(
        dir.resolve("pxe.conf"),
        """
        option pxe-system-type code 93 = unsigned integer 16;
        send pxe-system-type 0;
        send vendor-class-identifier "PXEClient:Arch:00000:UNDI:002001";
        request subnet-mask, routers;
        """);
    assertThat(dhclient("pxe.conf", List.of())).as(log("dhclient.log")).isZero();
    String pxe = awaitValue("BOUND in the script log", () -> event("BOUND"));
    assertThat(pxe).startsWith("192.0.2.5");
    assertThat(log("env.log")).contains("new_filename=pxelinux.0", "new_server_name=boot.example");
    assertThat(dhclient("pxe.conf", List.of("-r"))).as(log("dhclient.log")).isZero();

    // udhcpc as a PXE client (another MAC): siaddr is the class's next-server.
    mac("02:00:00:00:50:02");
    String bound = udhcpc(List.of("-V", "PXEClient:Arch:00000:UNDI:002001", "-x", "0x5d:0000"));
    assertThat(bound)
        .matches(
            "bound ip=192\\.0\\.2\\.5\\d siaddr=192\\.0\\.2\\.1 sname=boot\\.example"
                + " boot_file=pxelinux\\.0");

    // udhcpc without them (a third MAC): the general pool, no boot fields.
    mac("02:00:00:00:50:03");
    assertThat(udhcpc(List.of("-V", "udhcp-test")))
        .matches("bound ip=192\\.0\\.2\\.1\\d\\d siaddr=(0\\.0\\.0\\.0)? sname= boot_file=");
  }

  // --- the server ---

  private void startServer(int valid, int renew, int rebind) throws Exception {
    startServer(serverIf, "", valid, renew, rebind);
  }

  private void startServer(String iface, String extra, int valid, int renew, int rebind)
      throws Exception {
    startServer(iface, extra, valid, renew, rebind, "", DEFAULT_POOLS);
  }

  /**
   * @param globals more global entries, each ending in a comma
   * @param pools the subnet's pools list
   */
  private void startServer(
      String iface, String extra, int valid, int renew, int rebind, String globals, String pools)
      throws Exception {
    server = launch(writeConfig(iface, extra, valid, renew, rebind, globals, pools));
    await(
        "DHCP4_STARTED in the server log",
        () -> {
          assertThat(server.isAlive()).as(log("server.log")).isTrue();
          return log("server.log").contains("DHCP4_STARTED");
        });
  }

  /** {@code extra}: more interfaces-config keys, each after a comma. */
  private static final String DEFAULT_POOLS = "[{\"pool\": \"192.0.2.100 - 192.0.2.199\"}]";

  private Path writeConfig(String iface, String extra, int valid, int renew, int rebind)
      throws IOException {
    return writeConfig(iface, extra, valid, renew, rebind, "", DEFAULT_POOLS);
  }

  private Path writeConfig(
      String iface, String extra, int valid, int renew, int rebind, String globals, String pools)
      throws IOException {
    Path config = dir.resolve("kea-dhcp4.json");
    Files.writeString(
        config,
        """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["%s"]%s},
        %s
          "valid-lifetime": %d, "renew-timer": %d, "rebind-timer": %d,
          "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
          "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": %s}]
        }}
        """
            .formatted(
                iface, extra, globals, valid, renew, rebind, dir.resolve("leases4.csv"), pools));
    return config;
  }

  private Process launch(Path config) throws IOException {
    Path launcher = Path.of(System.getProperty("d2j.root", "..")).resolve("bin/d2j-dhcp4");
    // Default ports (67/68): inside the namespace they belong to this test alone.
    return new ProcessBuilder(
            ip.toString(), "netns", "exec", serverNs, launcher.toString(), "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile())
        .start();
  }

  /** The server's lease file rows for {@code address}, in file order. */
  private List<String> serverRows(String address) {
    List<String> out = new ArrayList<>();
    for (String row : readOrEmpty(dir.resolve("leases4.csv")).split("\n")) {
      if (row.startsWith(address + ",")) {
        out.add(row);
      }
    }
    return out;
  }

  private static long expire(String row) {
    return Long.parseLong(row.split(",", -1)[4]);
  }

  // --- the client ---

  /**
   * Runs dhclient in the client namespace with its files in the temp dir. The script records each
   * event and puts the leased address on the veth end: a RENEW is unicast from that address and a
   * RELEASE leaves through dhclient's fallback UDP socket, which needs it.
   */
  private int dhclient(String conf, List<String> extra) throws Exception {
    Path confFile = dir.resolve(conf);
    if (!Files.exists(confFile)) {
      Files.writeString(confFile, "request subnet-mask, routers, domain-name-servers;\n");
    }
    Path script = dir.resolve("client-script.sh");
    Files.writeString(
        script,
        """
        #!/bin/sh
        echo "$reason $new_ip_address $old_ip_address" >> '%s'
        env >> '%s'
        case "$reason" in
          BOUND|RENEW|REBIND|REBOOT)
            %s addr flush dev "$interface"
            %s addr add "$new_ip_address/$new_subnet_mask" dev "$interface" ;;
          RELEASE|EXPIRE|STOP) %s addr flush dev "$interface" ;;
        esac
        exit 0
        """
            .formatted(dir.resolve("events.log"), dir.resolve("env.log"), ip, ip, ip));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    List<String> command =
        new ArrayList<>(List.of(ip.toString(), "netns", "exec", clientNs, dhclient.toString()));
    command.addAll(List.of("-4", "-1", "-v"));
    command.addAll(extra);
    command.addAll(
        List.of(
            "-cf",
            confFile.toString(),
            "-sf",
            script.toString(),
            "-lf",
            dir.resolve("dhclient.leases").toString(),
            "-pf",
            dir.resolve("dhclient.pid").toString(),
            clientIf));
    // Without -d dhclient returns once bound and leaves a daemon (pid in -pf) that renews.
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dhclient.log").toFile()))
            .start();
    if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "dhclient did not finish in " + DEADLINE + ":\n" + log("dhclient.log"));
    }
    return p.exitValue();
  }

  /** Sets the client end's hardware address: another client on the same link. */
  private void mac(String address) throws Exception {
    setUp(clientNs, "link", "set", clientIf, "address", address);
  }

  /**
   * Runs busybox udhcpc once in the client namespace (exits when bound, or fails after three
   * DISCOVERs); returns its script's "bound" line: the address and the boot fields.
   */
  private String udhcpc(List<String> extra) throws Exception {
    Optional<Path> udhcpc = executable("udhcpc");
    assumeTrue(udhcpc.isPresent(), "udhcpc not installed (apt-get install udhcpc)");
    Path script = dir.resolve("udhcpc-script.sh");
    Path out = dir.resolve("udhcpc-events.log");
    Files.deleteIfExists(out);
    Files.writeString(
        script,
        """
        #!/bin/sh
        [ "$1" = bound ] && echo "bound ip=$ip siaddr=$siaddr sname=$sname boot_file=$boot_file" >> '%s'
        exit 0
        """
            .formatted(out));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    List<String> command =
        new ArrayList<>(
            List.of(
                ip.toString(),
                "netns",
                "exec",
                clientNs,
                udhcpc.get().toString(),
                "-i",
                clientIf,
                "-f",
                "-q",
                "-n",
                "-t",
                "3",
                "-T",
                "2",
                "-s",
                script.toString()));
    command.addAll(extra);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("udhcpc.log").toFile()))
            .start();
    if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("udhcpc did not finish in " + DEADLINE + ":\n" + log("udhcpc.log"));
    }
    assertThat(p.exitValue()).as(log("udhcpc.log") + log("server.log")).isZero();
    return readOrEmpty(out).trim();
  }

  /** The address of the last script event of that kind ({@code $new_ip_address}, else old). */
  private Optional<String> event(String reason) {
    Optional<String> found = Optional.empty();
    for (String line : readOrEmpty(dir.resolve("events.log")).split("\n")) {
      String[] f = line.trim().split(" +");
      if (f[0].equals(reason)) {
        found = Optional.of(f.length > 1 ? f[1] : "");
      }
    }
    return found;
  }

  // --- helpers ---

  private void setUp(String ns, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("-n", ns));
    command.addAll(List.of(args));
    assumeTrue(
        ipCommand(command.toArray(String[]::new)),
        "ip -n " + ns + " " + String.join(" ", args) + " failed");
  }

  private boolean ipCommand(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ip == null ? "ip" : ip.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  private static Optional<Path> executable(String name) {
    for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private String log(String name) {
    return readOrEmpty(dir.resolve(name));
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static void await(String what, Supplier<Boolean> condition) {
    awaitValue(what, () -> condition.get() ? Optional.of(true) : Optional.empty());
  }

  /** Polls until a deadline (testkit's Await; dhcp-server cannot depend on testkit's dnsjava). */
  private static <T> T awaitValue(String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    AssertionError last = null;
    while (System.nanoTime() - deadline < 0) {
      try {
        Optional<T> v = probe.get();
        if (v.isPresent()) {
          return v.get();
        }
      } catch (AssertionError e) {
        last = e;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    AssertionError timeout =
        new AssertionError("timed out after " + DEADLINE + " waiting for: " + what);
    if (last != null) {
      timeout.initCause(last);
    }
    throw timeout;
  }
}
