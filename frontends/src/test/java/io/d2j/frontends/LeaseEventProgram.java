package io.d2j.frontends;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The C program {@code d2j-lease-event} as the build made it ({@code target/bin}, system property
 * {@code d2j.leaseEvent}), run as a DHCP server runs it: arguments, environment, no stdin.
 */
final class LeaseEventProgram {
  private static final long DEADLINE_SECONDS = 60;

  /** What one run did. */
  record Result(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private LeaseEventProgram() {}

  static Path binary() {
    return Path.of(System.getProperty("d2j.leaseEvent", "target/bin/d2j-lease-event"));
  }

  /** Skips the calling test unless the build made the program (it needs cc and make). */
  static void assumeBuilt() {
    assumeTrue(
        Files.isExecutable(binary()),
        binary()
            + " was not built: no C compiler or make on this machine (apt-get install gcc make"
            + " libc6-dev)");
  }

  /** Runs it with exactly {@code env} as its environment (plus PATH). */
  static Result run(Map<String, String> env, List<String> args) throws IOException {
    return run(env, args, null);
  }

  /** As {@link #run(Map, List)}, in the network namespace named by {@code netns} if not null. */
  static Result run(Map<String, String> env, List<String> args, List<String> prefix)
      throws IOException {
    List<String> command = new ArrayList<>();
    if (prefix != null) {
      command.addAll(prefix);
    }
    command.add(binary().toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    pb.environment().putAll(env);
    Process p = pb.start();
    CompletableFuture<byte[]> out = read(p.getInputStream());
    CompletableFuture<byte[]> err = read(p.getErrorStream());
    try {
      if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish within " + DEADLINE_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Result(
        p.exitValue(),
        new String(out.join(), StandardCharsets.UTF_8),
        new String(err.join(), StandardCharsets.UTF_8));
  }

  private static CompletableFuture<byte[]> read(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
