package io.d2j.keacontrol.cli;

import ch.qos.logback.classic.Level;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keacontrol.SystemdNotifier;
import io.d2j.keacontrol.logging.KeaLogging;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line every d2j daemon shares: parses Kea's flags ({@link CommandLine}), prints the
 * version, checks ({@code -t}) or loads ({@code -c}) the configuration, applies its Kea {@code
 * loggers} before the daemon says anything (and again on every reconfiguration), starts the daemon,
 * installs the signals and a JVM shutdown hook, and tells systemd ({@code Type=notify}) that the
 * daemon serves.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(DaemonLauncher.start(new D2Program(), args, System.out, System.err).join());
 * }
 * }</pre>
 */
public final class DaemonLauncher {

  private DaemonLauncher() {}

  /**
   * Runs the command line. The future is complete at once for {@code -t}, the version flags and
   * errors; for {@code -c} it completes with the exit code when the daemon stops.
   */
  public static <C> CompletableFuture<Integer> start(
      DaemonProgram<C> program, String[] args, PrintStream out, PrintStream err) {
    quietNettyJfr();
    CommandLine line;
    try {
      line = CommandLine.parse(args, program.takesPorts());
    } catch (CommandLine.UsageException e) {
      err.println(e.getMessage());
      err.println(CommandLine.usage(program.command(), program.module(), program.takesPorts()));
      return done(1);
    }
    switch (line.mode()) {
      case VERSION:
        out.println(program.version().version());
        return done(0);
      case EXTENDED_VERSION:
        out.println(program.version().extended());
        return done(0);
      case BUILD_REPORT:
        out.println(program.version().buildReport());
        return done(0);
      default:
        break;
    }
    Path file = line.configFile().orElseThrow();
    // -c: logging (SLF4J, Logback and the built-in default), then what the program prepares
    // (Vert.x), start on a thread of their own while this one reads the configuration, which logs
    // nothing (issue 14: on two cores the two overlap). Nothing here touches SLF4J before join.
    CompletableFuture<AutoCloseable> early;
    if (line.mode() == CommandLine.Mode.RUN) {
      early = startEarly(program, line.debug());
    } else {
      setUpLogging(line.debug());
      early = CompletableFuture.completedFuture(() -> {});
    }
    C config = null;
    String readFailure = null;
    try {
      config = program.read(file);
    } catch (ConfigException e) {
      readFailure = e.getMessage();
    } catch (IOException e) {
      readFailure = "cannot read " + file + ": " + e.getMessage();
    }
    AutoCloseable prepared = join(early);
    DaemonProgram.LogIds ids = program.ids();
    if (readFailure != null) {
      err.println(ids.configFailed().line(readFailure));
      return abandon(prepared, 1);
    }
    if (line.mode() == CommandLine.Mode.TEST) {
      program.warnings(config).forEach(w -> err.println("WARN " + w));
      out.println("Configuration check successful: " + file);
      return done(0);
    }
    // Kea's loggers block takes over from the built-in default before the daemon says anything.
    KeaLogging logging = KeaLogging.forProcess(program.keaName());
    boolean verbose = line.debug();
    logging
        .apply(program.loggers(config), verbose)
        .forEach(p -> err.println("WARN " + ids.loggingProblem().line(p)));
    // A running daemon's warnings go to its log once, where its loggers send them (not also raw to
    // stderr: with the default stdout/stderr output an operator saw each one twice).
    program.warnings(config).forEach(w -> ids.configWarning().log(w));
    RunningDaemon daemon;
    try {
      daemon =
          program.start(
              config,
              file,
              line,
              next ->
                  logging
                      .apply(program.loggers(next), verbose)
                      .forEach(p -> ids.loggingProblem().log(p)));
    } catch (Exception e) {
      err.println(ids.startFailed().line(program.startFailure(config, e)));
      return abandon(prepared, 1);
    }
    Signals.install(daemon, ids.signalUnavailable());
    // A JVM ended otherwise (System.exit elsewhere, a fatal error) still removes the socket file.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(daemon::close, program.command() + "-shutdown"));
    // D2J_SYSTEMD_NOTIFY_FAILED goes where the configuration warnings go (dhcpddns / dhcp4). Sent
    // once the daemon says it is ready for its full load, on whichever thread completes that.
    SystemdNotifier notifier = SystemdNotifier.fromEnvironment();
    String status = program.readyStatus(config);
    daemon.ready().thenRun(() -> notifier.ready(status, ids.configWarning().slf4j()));
    return daemon.exitCode();
  }

  /**
   * Sets up logging, then calls {@link DaemonProgram#prepare}, on a thread of its own; the future
   * completes with what prepare returned.
   */
  private static CompletableFuture<AutoCloseable> startEarly(
      DaemonProgram<?> program, boolean debug) {
    CompletableFuture<AutoCloseable> early = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                setUpLogging(debug);
                early.complete(program.prepare());
              } catch (RuntimeException | Error e) {
                early.completeExceptionally(e);
              }
            },
            program.command() + "-start");
    t.setDaemon(true);
    t.start();
    return early;
  }

  /** SLF4J's first use: Logback with its built-in default (or a logback.xml); {@code -d}. */
  private static void setUpLogging(boolean debug) {
    org.slf4j.Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (debug) {
      ((ch.qos.logback.classic.Logger) root).setLevel(Level.DEBUG);
    }
  }

  /** The early start's result; its failure is thrown as it was thrown there. */
  private static AutoCloseable join(CompletableFuture<AutoCloseable> early) {
    try {
      return early.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Netty (4.2) emits JFR events from its buffer allocator whenever the JVM has a flight recorder,
   * recording or not, and its first buffer then makes the JVM generate JFR's event machinery: about
   * a tenth of the D2's start-up CPU before its first UPDATE (issue 14). Off unless the operator
   * asks for them ({@code -Dio.netty.jfr.enabled=true} in {@code D2J_JAVA_OPTS}); the JVM's own JFR
   * events are not affected. Set before anything loads Netty.
   */
  private static void quietNettyJfr() {
    if (System.getProperty(NETTY_JFR) == null) {
      System.setProperty(NETTY_JFR, "false");
    }
  }

  private static final String NETTY_JFR = "io.netty.jfr.enabled";

  /** Ends with {@code code}, releasing what {@link DaemonProgram#prepare} started. */
  private static CompletableFuture<Integer> abandon(AutoCloseable prepared, int code) {
    try {
      prepared.close();
    } catch (Exception e) {
      // Nothing more to do: the process is ending with an error already reported.
    }
    return done(code);
  }

  private static CompletableFuture<Integer> done(int code) {
    return CompletableFuture.completedFuture(code);
  }
}
