package io.d2j.keacontrol.files;

import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.ConfigString;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a configuration parser turns a path member into a {@link Path}. A configuration the operator
 * wrote (the {@code -c} file, config-reload, SIGHUP) is {@link #TRUSTED}: any path, resolved
 * against the file's directory, as Kea does. A configuration a command sent (config-set,
 * config-test) gets {@link #forCommand}: each path must pass {@link PathRules} for its area, unless
 * the active configuration has the very same text at the same JSON path (the operator's own choice,
 * sent back by a config-get / config-set round trip).
 *
 * <pre>{@code
 * Path log = guard.admit(output, "output", baseDir, FileArea.LOG, PathKind.WRITE_FILE);
 * // /DhcpDdns/loggers/0/output_options/0/output: '/etc/cron.d/x' refused: is outside the log
 * //   directory /var/log/d2j (D2J_LOG_DIR); a command may only name paths there (args:1:120)
 * }</pre>
 */
public final class PathGuard {

  /** The operator's own file: every path as written. */
  public static final PathGuard TRUSTED = new PathGuard(null, null);

  private final FileAreas areas;
  private final ConfigMap active;

  private PathGuard(FileAreas areas, ConfigMap active) {
    this.areas = areas;
    this.active = active;
  }

  /**
   * For a configuration a command sent.
   *
   * @param active the module map of the configuration in force ({@code source()}), whose paths a
   *     command may repeat unchanged
   */
  public static PathGuard forCommand(FileAreas areas, ConfigMap active) {
    return new PathGuard(Objects.requireNonNull(areas, "areas"), active);
  }

  /** Whether paths are checked (a command's configuration). */
  public boolean restricts() {
    return areas != null;
  }

  /**
   * The path {@code owner}'s string member {@code key} names, resolved against {@code baseDir}; for
   * a command, checked for {@code kind} in {@code area}.
   *
   * @throws io.d2j.keaconfig.ConfigException at the member, naming the path and the rule
   * @throws java.nio.file.InvalidPathException for text no path can hold (trusted files only)
   */
  public Path admit(ConfigMap owner, String key, Path baseDir, FileArea area, PathKind kind) {
    String text = owner.requireString(key);
    if (areas == null || sameAsActive(owner.require(key), text)) {
      return baseDir.resolve(text);
    }
    try {
      return PathRules.check(text, baseDir, area, kind, areas);
    } catch (PathRefusedException e) {
      throw owner.require(key).error(e.getMessage());
    }
  }

  /**
   * A control socket's file mode from {@code owner}'s member {@code key}: a command may not give
   * other users (the last octal digit) access to the control channel, unless the active
   * configuration already does at the same place.
   *
   * @throws io.d2j.keaconfig.ConfigException at the member, naming the mode and the rule
   */
  public int admitSocketMode(ConfigMap owner, String key, int mode) {
    if (areas != null
        && (mode & 07) != 0
        && !sameAsActive(owner.require(key), owner.requireString(key))) {
      throw owner
          .require(key)
          .error(
              String.format(
                  "'%04o' refused: a command may not open the control socket to other users (the"
                      + " last digit must be 0)",
                  mode));
    }
    return mode;
  }

  /**
   * Whether a logger {@code output} text is one of the streams (stdout, stderr, syslog,
   * syslog:FACILITY) rather than a file.
   */
  public static boolean isLogStream(String output) {
    return output.equals("stdout")
        || output.equals("stderr")
        || output.equals("syslog")
        || output.startsWith("syslog:");
  }

  private boolean sameAsActive(ConfigNode node, String text) {
    if (active == null) {
      return false;
    }
    List<String> base = active.path().segments();
    List<String> path = node.path().segments();
    if (path.size() <= base.size() || !path.subList(0, base.size()).equals(base)) {
      return false;
    }
    Optional<ConfigNode> at = Optional.of(active);
    for (String segment : path.subList(base.size(), path.size())) {
      at = at.flatMap(n -> child(n, segment));
    }
    return at.filter(n -> n instanceof ConfigString s && s.value().equals(text)).isPresent();
  }

  private static Optional<ConfigNode> child(ConfigNode node, String segment) {
    if (node instanceof ConfigMap m) {
      return m.get(segment);
    }
    if (node instanceof ConfigList l) {
      try {
        int i = Integer.parseInt(segment);
        return i >= 0 && i < l.size() ? Optional.of(l.get(i)) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
