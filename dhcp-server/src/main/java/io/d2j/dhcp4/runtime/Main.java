package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.lease.LeaseStoreException;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keacontrol.SystemdNotifier;
import io.d2j.keacontrol.logging.KeaLogging;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code d2j-dhcp4}: kea-dhcp4's command line. {@code -c FILE} runs, {@code -t FILE} checks, {@code
 * -v} prints the version, {@code -p PORT} sets the listening port (default 67) and {@code -P PORT}
 * sends every reply to that port (perfdhcp's {@code -L}), as kea-dhcp4 has them.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcp4");

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    AtomicReference<Dhcp4Process> started = new AtomicReference<>();
    int code = run(args, System.out, System.err, started::set);
    if (code >= 0) {
      System.exit(code);
    }
    Dhcp4Process process = started.get();
    SystemdNotifier.fromEnvironment().ready("serving DHCPv4", LOG);
    Signals.install(process);
    // A JVM ended otherwise (System.exit elsewhere, a fatal error) still closes the lease file.
    Thread hook = new Thread(process::close, "d2j-dhcp4-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int exitValue = process.awaitShutdown(); // the shutdown command
    process.close();
    System.exit(exitValue);
  }

  /** Runs the command line: an exit code, or -1 once the server is running. */
  static int run(String[] args, PrintStream out, PrintStream err, Consumer<Dhcp4Process> started) {
    String file = null;
    boolean testOnly = false;
    int serverPort = ReplyRouting.SERVER_PORT;
    OptionalInt clientPort = OptionalInt.empty();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ("-v".equals(a)) {
        out.println(Version.VERSION);
        return 0;
      } else if ("-c".equals(a) || "-t".equals(a) || "-p".equals(a) || "-P".equals(a)) {
        if (i + 1 >= args.length) {
          err.println(a + ": needs a value");
          return usage(err);
        }
        String v = args[++i];
        if ("-c".equals(a) || "-t".equals(a)) {
          testOnly = "-t".equals(a);
          file = v;
        } else {
          int port;
          try {
            port = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            port = -1;
          }
          if (port < 1 || port > 65535) {
            err.println(a + ": port must be 1-65535, got '" + v + "'");
            return usage(err);
          }
          if ("-p".equals(a)) {
            serverPort = port;
          } else {
            clientPort = OptionalInt.of(port);
          }
        }
      } else {
        err.println("unknown argument: " + a);
        return usage(err);
      }
    }
    if (file == null) {
      err.println("a configuration file is required (-c FILE or -t FILE)");
      return usage(err);
    }
    Dhcp4Config config;
    try {
      config = Dhcp4ConfigParser.read(Path.of(file));
    } catch (ConfigException e) {
      err.println("DHCP4_CONFIG_LOAD_FAIL " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("DHCP4_CONFIG_LOAD_FAIL cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    config.warnings().forEach(w -> err.println("WARN " + w));
    if (testOnly) {
      out.println("Configuration check successful: " + file);
      return 0;
    }
    // Kea's loggers block takes over from the built-in default (logback.xml) before the server
    // says anything; a reload applies the new block.
    KeaLogging logging = KeaLogging.forProcess();
    logging.apply(config.loggers()).forEach(p -> err.println("WARN DHCP4_LOGGING " + p));
    try {
      started.accept(
          Dhcp4Process.start(
              Optional.of(Path.of(file).toAbsolutePath()),
              config,
              new Dhcp4Server.Ports(serverPort, clientPort),
              Clock.systemUTC(),
              next -> logging.apply(next.loggers()).forEach(p -> LOG.warn("DHCP4_LOGGING {}", p))));
    } catch (IOException | LeaseStoreException | ConfigException e) {
      err.println("DHCP4_INIT_FAIL cannot start: " + e.getMessage());
      return 1;
    }
    LOG.debug("running until SIGTERM or the shutdown command");
    return -1;
  }

  private static int usage(PrintStream err) {
    err.println(
        "usage: d2j-dhcp4 -c FILE [-p PORT] [-P PORT]   run with the Kea-format Dhcp4 config FILE\n"
            + "       d2j-dhcp4 -t FILE   check FILE and exit 0 (valid) or 1\n"
            + "       d2j-dhcp4 -v        print the version\n"
            + "       -p PORT  listen on PORT (default 67); -P PORT  send every reply to PORT");
    return 1;
  }
}
