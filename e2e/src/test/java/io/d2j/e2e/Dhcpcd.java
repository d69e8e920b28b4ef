package io.d2j.e2e;

import io.d2j.testkit.Await;
import io.d2j.testkit.ChildProcess;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dhcpcd (Debian dhcpcd5) on {@code eth0} of a client namespace, in the foreground, IPv4 only, with
 * its host name sent in option 81 ({@code fqdn both}: the server updates A and PTR) and {@code
 * release} (a DHCPRELEASE when it stops). dhcpcd keeps its pid file, control socket and lease file
 * under /run/dhcpcd and /var/lib/dhcpcd, named by interface; each instance gets private copies of
 * those directories (a mount namespace of its own) so that several can run at once.
 */
final class Dhcpcd implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/dhcpcd");
  private static final Duration DEADLINE = Duration.ofSeconds(40);
  private static final Pattern LEASED = Pattern.compile("leased ([0-9.]+) for");
  private static final Pattern RENEWING = Pattern.compile("renewing lease of ([0-9.]+)");

  private final NetworkNamespace ns;
  private final Path dir;
  private ChildProcess process;

  Dhcpcd(NetworkNamespace ns, Path dir, String hostname) throws IOException {
    this.ns = ns;
    this.dir = Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("dhcpcd.conf"),
        """
        hostname %s
        fqdn both
        option host_name, domain_name
        release
        noarp
        noipv4ll
        ipv4only
        nohook resolv.conf, timesyncd, hostname, ntp.conf, wpa_supplicant
        """
            .formatted(hostname));
    Path run = dir.resolve("run.sh");
    Files.writeString(
        run,
        """
        #!/bin/sh
        mkdir -p /run/dhcpcd /var/lib/dhcpcd
        mount -t tmpfs tmpfs /run/dhcpcd && mount -t tmpfs tmpfs /var/lib/dhcpcd || exit 3
        exec %s -4 -B -d -t 30 -f '%s' %s
        """
            .formatted(BINARY, dir.resolve("dhcpcd.conf"), DhcpLan.CLIENT_INTERFACE));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
  }

  /** Starts dhcpcd and waits until it holds a lease; returns the address. */
  String obtain() throws IOException {
    process =
        ChildProcess.start(
            ns.command(
                List.of(
                    "unshare", "-m", "--propagation", "private", dir.resolve("run.sh").toString())),
            dir,
            Map.of(),
            dir.resolve("dhcpcd.log"));
    return Await.until(
        DEADLINE,
        "dhcpcd leased (" + dir + ")",
        () -> {
          Matcher m = LEASED.matcher(log());
          return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
  }

  long renewals() {
    return RENEWING.matcher(log()).results().count();
  }

  /** SIGTERM: with {@code release} dhcpcd sends a DHCPRELEASE and exits. */
  void release() {
    process.stop();
  }

  String log() {
    return ChildProcess.readLog(dir.resolve("dhcpcd.log"));
  }

  @Override
  public void close() {
    if (process != null) {
      process.stop();
    }
  }
}
