package io.d2j.e2e;

import io.d2j.testkit.Await;
import io.d2j.testkit.ChildProcess;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BusyBox udhcpc on {@code eth0} of a client namespace, in the foreground with {@code -R} (release
 * on exit), its script recording each event and putting the leased address on the interface.
 */
final class Udhcpc implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/udhcpc");
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final NetworkNamespace ns;
  private final Path dir;
  private final List<String> options;
  private ChildProcess process;

  /**
   * @param options e.g. {@code -F name} (option 81) or {@code -x hostname:name} (option 12)
   */
  Udhcpc(NetworkNamespace ns, Path dir, List<String> options) throws IOException {
    this.ns = ns;
    this.dir = Files.createDirectories(dir);
    this.options = List.copyOf(options);
    Path script = dir.resolve("script.sh");
    Files.writeString(
        script,
        """
        #!/bin/sh
        echo "$1 $ip" >> '%s'
        case "$1" in
          bound|renew) ip addr flush dev "$interface"; ip addr add "$ip/$mask" dev "$interface" ;;
          deconfig) ip addr flush dev "$interface" ;;
        esac
        exit 0
        """
            .formatted(dir.resolve("events.log")));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  /** Starts udhcpc and waits until it is bound; returns the address. */
  String obtain() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY.toString(),
                "-f",
                "-R",
                "-i",
                DhcpLan.CLIENT_INTERFACE,
                "-t",
                "10",
                "-T",
                "2",
                "-A",
                "2",
                "-s",
                dir.resolve("script.sh").toString()));
    command.addAll(options);
    process = ChildProcess.start(ns.command(command), dir, Map.of(), dir.resolve("udhcpc.log"));
    return Await.until(DEADLINE, "udhcpc bound (" + dir + ")", () -> event("bound"));
  }

  /** SIGTERM: with -R udhcpc sends a DHCPRELEASE for its lease and exits. */
  void release() {
    process.stop();
  }

  long renewals() {
    return events().stream().filter(l -> l.startsWith("renew ")).count();
  }

  Optional<String> event(String name) {
    Optional<String> found = Optional.empty();
    for (String line : events()) {
      String[] f = line.trim().split(" +");
      if (f[0].equals(name) && f.length > 1) {
        found = Optional.of(f[1]);
      }
    }
    return found;
  }

  private List<String> events() {
    return ChildProcess.readLog(dir.resolve("events.log")).lines().toList();
  }

  String log() {
    return ChildProcess.readLog(dir.resolve("udhcpc.log"));
  }

  @Override
  public void close() {
    if (process != null) {
      process.stop();
    }
  }
}
