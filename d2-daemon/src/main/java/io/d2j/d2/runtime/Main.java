package io.d2j.d2.runtime;

import ch.qos.logback.classic.Level;
import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.d2.logging.KeaLogging;
import io.d2j.d2.stats.Statistics;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.KeaConfigReader;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
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
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
    // Serving: the daemon lives on its own threads until SIGTERM/SIGINT runs the shutdown hook.
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the command line. Returns the exit code, or -1 after starting the daemon (which then runs
   * until SIGTERM/SIGINT).
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String configFile = null;
    boolean testOnly = false;
    boolean debug = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-v" -> {
          out.println(Version.VERSION);
          return 0;
        }
        case "-V" -> {
          out.println(Version.extended());
          return 0;
        }
        case "-W" -> {
          out.println(Version.buildReport());
          return 0;
        }
        case "-d" -> debug = true;
        case "-c", "-t" -> {
          if (i + 1 >= args.length) {
            err.println(args[i] + ": needs a configuration file name");
            return usage(err);
          }
          testOnly = "-t".equals(args[i]);
          configFile = args[++i];
        }
        default -> {
          err.println("unknown argument: " + args[i]);
          return usage(err);
        }
      }
    }
    if (configFile == null) {
      err.println("a configuration file is required (-c FILE or -t FILE)");
      return usage(err);
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
      return 1;
    } catch (IOException e) {
      err.println("DHCP_DDNS_CONFIG_CHECK_FAIL cannot read " + configFile + ": " + e.getMessage());
      return 1;
    }
    config.warnings().forEach(w -> err.println("WARN " + w));
    if (testOnly) {
      out.println("Configuration check successful: " + configFile);
      return 0;
    }
    // Kea's loggers block takes over from the built-in default before the daemon says anything.
    KeaLogging.forProcess()
        .apply(config.loggers(), debug)
        .forEach(p -> err.println("WARN DHCP_DDNS_LOGGING " + p));
    config.warnings().forEach(w -> LOG.warn("DHCP_DDNS_CONFIG_WARNING {}", w));
    return serve(config, err);
  }

  /** Reads and validates a configuration file. */
  public static D2Config load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file");
    }
    ConfigMap root = KeaConfigReader.read(file);
    Path dir = file.toAbsolutePath().getParent();
    return D2ConfigParser.parse(root, dir);
  }

  private static int serve(D2Config config, PrintStream err) {
    Vertx vertx = Vertx.vertx();
    Statistics stats = new Statistics(Clock.systemUTC());
    D2Process process = new D2Process(vertx, config, stats, Clock.systemUTC());
    try {
      process.start();
    } catch (IOException e) {
      err.println(
          "DHCP_DDNS_FAILED cannot listen for NCRs on "
              + io.d2j.ncr.IpAddresses.format(config.ipAddress())
              + ":"
              + config.port()
              + ": "
              + e.getMessage());
      vertx.close();
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  process.close();
                  vertx.close().await();
                },
                "d2j-shutdown"));
    return -1;
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
