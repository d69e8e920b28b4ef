package io.d2j.dist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

/**
 * Debian roots for the deployment tests, built from Debian packages and cached under the build
 * directory ({@code target/deploy-cache/} of the repository), since building them takes minutes:
 *
 * <ul>
 *   <li>{@link #minbaseTar()}: debootstrap's minimal bookworm, as a tarball (the Docker base image
 *       is this, imported), by {@code packaging/container/build-base.sh};
 *   <li>{@link #systemdRoot()}: that root with systemd, a JRE and BIND installed, for a throwaway
 *       copy to install the package into and boot with {@code systemd-nspawn}.
 * </ul>
 *
 * Measured on the 2-core build host: the tarball 2.5 min, the systemd root another 3 min (most of
 * it downloading openjdk-17-jre-headless and its dependencies). {@code mvn clean} at the root
 * removes the cache.
 */
final class DebianRoots {
  private static final Duration BUILD_LIMIT = Duration.ofMinutes(20);

  private DebianRoots() {}

  /** Skips the calling test unless this machine can build and run Debian roots. */
  static void assumeUsable() {
    assumeTrue(
        "0".equals(Exec.run(Duration.ofSeconds(10), "id", "-u").output().strip()),
        "building a Debian root (debootstrap, chroot, systemd-nspawn) needs root");
    assumeTrue(
        Exec.which("debootstrap").isPresent(),
        "debootstrap not installed (apt-get install debootstrap)");
    assumeTrue(
        Exec.which("systemd-nspawn").isPresent(),
        "systemd-nspawn not installed (apt-get install systemd-container)");
  }

  static Path cache() {
    Path cache = Paths.root().resolve("target/deploy-cache");
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cache;
  }

  /** debootstrap --variant=minbase bookworm, as a tarball; built once. */
  static Path minbaseTar() throws IOException {
    Path tar = cache().resolve("bookworm-minbase.tar");
    try (CacheLock lock = CacheLock.take()) {
      if (!Files.exists(tar)) {
        Exec.run(
                BUILD_LIMIT,
                Paths.packaging().resolve("container/build-base.sh").toString(),
                "--tar",
                tar.toString())
            .requireSuccess();
      }
    }
    return tar;
  }

  /**
   * The minimal root plus systemd (booted by systemd-nspawn), openjdk-17-jre-headless (the
   * package's dependency, installed beforehand so that installing the package needs no network) and
   * bind9 (a real DNS server for the D2 under systemd); built once.
   */
  static Path systemdRoot() throws IOException {
    Path tar = minbaseTar();
    Path root = cache().resolve("bookworm-systemd");
    try (CacheLock lock = CacheLock.take()) {
      if (!Files.exists(root.resolve(".complete"))) {
        Path work = cache().resolve("bookworm-systemd.partial");
        Exec.run(Duration.ofMinutes(2), "rm", "-rf", work.toString(), root.toString())
            .requireSuccess();
        Files.createDirectories(work);
        Exec.run(Duration.ofMinutes(5), "tar", "-C", work.toString(), "-xf", tar.toString())
            .requireSuccess();
        inRoot(
                work,
                BUILD_LIMIT,
                "/bin/sh",
                "-c",
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq"
                    + " --no-install-recommends systemd systemd-sysv dbus procps openjdk-17-jre-headless"
                    + " bind9 bind9-dnsutils && apt-get clean && rm -rf /var/lib/apt/lists/*")
            .requireSuccess();
        Files.writeString(work.resolve(".complete"), "");
        Files.move(work, root);
      }
    }
    return root;
  }

  /** A throwaway copy of {@code root} at {@code copy} (which must not exist). */
  static void copy(Path root, Path copy) {
    Exec.run(Duration.ofMinutes(5), "cp", "-a", "--reflink=auto", root.toString(), copy.toString())
        .requireSuccess();
  }

  /**
   * Runs a command inside {@code root} with systemd-nspawn (not booted: the command is the
   * container's only process), with the host's network so that apt can reach Debian's mirror.
   */
  static Exec.Result inRoot(Path root, Duration limit, String... command) {
    String[] full = new String[command.length + 5];
    full[0] = "systemd-nspawn";
    full[1] = "--quiet";
    full[2] = "--register=no";
    full[3] = "--keep-unit";
    full[4] = "--directory=" + root;
    System.arraycopy(command, 0, full, 5, command.length);
    return Exec.run(limit, Map.of("SYSTEMD_LOG_LEVEL", "err"), full);
  }

  /** One builder of the cache at a time (two test JVMs, or a test and scripts/compose.sh). */
  private record CacheLock(FileChannel channel) implements AutoCloseable {
    static CacheLock take() throws IOException {
      FileChannel channel =
          FileChannel.open(
              cache().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      channel.lock();
      return new CacheLock(channel);
    }

    @Override
    public void close() throws IOException {
      channel.close(); // releases the lock
    }
  }
}
