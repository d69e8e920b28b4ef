package io.d2j.keacontrol.files;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one daemon's control channel may have files written: the directory of each {@link
 * FileArea}. Built once by the composition root from the environment and the {@code -c} file.
 *
 * @param configDir {@code D2J_CONFIG_DIR}, else the {@code -c} file's directory; empty for a daemon
 *     started without either (config-write then writes nothing)
 * @param logDir {@code D2J_LOG_DIR}, default {@code /var/log/d2j}
 * @param stateDir {@code D2J_STATE_DIR}, default {@code /var/lib/d2j}
 * @param socketDir {@code D2J_SOCKET_DIR}, default {@code /run/d2j}
 */
public record FileAreas(Optional<Path> configDir, Path logDir, Path stateDir, Path socketDir) {

  public FileAreas {
    configDir = configDir.map(FileAreas::absolute);
    logDir = absolute(logDir);
    stateDir = absolute(stateDir);
    socketDir = absolute(socketDir);
  }

  /** The areas {@code env} (the process environment) sets, for a daemon started from {@code -c}. */
  public static FileAreas fromEnvironment(Map<String, String> env, Optional<Path> configFile) {
    Optional<Path> config =
        Optional.ofNullable(blankToNull(env.get(FileArea.CONFIG.variable())))
            .map(Path::of)
            .or(() -> configFile.map(f -> f.toAbsolutePath().getParent()));
    return new FileAreas(
        config, dir(env, FileArea.LOG), dir(env, FileArea.STATE), dir(env, FileArea.SOCKET));
  }

  /**
   * Every area under one directory (tests, embedded use): {@code base/config}, {@code base/log}…
   */
  public static FileAreas under(Path base) {
    return new FileAreas(
        Optional.of(base.resolve("config")),
        base.resolve("log"),
        base.resolve("state"),
        base.resolve("run"));
  }

  /** The directory of {@code area}; empty only for {@link FileArea#CONFIG} when there is none. */
  public Optional<Path> dir(FileArea area) {
    return switch (area) {
      case CONFIG -> configDir;
      case LOG -> Optional.of(logDir);
      case STATE -> Optional.of(stateDir);
      case SOCKET -> Optional.of(socketDir);
    };
  }

  private static Path dir(Map<String, String> env, FileArea area) {
    String set = blankToNull(env.get(area.variable()));
    return Path.of(set != null ? set : area.defaultDir());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Path absolute(Path p) {
    return Objects.requireNonNull(p, "dir").toAbsolutePath().normalize();
  }
}
