package io.d2j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The ways a control-channel request might try to make a daemon write outside its configuration
 * directory (issue 16 item 1), set up on disk so that a daemon's config-write can be tried with
 * each: an absolute path outside, a relative one with {@code ..}, a symbolic link and a hard link
 * inside leading to a file outside, a directory, a FIFO. After each attempt, {@link #victim} must
 * still hold {@link #VICTIM_TEXT}.
 *
 * @param configDir the daemon's configuration directory (real path)
 * @param victim a file outside it that no attempt may change
 * @param attempts each {@code filename} with the refusal expected after {@code "'filename' refused:
 *     "}
 */
public record FileWriteAttempts(Path configDir, Path victim, List<Attempt> attempts) {

  public static final String VICTIM_TEXT = "precious\n";

  /** One {@code filename} to try and the reason the daemon must give. */
  public record Attempt(String what, String filename, String reason) {
    /** The whole refusal text: {@code 'filename' refused: reason}. */
    public String refusal() {
      return "'" + filename + "' refused: " + reason;
    }
  }

  /**
   * Creates the victim in {@code base/outside} and the links, directory and FIFO in {@code
   * configDir}.
   */
  public static FileWriteAttempts prepare(Path configDir, Path base)
      throws IOException, InterruptedException {
    Path config = configDir.toRealPath();
    Path outside = Files.createDirectories(base.toRealPath().resolve("outside"));
    Path victim = Files.writeString(outside.resolve("victim.json"), VICTIM_TEXT);
    String area = "configuration directory " + config + " (D2J_CONFIG_DIR)";
    String rule = "the " + area;
    Files.createSymbolicLink(config.resolve("symlink.json"), victim);
    Files.createLink(config.resolve("hardlink.json"), victim);
    Files.createDirectory(config.resolve("directory.json"));
    Path fifo = config.resolve("fifo.json");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    if (mkfifo.waitFor() != 0) {
      throw new IOException("mkfifo " + fifo + " failed");
    }
    String up = config.relativize(victim).toString();
    return new FileWriteAttempts(
        config,
        victim,
        List.of(
            new Attempt(
                "absolute path outside",
                victim.toString(),
                "is outside " + rule + "; a command may only name paths there"),
            new Attempt(
                "relative path with ..",
                up,
                "'..' is not allowed in a path a command names (" + area + ")"),
            new Attempt(
                "symbolic link out",
                "symlink.json",
                config.resolve("symlink.json")
                    + " leads through a symbolic link to "
                    + victim
                    + ", outside "
                    + rule),
            new Attempt(
                "hard link",
                "hardlink.json",
                config.resolve("hardlink.json")
                    + " has 2 hard links; a file named over the control channel must have only"
                    + " one"),
            new Attempt(
                "directory",
                "directory.json",
                config.resolve("directory.json") + " is a directory, not a regular file"),
            new Attempt("FIFO", "fifo.json", fifo + " is a FIFO, not a regular file")));
  }

  /** Whether the victim is untouched. */
  public boolean victimIntact() throws IOException {
    return Files.readString(victim).equals(VICTIM_TEXT);
  }
}
