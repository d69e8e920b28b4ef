package io.d2j.keacontrol.files;

/**
 * The directories a control-channel request may make a daemon write (or read) in, one per purpose,
 * each with the environment variable that moves it. A configuration read from the {@code -c} file
 * is the operator's and may name any path; what a command names must lie in its area.
 */
public enum FileArea {
  /** config-write's files and, for config-set, TSIG {@code secret-file}s: the {@code -c} file's. */
  CONFIG("configuration directory", "D2J_CONFIG_DIR", null),
  /** Logger {@code output} files. */
  LOG("log directory", "D2J_LOG_DIR", "/var/log/d2j"),
  /** The D2's journal, d2j-dhcp4's lease file. */
  STATE("state directory", "D2J_STATE_DIR", "/var/lib/d2j"),
  /** Control sockets. */
  SOCKET("socket directory", "D2J_SOCKET_DIR", "/run/d2j");

  private final String title;
  private final String variable;
  private final String defaultDir;

  FileArea(String title, String variable, String defaultDir) {
    this.title = title;
    this.variable = variable;
    this.defaultDir = defaultDir;
  }

  /** How messages name it: {@code log directory}. */
  public String title() {
    return title;
  }

  /** The environment variable that sets it: {@code D2J_LOG_DIR}. */
  public String variable() {
    return variable;
  }

  /** The directory without the variable; null for {@link #CONFIG} (the {@code -c} file's). */
  String defaultDir() {
    return defaultDir;
  }
}
