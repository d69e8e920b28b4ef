package io.d2j.keacontrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class SystemdNotifierTest {

  @TempDir Path dir;

  @Test
  void withoutNotifySocket_sendsNothing() throws IOException {
    Path program = recorder(0);
    SystemdNotifier notifier = new SystemdNotifier(null, program.toString());
    RecordingLogger log = new RecordingLogger();

    assertThat(notifier.enabled()).isFalse();
    assertThat(notifier.ready("serving", log)).isFalse();
    assertThat(dir.resolve("args")).doesNotExist();
    assertThat(log.lines).isEmpty();
  }

  @Test
  void fromEnvironment_emptyNotifySocket_isDisabled() {
    assertThat(SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "")).enabled()).isFalse();
    assertThat(SystemdNotifier.fromEnvironment(Map.of()).enabled()).isFalse();
    assertThat(
            SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"))
                .enabled())
        .isTrue();
  }

  @Test
  void ready_runsSystemdNotifyWithReadyAndTheStatus() throws IOException {
    Path program = recorder(0);
    SystemdNotifier notifier = new SystemdNotifier("/run/systemd/notify", program.toString());
    RecordingLogger log = new RecordingLogger();

    assertThat(notifier.ready("serving NCRs on 127.0.0.1:53001", log)).isTrue();

    assertThat(Files.readAllLines(dir.resolve("args")))
        .containsExactly("--ready", "--status=serving NCRs on 127.0.0.1:53001");
    assertThat(log.lines).isEmpty();
  }

  @Test
  void ready_programFails_isLoggedWithItsOutput() throws IOException {
    Path program = recorder(1);
    SystemdNotifier notifier = new SystemdNotifier("/run/systemd/notify", program.toString());
    RecordingLogger log = new RecordingLogger();

    assertThat(notifier.ready("serving", log)).isFalse();

    assertThat(log.lines)
        .containsExactly(
            "WARN D2J_SYSTEMD_NOTIFY_FAILED "
                + program
                + " --ready --status=serving exited with 1: No such file or directory");
  }

  @Test
  void ready_programMissing_isLogged() {
    Path missing = dir.resolve("no-such-systemd-notify");
    SystemdNotifier notifier = new SystemdNotifier("/run/systemd/notify", missing.toString());
    RecordingLogger log = new RecordingLogger();

    assertThat(notifier.ready("serving", log)).isFalse();

    assertThat(log.lines)
        .singleElement()
        .asString()
        .startsWith("WARN D2J_SYSTEMD_NOTIFY_FAILED cannot run " + missing + ": ");
  }

  /**
   * A stand-in for systemd-notify: writes its arguments one per line, prints, exits {@code code}.
   */
  private Path recorder(int code) throws IOException {
    Path script = dir.resolve("systemd-notify");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '"
            + dir.resolve("args")
            + "'\n"
            + (code == 0 ? "" : "echo 'No such file or directory'\n")
            + "exit "
            + code
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  /** Keeps each formatted line as "LEVEL message". */
  private static final class RecordingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    final List<String> lines = new ArrayList<>();

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }
}
