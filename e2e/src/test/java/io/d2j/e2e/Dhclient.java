package io.d2j.e2e;

import io.d2j.testkit.Await;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real ISC dhclient on {@code eth0} of one client namespace of a {@link DhcpLan}, with its
 * configuration, lease, pid and event files in a directory of its own. Its script records each
 * event and puts the leased address on the interface (a RELEASE leaves from that address).
 */
final class Dhclient {
  static final Path BINARY = Path.of("/usr/sbin/dhclient");
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final NetworkNamespace ns;
  private final Path dir;

  /**
   * @param config dhclient.conf text, e.g. {@code send fqdn.fqdn "laptop"; send fqdn.server-update
   *     on;} for option 81 or {@code send host-name "printer";} for option 12
   */
  Dhclient(NetworkNamespace ns, Path dir, String config) throws IOException {
    this.ns = ns;
    this.dir = Files.createDirectories(dir);
    Files.writeString(dir.resolve("dhclient.conf"), config);
    Path script = dir.resolve("script.sh");
    Files.writeString(
        script,
        """
        #!/bin/sh
        echo "$reason $new_ip_address $old_ip_address" >> '%s'
        case "$reason" in
          BOUND|RENEW|REBIND|REBOOT)
            ip addr flush dev "$interface"
            ip addr add "$new_ip_address/$new_subnet_mask" dev "$interface" ;;
          RELEASE|EXPIRE|STOP) ip addr flush dev "$interface" ;;
        esac
        exit 0
        """
            .formatted(dir.resolve("events.log")));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  /** Runs dhclient until it is bound ({@code -1}: one try, then it stays as a daemon to renew). */
  String obtain() throws IOException, InterruptedException {
    int exit = run(List.of("-1"));
    if (exit != 0) {
      throw new AssertionError("dhclient exited " + exit + ":\n" + log());
    }
    return Await.until(DEADLINE, "BOUND in " + dir.resolve("events.log"), () -> event("BOUND"));
  }

  /** {@code dhclient -r}: stops the daemon and sends a DHCPRELEASE for its lease. */
  void release() throws IOException, InterruptedException {
    int exit = run(List.of("-r"));
    if (exit != 0) {
      throw new AssertionError("dhclient -r exited " + exit + ":\n" + log());
    }
  }

  /**
   * Kills the daemon without a word to the server: its lease can only expire. The daemon writes its
   * pid file after {@link #obtain} returns (it forks once bound), so this waits for the file.
   */
  void vanish() {
    long pid = Await.until(Duration.ofSeconds(10), "dhclient's pid file", () -> daemonPid());
    ProcessHandle.of(pid)
        .ifPresent(
            h -> {
              h.destroyForcibly();
              h.onExit().join();
            });
  }

  /** Stops the daemon if it runs (clean-up); does not wait for a pid file. */
  void stop() {
    daemonPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
  }

  private Optional<Long> daemonPid() {
    String text = read(dir.resolve("dhclient.pid")).trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
  }

  /** dhclient's lease file: what the server answered, as dhclient understood it. */
  String leases() {
    return read(dir.resolve("dhclient.leases"));
  }

  /** How many RENEW events the script saw (each a DHCPREQUEST/DHCPACK at T1). */
  long renewals() {
    return read(dir.resolve("events.log")).lines().filter(l -> l.startsWith("RENEW ")).count();
  }

  /** The address of the last script event of that kind ({@code $new_ip_address}). */
  Optional<String> event(String reason) {
    Optional<String> found = Optional.empty();
    for (String line : read(dir.resolve("events.log")).lines().toList()) {
      List<String> f = List.of(line.trim().split(" +", -1));
      if (f.get(0).equals(reason) && f.size() > 1) {
        found = Optional.of(f.get(1));
      }
    }
    return found;
  }

  String log() {
    return read(dir.resolve("dhclient.log"));
  }

  private int run(List<String> extra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-4", "-v"));
    command.addAll(extra);
    command.addAll(
        List.of(
            "-cf",
            dir.resolve("dhclient.conf").toString(),
            "-sf",
            dir.resolve("script.sh").toString(),
            "-lf",
            dir.resolve("dhclient.leases").toString(),
            "-pf",
            dir.resolve("dhclient.pid").toString(),
            DhcpLan.CLIENT_INTERFACE));
    Process p =
        new ProcessBuilder(ns.command(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dhclient.log").toFile()))
            .start();
    if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("dhclient did not finish in " + DEADLINE + ":\n" + log());
    }
    return p.exitValue();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
