package io.d2j.d2.runtime;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.log.D2Log;
import io.d2j.keacontrol.cli.ClassPathOpener;
import io.d2j.keacontrol.cli.CommandLine;
import io.d2j.keacontrol.cli.DaemonLauncher;
import io.d2j.keacontrol.cli.DaemonProgram;
import io.d2j.keacontrol.cli.RunningDaemon;
import io.d2j.keacontrol.commands.VersionInfo;
import io.d2j.keacontrol.logging.DaemonLogbackProvider;
import io.d2j.keacontrol.logging.LoggerSpec;
import io.d2j.keacontrol.time.SystemClock;
import io.d2j.ncr.IpAddresses;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code d2j-dhcp-ddns}: the command line of Kea's {@code kea-dhcp-ddns} (kea-control's {@link
 * DaemonLauncher}), so operators' habits and unit files carry over. {@code -c FILE} runs, {@code -t
 * FILE} checks, {@code -v} prints the version, {@code -V} the extended version, {@code -W} the
 * build report, {@code -d} logs at debug.
 */
public final class Main implements DaemonProgram<D2Config> {

  /**
   * Vert.x, being started on a thread of its own while the configuration is read ({@link
   * #prepare}); null when not prepared (in-process use).
   */
  private CompletableFuture<Vertx> early;

  /** Whether {@link #early} was taken by a daemon or released. */
  private final AtomicBoolean earlyTaken = new AtomicBoolean();

  /**
   * Whether the command line runs Vert.x's UDP path once as soon as Vert.x is up ({@link
   * io.d2j.d2.dns.DnsUpdateClient#warmUp}); {@code -Dd2j.start.udp-warmup=false} turns it off.
   */
  static final boolean UDP_WARM_UP =
      Boolean.parseBoolean(System.getProperty("d2j.start.udp-warmup", "true"));

  /** Vert.x's system property for resolving through the JDK rather than its own DNS client. */
  static final String VERTX_DNS_RESOLVER_OFF = "vertx.disableDnsResolver";

  /**
   * Has Vert.x resolve through the JDK instead of Netty's DNS client, unless the operator set
   * {@value #VERTX_DNS_RESOLVER_OFF} (issue 14): the D2 hands Vert.x IP addresses only (DNS servers
   * are configured by address), which the JDK parses without a lookup, and Netty's client read
   * {@code /etc/hosts} and {@code /etc/resolv.conf} and built its caches on Vert.x's way to the NCR
   * port.
   */
  static void selectJdkResolver() {
    if (System.getProperty(VERTX_DNS_RESOLVER_OFF) == null) {
      System.setProperty(VERTX_DNS_RESOLVER_OFF, "true");
    }
  }

  /**
   * Vert.x's system property for its file cache's base directory; unset, Vert.x computes its
   * default ({@code java.io.tmpdir}/vertx-cache) with an {@code invokedynamic} string concatenation
   * in a static initialiser on its way to start.
   */
  static final String VERTX_CACHE_DIR_BASE = "vertx.cacheDirBase";

  /** Vert.x's system property naming its logging back end. */
  static final String VERTX_LOG_DELEGATE = "vertx.logger-delegate-factory-class-name";

  /** The back end Vert.x picks by itself when SLF4J is on the class path, as it is here. */
  static final String VERTX_SLF4J_DELEGATE = "io.vertx.core.logging.SLF4JLogDelegateFactory";

  /**
   * Gives Vert.x, unless the operator set them, the two values it would otherwise work out on its
   * way to start (issue 14): its file cache base, the default it computes itself (the D2 runs
   * without the file cache and class-path resolver, so nothing is ever made there), and its logging
   * back end, the SLF4J one it would pick. Working them out cost Vert.x's start thread a
   * string-concatenation bootstrap of a shape (three strings) nothing else on the way uses, which
   * spins method-handle classes no class-data-sharing archive of JDK 17 keeps (about 10 ms of CPU
   * in a profile of the start), and a look-up of a logging configuration file that no jar has,
   * which searches every jar of the class path.
   */
  static void vertxDefaults() {
    if (System.getProperty(VERTX_CACHE_DIR_BASE) == null) {
      System.setProperty(
          VERTX_CACHE_DIR_BASE,
          System.getProperty("java.io.tmpdir", ".") + java.io.File.separator + "vertx-cache");
    }
    if (System.getProperty(VERTX_LOG_DELEGATE) == null) {
      System.setProperty(VERTX_LOG_DELEGATE, VERTX_SLF4J_DELEGATE);
    }
  }

  public static void main(String[] args) {
    // SLF4J and Logback without their class-path scans (issue 14): see DaemonLogbackProvider.
    DaemonLogbackProvider.select();
    selectJdkResolver();
    vertxDefaults();
    // Vert.x's first service lookup opens every jar; here that runs beside the configuration's
    // reading and the logging set-up instead of on Vert.x's way (issue 14).
    ClassPathOpener.start("META-INF/services/io.vertx.core.spi.VertxServiceProvider");
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
    return DaemonLauncher.start(new Main(), args, out, err);
  }

  /** Reads and validates a configuration file. */
  public static D2Config load(Path file) throws IOException {
    return D2Daemon.load(file);
  }

  @Override
  public String command() {
    return "d2j-dhcp-ddns";
  }

  @Override
  public String keaName() {
    return "kea-dhcp-ddns";
  }

  @Override
  public String module() {
    return "DhcpDdns";
  }

  @Override
  public boolean takesPorts() {
    return false;
  }

  @Override
  public VersionInfo version() {
    return Version.info();
  }

  /**
   * Starts Vert.x (Netty's event loop, its buffer pools and resolver; a fifth of the start before
   * the first NCR) on another thread while the main one reads the configuration: on two cores the
   * two overlap (issue 14). The launcher calls this once logging is set up.
   */
  @Override
  public AutoCloseable prepare() {
    CompletableFuture<Vertx> vertx = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                Vertx v = D2Daemon.newVertx();
                vertx.complete(v);
                if (UDP_WARM_UP) {
                  io.d2j.d2.dns.DnsUpdateClient.warmUp(v);
                }
              } catch (RuntimeException | Error e) {
                vertx.completeExceptionally(e);
              }
            },
            "d2j-start-vertx");
    t.setDaemon(true);
    t.start();
    early = vertx;
    return () -> {
      if (earlyTaken.compareAndSet(false, true)) {
        vertx.thenAccept(Vertx::close);
      }
    };
  }

  @Override
  public D2Config read(Path file) throws IOException {
    return load(file);
  }

  @Override
  public List<String> warnings(D2Config config) {
    return config.warnings();
  }

  @Override
  public List<LoggerSpec> loggers(D2Config config) {
    return config.loggers();
  }

  /**
   * Made when asked for, not in a static initialiser: the catalogue's loggers set up logging, which
   * the launcher does on another thread while this one reads the configuration.
   */
  @Override
  public LogIds ids() {
    return new LogIds(
        D2Log.DHCP_DDNS_CONFIG_CHECK_FAIL,
        D2Log.DHCP_DDNS_FAILED,
        D2Log.DHCP_DDNS_LOGGING,
        D2Log.DHCP_DDNS_CONFIG_WARNING,
        D2Log.DCTL_SIGNAL_UNAVAILABLE);
  }

  @Override
  public String readyStatus(D2Config config) {
    return "serving NCRs on " + IpAddresses.format(config.ipAddress()) + ":" + config.port();
  }

  @Override
  public RunningDaemon start(
      D2Config config, Path file, CommandLine line, Consumer<D2Config> onConfigured)
      throws IOException {
    CompletableFuture<Vertx> prepared = early;
    if (prepared == null || !earlyTaken.compareAndSet(false, true)) {
      prepared = CompletableFuture.supplyAsync(D2Daemon::newVertx, Runnable::run);
    }
    CompletableFuture<Vertx> vertx = prepared;
    D2Daemon daemon;
    try {
      daemon = D2Daemon.start(config, Optional.of(file), new SystemClock(), vertx::join);
    } catch (IOException | RuntimeException e) {
      // Not started (the journal could not be opened, a socket not bound): nobody else closes it.
      vertx.thenAccept(Vertx::close);
      throw e;
    }
    daemon.onConfigured(onConfigured);
    return daemon;
  }

  @Override
  public String startFailure(D2Config config, Exception e) {
    return "cannot start: "
        + e.getMessage()
        + " (NCRs on "
        + IpAddresses.format(config.ipAddress())
        + ":"
        + config.port()
        + ")";
  }
}
