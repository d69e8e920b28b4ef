package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.keacontrol.cli.CommandLine;
import io.d2j.keacontrol.cli.DaemonLauncher;
import io.d2j.keacontrol.cli.DaemonProgram;
import io.d2j.keacontrol.cli.RunningDaemon;
import io.d2j.keacontrol.commands.VersionInfo;
import io.d2j.keacontrol.logging.LoggerSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code d2j-dhcp4}: kea-dhcp4's command line (kea-control's {@link DaemonLauncher}). {@code -c
 * FILE} runs, {@code -t FILE} checks, {@code -v} / {@code -V} / {@code -W} print the version, the
 * extended version and the build report, {@code -d} logs at debug, {@code -p PORT} sets the
 * listening port (default 67) and {@code -P PORT} sends every reply to that port (perfdhcp's {@code
 * -L}), as kea-dhcp4 has them. SIGHUP reloads the file; SIGTERM and SIGINT stop the server.
 */
public final class Main implements DaemonProgram<Dhcp4Config> {

  private static final LogIds IDS =
      new LogIds(
          Dhcp4Log.DHCP4_CONFIG_LOAD_FAIL,
          Dhcp4Log.DHCP4_INIT_FAIL,
          Dhcp4Log.DHCP4_LOGGING,
          Dhcp4Log.DHCP4_CONFIG_WARNING,
          Dhcp4Log.DCTL_SIGNAL_UNAVAILABLE);

  public static void main(String[] args) {
    System.exit(start(args, System.out, System.err).join());
  }

  /** Runs the command line: an exit code, or -1 once the server is running. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return start(args, out, err).getNow(-1);
  }

  /**
   * Runs the command line. The future is complete at once for {@code -t}, the version flags and
   * errors; for {@code -c} it completes with the exit code when the server stops.
   */
  static CompletableFuture<Integer> start(String[] args, PrintStream out, PrintStream err) {
    return DaemonLauncher.start(new Main(), args, out, err);
  }

  @Override
  public String command() {
    return "d2j-dhcp4";
  }

  @Override
  public String keaName() {
    return "kea-dhcp4";
  }

  @Override
  public String module() {
    return "Dhcp4";
  }

  @Override
  public boolean takesPorts() {
    return true;
  }

  @Override
  public VersionInfo version() {
    return Version.info();
  }

  @Override
  public Dhcp4Config read(Path file) throws IOException {
    return Dhcp4ConfigParser.read(file);
  }

  @Override
  public List<String> warnings(Dhcp4Config config) {
    return config.warnings();
  }

  @Override
  public List<LoggerSpec> loggers(Dhcp4Config config) {
    return config.loggers();
  }

  @Override
  public LogIds ids() {
    return IDS;
  }

  @Override
  public String readyStatus(Dhcp4Config config) {
    return "serving DHCPv4";
  }

  @Override
  public RunningDaemon start(
      Dhcp4Config config, Path file, CommandLine line, Consumer<Dhcp4Config> onConfigured)
      throws IOException {
    Dhcp4Process process =
        Dhcp4Process.start(
            Optional.of(file.toAbsolutePath()),
            config,
            new Dhcp4Server.Ports(
                line.serverPort().orElse(ReplyRouting.SERVER_PORT), line.clientPort()),
            Clock.systemUTC());
    process.onConfigured(onConfigured);
    return process;
  }
}
