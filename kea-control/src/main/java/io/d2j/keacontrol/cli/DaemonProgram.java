package io.d2j.keacontrol.cli;

import io.d2j.keacontrol.commands.VersionInfo;
import io.d2j.keacontrol.logging.LogId;
import io.d2j.keacontrol.logging.LoggerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a daemon plugs into the shared command line ({@link DaemonLauncher}): its names, how it
 * reads its configuration, and how it starts.
 *
 * @param <C> the configuration type
 */
public interface DaemonProgram<C> {

  /** The command operators type: {@code d2j-dhcp-ddns}, {@code d2j-dhcp4}. */
  String command();

  /** Kea's process name, which is also the root of its loggers: {@code kea-dhcp-ddns}. */
  String keaName();

  /** The configuration's top-level key, for the usage text: {@code DhcpDdns}, {@code Dhcp4}. */
  String module();

  /** Whether {@code -p} and {@code -P} are this daemon's. */
  boolean takesPorts();

  VersionInfo version();

  /**
   * Reads and validates a configuration file; relative paths in it resolve against its directory.
   *
   * @throws io.d2j.keaconfig.ConfigException when it is invalid (JSON path, reason, position)
   * @throws IOException when it cannot be read
   */
  C read(Path file) throws IOException;

  /**
   * Called once in {@code -c} mode only, on the launcher's start thread once logging is set up,
   * while the main thread reads the configuration ({@link #read}, which must log nothing): work the
   * daemon will need whatever the configuration says may start now (issue 14: start-to-serving).
   * The result is closed when the daemon is not started after all (a bad configuration, a failed
   * start); {@link #start} takes over whatever it prepared.
   */
  default AutoCloseable prepare() {
    return () -> {};
  }

  /** Settings accepted with a warning, each starting with its JSON path. */
  List<String> warnings(C config);

  /** The {@code loggers} block. */
  List<LoggerSpec> loggers(C config);

  /**
   * The ids of the command line's own lines (docs/log-messages.md). Asked for once logging is set
   * up; a program should not make them in a static initialiser of its main class, which would set
   * logging up before the launcher runs.
   */
  LogIds ids();

  /**
   * The command line's lines, from the daemon's catalogue.
   *
   * @param configFailed the configuration is invalid or unreadable (stderr): the reason
   * @param startFailed the daemon cannot start (stderr): the reason
   * @param loggingProblem a {@code loggers} output could not start (stderr, then the log)
   * @param configWarning a load-time warning, logged once logging is set up
   * @param signalUnavailable a signal the platform does not offer: its name and why
   */
  record LogIds(
      LogId configFailed,
      LogId startFailed,
      LogId loggingProblem,
      LogId configWarning,
      LogId signalUnavailable) {}

  /**
   * Starts the daemon.
   *
   * @param onConfigured to be called with every configuration that becomes active after the start
   *     (config-set, config-reload, SIGHUP): the command line re-applies its loggers then
   * @throws Exception with the reason, when it cannot start (nothing is left running)
   */
  RunningDaemon start(C config, Path file, CommandLine line, Consumer<C> onConfigured)
      throws Exception;

  /**
   * The status systemd shows once the daemon serves ({@code systemd-notify --ready --status=...},
   * sent only when systemd set {@code NOTIFY_SOCKET}).
   */
  String readyStatus(C config);

  /** The line that says why the daemon could not start, after the start-failed id. */
  default String startFailure(C config, Exception e) {
    return "cannot start: " + e.getMessage();
  }
}
