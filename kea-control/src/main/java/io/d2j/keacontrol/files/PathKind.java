package io.d2j.keacontrol.files;

/** What the daemon will do with a path a request names, and so what may already be there. */
public enum PathKind {
  /** Create or append to / replace a regular file (log file, config-write, lease file). */
  WRITE_FILE,
  /** Read an existing regular file (TSIG secret-file). */
  READ_FILE,
  /** A directory the daemon creates if absent and writes files in (D2's journal). */
  DIRECTORY,
  /** A unix socket the daemon binds (a stale socket there is replaced). */
  SOCKET
}
