package io.d2j.keacontrol.logging;

import org.slf4j.event.Level;

/** The catalogue of the test daemon of kea-control's own tests. */
public enum TestLog implements LogId {
  TEST_CHECK_FAIL(Level.ERROR, "{}"),
  TEST_CONFIG_FAIL(Level.ERROR, "{}"),
  TEST_IGNORED(Level.ERROR, "'{}' ignored; only '{}' is read"),
  TEST_RELOADING(Level.INFO, "reloading {}"),
  TEST_APPLIED(Level.INFO, "{}: configuration applied"),
  TEST_WRITE_REFUSED(Level.ERROR, "{}"),
  TEST_START_FAIL(Level.ERROR, "{}"),
  TEST_LOGGING(Level.WARN, "{}"),
  TEST_WARN(Level.WARN, "{}"),
  TEST_SIGNAL(Level.WARN, "SIG{} not handled: {}"),
  TEST_STOPPING(Level.INFO, "stopping");

  private final LogLine line;

  TestLog(Level severity, String text) {
    this.line = new LogLine(name(), severity, "test", "daemon", text);
  }

  @Override
  public LogLine parts() {
    return line;
  }
}
