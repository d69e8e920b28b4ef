package io.d2j.keacontrol.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The catalogue of the test daemon of kea-control's own tests. */
public enum TestLog implements LogId {
  TEST_CHECK_FAIL(Level.ERROR, "{}"),
  TEST_CONFIG_FAIL(Level.ERROR, "{}"),
  TEST_IGNORED(Level.ERROR, "'{}' ignored; only '{}' is read"),
  TEST_RELOADING(Level.INFO, "reloading {}"),
  TEST_APPLIED(Level.INFO, "{}: configuration applied"),
  TEST_START_FAIL(Level.ERROR, "{}"),
  TEST_LOGGING(Level.WARN, "{}"),
  TEST_WARN(Level.WARN, "{}"),
  TEST_SIGNAL(Level.WARN, "SIG{} not handled: {}");

  private final Level severity;
  private final String text;

  TestLog(Level severity, String text) {
    this.severity = severity;
    this.text = text;
  }

  @Override
  public String id() {
    return name();
  }

  @Override
  public Level severity() {
    return severity;
  }

  @Override
  public String logger() {
    return "test";
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public Logger log() {
    return LoggerFactory.getLogger("test.daemon");
  }
}
