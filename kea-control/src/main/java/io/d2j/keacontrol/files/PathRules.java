package io.d2j.keacontrol.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The rules for a path a control-channel request names (issue 16 item 1; docs/security.md): it lies
 * inside its {@link FileArea}'s directory, as written (no {@code ..}) and as the file system
 * resolves it (no symbolic link leads out); what is already there is of the expected kind (never a
 * directory, FIFO or device where a file is written); a file has one name only (no hard link to a
 * file elsewhere). Each refusal names the path and the rule.
 *
 * <p>The checks run when the request is handled; someone who can change the area's directories
 * meanwhile could still race them, which is why the areas must be writable only by the daemon's
 * user and root (the packaged units make them so).
 */
public final class PathRules {

  private PathRules() {}

  /**
   * Checks {@code text}, resolved against {@code baseDir}, for {@code kind} in {@code area}.
   *
   * @return the path to use: with every symbolic link of the existing part resolved (inside the
   *     area), so that using it later follows no link
   * @throws PathRefusedException naming the path and the rule it breaks
   */
  public static Path check(String text, Path baseDir, FileArea area, PathKind kind, FileAreas areas)
      throws PathRefusedException {
    String quoted = "'" + text + "' refused: ";
    Path dir =
        areas
            .dir(area)
            .orElseThrow(
                () ->
                    new PathRefusedException(
                        quoted
                            + "no "
                            + area.title()
                            + " (the daemon was started without -c and "
                            + area.variable()
                            + " is not set)"));
    Path given;
    try {
      given = Path.of(text);
    } catch (InvalidPathException e) {
      throw new PathRefusedException(quoted + "not a valid path: " + e.getReason());
    }
    for (Path element : given) {
      if (element.toString().equals("..")) {
        throw new PathRefusedException(
            quoted + "'..' is not allowed in a path a command names (" + describe(area, dir) + ")");
      }
    }
    Path target = baseDir.toAbsolutePath().normalize().resolve(given).normalize();
    String named = target.toString().equals(text) ? quoted : quoted + target + " ";
    if (!target.startsWith(dir)) {
      throw new PathRefusedException(
          named
              + "is outside the "
              + describe(area, dir)
              + "; a command may only name paths there");
    }
    if (target.equals(dir)) {
      throw new PathRefusedException(named + "is the " + describe(area, dir) + " itself");
    }
    Path realDir;
    try {
      realDir = dir.toRealPath();
    } catch (IOException e) {
      throw new PathRefusedException(quoted + "the " + describe(area, dir) + " does not exist");
    }
    Path existing = target;
    while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (NoSuchFileException e) {
      throw new PathRefusedException(
          named + "is a symbolic link to nothing (" + e.getMessage() + " does not exist)");
    } catch (IOException e) {
      throw new PathRefusedException(named + "cannot be resolved: " + e);
    }
    if (!real.startsWith(realDir)) {
      throw new PathRefusedException(
          named
              + "leads through a symbolic link to "
              + real
              + ", outside the "
              + describe(area, dir));
    }
    if (existing.equals(target)) {
      checkExisting(named, real, kind);
      return real;
    }
    if (kind == PathKind.READ_FILE) {
      throw new PathRefusedException(named + "does not exist");
    }
    if (!Files.isDirectory(real)) {
      throw new PathRefusedException(
          named + "cannot be created: " + existing + " is not a directory");
    }
    if (kind != PathKind.DIRECTORY && !existing.equals(target.getParent())) {
      throw new PathRefusedException(
          named + "cannot be created: its directory " + target.getParent() + " does not exist");
    }
    return real.resolve(existing.relativize(target));
  }

  /**
   * Where {@code config-write {"filename": name}} may write: {@code name} (relative to the
   * configuration directory) checked as a file to write in {@link FileArea#CONFIG}.
   */
  public static Path configWriteTarget(String name, FileAreas areas) throws PathRefusedException {
    Path base = areas.configDir().orElse(Path.of("").toAbsolutePath());
    return check(name, base, FileArea.CONFIG, PathKind.WRITE_FILE, areas);
  }

  /**
   * Where config-write writes without a file name: the {@code -c} file the operator chose, through
   * a symbolic link if it is one (the link stays; its target is replaced).
   */
  public static Path configFileTarget(Path configFile) {
    try {
      return configFile.toRealPath();
    } catch (IOException e) {
      return configFile.toAbsolutePath();
    }
  }

  private static void checkExisting(String named, Path real, PathKind kind)
      throws PathRefusedException {
    BasicFileAttributes a;
    int mode;
    int links;
    try {
      a = Files.readAttributes(real, BasicFileAttributes.class);
      mode = (Integer) Files.getAttribute(real, "unix:mode");
      links = (Integer) Files.getAttribute(real, "unix:nlink");
    } catch (IOException | UnsupportedOperationException e) {
      throw new PathRefusedException(named + "cannot be examined: " + e);
    }
    String type = typeName(a, mode);
    switch (kind) {
      case WRITE_FILE, READ_FILE -> {
        if (!a.isRegularFile()) {
          throw new PathRefusedException(named + "is " + type + ", not a regular file");
        }
        if (links > 1) {
          throw new PathRefusedException(
              named
                  + "has "
                  + links
                  + " hard links; a file named over the control channel must have only one");
        }
      }
      case DIRECTORY -> {
        if (!a.isDirectory()) {
          throw new PathRefusedException(named + "is " + type + ", not a directory");
        }
      }
      case SOCKET -> {
        if (!"a socket".equals(type)) {
          throw new PathRefusedException(named + "is " + type + ", not a socket");
        }
      }
    }
  }

  /** The file type from {@code st_mode} (S_IFMT), as messages say it. */
  private static String typeName(BasicFileAttributes a, int mode) {
    if (a.isRegularFile()) {
      return "a regular file";
    }
    if (a.isDirectory()) {
      return "a directory";
    }
    return switch (mode & 0170000) {
      case 0010000 -> "a FIFO";
      case 0140000 -> "a socket";
      case 0020000 -> "a character device";
      case 0060000 -> "a block device";
      default -> "a special file";
    };
  }

  static String describe(FileArea area, Path dir) {
    return area.title() + " " + dir + " (" + area.variable() + ")";
  }
}
