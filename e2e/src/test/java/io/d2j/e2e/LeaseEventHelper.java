package io.d2j.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.Stream;

/**
 * frontends' {@code d2j-lease-event} (the C program the build makes in {@code
 * frontends/target/bin}), installed for one test the way an operator installs it: a copy any user
 * may run, and a state directory the DHCP server's script user owns.
 */
final class LeaseEventHelper {
  private LeaseEventHelper() {}

  static Path built() {
    return Path.of(System.getProperty("d2j.root", ".."))
        .resolve("frontends/target/bin/d2j-lease-event");
  }

  static void assumeBuilt() {
    assumeTrue(
        Files.isExecutable(built()),
        built() + " was not built: no C compiler or make (apt-get install gcc make libc6-dev)");
  }

  /**
   * Copies the program into {@code dir/bin} (mode 0755, the directories on the way 0755, so that an
   * unprivileged script user such as {@code nobody} can run it) and returns the copy.
   */
  static Path install(Path dir) throws IOException {
    openUp(dir);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    openUp(bin);
    Path copy =
        Files.copy(built(), bin.resolve("d2j-lease-event"), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
    return copy;
  }

  /** A state directory {@code dir/state} owned by {@code user} (null: the JVM's user). */
  static Path stateDir(Path dir, String user) throws IOException {
    Path state = Files.createDirectories(dir.resolve("state"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-x---"));
    if (user != null) {
      UserPrincipal owner =
          state.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
      Files.setOwner(state, owner);
    }
    return state;
  }

  /** The spooled NCRs waiting in a state directory. */
  static List<Path> spooled(Path state) throws IOException {
    Path spool = state.resolve("spool");
    if (!Files.isDirectory(spool)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(spool)) {
      return s.filter(p -> p.toString().endsWith(".ncr")).sorted().toList();
    }
  }

  /** Makes {@code dir} (a test's 0700 temporary directory, and its parents' view) traversable. */
  static void openUp(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
