package io.d2j.keacontrol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Tells systemd that the daemon of a {@code Type=notify} unit is ready (sd_notify(3)): {@code
 * READY=1} once it serves, so units ordered after it start only then and {@code systemctl start}
 * returns when the daemon answers.
 *
 * <p>The notice goes through systemd's own {@code systemd-notify}, because the JDK cannot send on
 * the unix datagram socket systemd names in {@code NOTIFY_SOCKET}. {@code systemd-notify} waits
 * until the service manager has read the notice (its barrier), so the notice is never lost to the
 * sender having exited; since the sender is a child of the daemon, the unit says {@code
 * NotifyAccess=all}. Without {@code NOTIFY_SOCKET} (the daemon was not started by systemd, or by a
 * unit of another type) nothing is sent and nothing is started.
 *
 * <pre>{@code
 * SystemdNotifier.fromEnvironment().ready("serving NCRs on 127.0.0.1:53001", LOG);
 * // runs: systemd-notify --ready --status=serving NCRs on 127.0.0.1:53001
 * }</pre>
 */
public final class SystemdNotifier {

  /** How long a notice may take; the manager answers in milliseconds unless it is wedged. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String notifySocket;
  private final String program;

  SystemdNotifier(String notifySocket, String program) {
    this.notifySocket = notifySocket;
    this.program = Objects.requireNonNull(program, "program");
  }

  /** The notifier of this process: enabled when systemd set {@code NOTIFY_SOCKET}. */
  public static SystemdNotifier fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static SystemdNotifier fromEnvironment(Map<String, String> environment) {
    String socket = environment.get("NOTIFY_SOCKET");
    return new SystemdNotifier(
        socket == null || socket.isEmpty() ? null : socket, "systemd-notify");
  }

  /** Whether systemd asked for notices. */
  public boolean enabled() {
    return notifySocket != null;
  }

  /**
   * {@code READY=1} with a status line. Returns whether the notice was delivered; a failure is
   * logged ({@code D2J_SYSTEMD_NOTIFY_FAILED}) and systemd then fails the start after its
   * TimeoutStartSec.
   */
  public boolean ready(String status, Logger log) {
    return send(List.of("--ready", "--status=" + status), log);
  }

  private boolean send(List<String> arguments, Logger log) {
    if (!enabled()) {
      return false;
    }
    List<String> command = new ArrayList<>();
    command.add(program);
    command.addAll(arguments);
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        log.warn(
            "D2J_SYSTEMD_NOTIFY_FAILED {} did not return within {} s",
            String.join(" ", command),
            TIMEOUT.toSeconds());
        return false;
      }
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        log.warn(
            "D2J_SYSTEMD_NOTIFY_FAILED {} exited with {}: {}",
            String.join(" ", command),
            process.exitValue(),
            output);
        return false;
      }
      return true;
    } catch (IOException e) {
      log.warn("D2J_SYSTEMD_NOTIFY_FAILED cannot run {}: {}", program, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
