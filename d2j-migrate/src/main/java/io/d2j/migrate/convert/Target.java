package io.d2j.migrate.convert;

/**
 * The Kea version whose schema the output follows ({@code --target}). Keys newer than the target
 * are never emitted: e.g. {@code ddns-conflict-resolution-mode} (2.6) and {@code ddns-ttl} (3.0).
 */
public enum Target {
  KEA_2_2("2.2"),
  KEA_2_6("2.6"),
  KEA_3_0("3.0");

  private final String version;

  Target(String version) {
    this.version = version;
  }

  public String version() {
    return version;
  }

  /** Whether the target is this version or newer. */
  public boolean atLeast(Target other) {
    return compareTo(other) >= 0;
  }

  /** The target named {@code 2.2}, {@code 2.6} or {@code 3.0}. */
  public static Target of(String version) {
    for (Target t : values()) {
      if (t.version.equals(version)) {
        return t;
      }
    }
    throw new IllegalArgumentException("--target: expected 2.2, 2.6 or 3.0, got '" + version + "'");
  }
}
