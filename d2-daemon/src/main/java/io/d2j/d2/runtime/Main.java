package io.d2j.d2.runtime;

import ch.qos.logback.classic.Level;
import io.d2j.d2.config.D2Config;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keacontrol.SystemdNotifier;
import io.d2j.keacontrol.logging.KeaLogging;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code d2j-dhcp-ddns}: the command line of Kea's {@code kea-dhcp-ddns}, so operators' habits and
 * unit files carry over. {@code -c FILE} runs, {@code -t FILE} checks, {@code -v} prints the
 * version, {@code -V} the extended version, {@code -W} the build report, {@code -d} logs at debug.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp-ddns.dhcpddns");

  private Main() {}

  public static void main(String[] args) {
    System.exit(start(args, System.out, System.err).join());
  }

  /**
   * Runs the command line. Returns the exit code, or -1 after starting the daemon (which then runs
   * until a shutdown).
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return start(args, out, err).getNow(-1);
  }

  /**
   * Runs the command line. The future is complete at once for {@code -t}, {@code -v} and errors;
   * for {@code -c} it completes with the exit code when the daemon stops ({@code shutdown}'s
   * exit-value, 0 after SIGTERM).
   */
  static CompletableFuture<Integer> start(String[] args, PrintStream out, PrintStream err) {
    String configFile = null;
    boolean testOnly = false;
    boolean debug = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-v" -> {
          out.println(Version.VERSION);
          return done(0);
        }
        case "-V" -> {
          out.println(Version.extended());
          return done(0);
        }
        case "-W" -> {
          out.println(Version.buildReport());
          return done(0);
        }
        case "-d" -> debug = true;
        case "-c", "-t" -> {
          if (i + 1 >= args.length) {
            err.println(args[i] + ": needs a configuration file name");
            return done(usage(err));
          }
          testOnly = "-t".equals(args[i]);
          configFile = args[++i];
        }
        default -> {
          err.println("unknown argument: " + args[i]);
          return done(usage(err));
        }
      }
    }
    if (configFile == null) {
      err.println("a configuration file is required (-c FILE or -t FILE)");
      return done(usage(err));
    }
    if (debug) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
          .setLevel(Level.DEBUG);
    }
    D2Config config;
    try {
      config = load(Path.of(configFile));
    } catch (ConfigException e) {
      err.println("DHCP_DDNS_CONFIG_CHECK_FAIL " + e.getMessage());
      return done(1);
    } catch (IOException e) {
      err.println("DHCP_DDNS_CONFIG_CHECK_FAIL cannot read " + configFile + ": " + e.getMessage());
      return done(1);
    }
    config.warnings().forEach(w -> err.println("WARN " + w));
    if (testOnly) {
      out.println("Configuration check successful: " + configFile);
      return done(0);
    }
    // Kea's loggers block takes over from the built-in default before the daemon says anything.
    KeaLogging logging = KeaLogging.forProcess();
    logging.apply(config.loggers(), debug).forEach(p -> err.println("WARN DHCP_DDNS_LOGGING " + p));
    config.warnings().forEach(w -> LOG.warn("DHCP_DDNS_CONFIG_WARNING {}", w));
    boolean verbose = debug;
    return serve(
        config,
        Path.of(configFile),
        err,
        next ->
            logging
                .apply(next.loggers(), verbose)
                .forEach(p -> LOG.warn("DHCP_DDNS_LOGGING {}", p)));
  }

  /** Reads and validates a configuration file. */
  public static D2Config load(Path file) throws IOException {
    return D2Daemon.load(file);
  }

  private static CompletableFuture<Integer> done(int code) {
    return CompletableFuture.completedFuture(code);
  }

  private static CompletableFuture<Integer> serve(
      D2Config config, Path file, PrintStream err, Consumer<D2Config> onConfigured) {
    D2Daemon daemon;
    try {
      daemon = D2Daemon.start(config, Optional.of(file), Clock.systemDefaultZone());
    } catch (IOException e) {
      err.println(
          "DHCP_DDNS_FAILED cannot start: "
              + e.getMessage()
              + " (NCRs on "
              + io.d2j.ncr.IpAddresses.format(config.ipAddress())
              + ":"
              + config.port()
              + ")");
      return done(1);
    }
    daemon.onConfigured(onConfigured);
    Signals.install(daemon);
    SystemdNotifier.fromEnvironment()
        .ready(
            "serving NCRs on "
                + io.d2j.ncr.IpAddresses.format(config.ipAddress())
                + ":"
                + config.port(),
            LOG);
    // A JVM ended otherwise (System.exit elsewhere, a fatal error) still removes the socket file.
    Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "d2j-shutdown"));
    return daemon.exitCode();
  }

  private static int usage(PrintStream err) {
    err.println(
        "usage: d2j-dhcp-ddns -c FILE   run with the Kea-format DhcpDdns configuration FILE\n"
            + "       d2j-dhcp-ddns -t FILE   check FILE and exit 0 (valid) or 1\n"
            + "       d2j-dhcp-ddns -v | -V | -W   version | extended version | build report\n"
            + "       -d   log at debug level");
    return 1;
  }
}
