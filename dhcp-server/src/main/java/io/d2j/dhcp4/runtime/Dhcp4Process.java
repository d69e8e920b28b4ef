package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.control.ConfigCommands;
import io.d2j.dhcp4.control.ControlTarget;
import io.d2j.dhcp4.control.LeaseCommands;
import io.d2j.dhcp4.control.ServerCommands;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.keacontrol.CommandExecutor;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.UnixControlServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The d2j-dhcp4 process: the running {@link Dhcp4Server} of the configuration in force, the control
 * socket ({@code control-socket}) with its commands, reload and shutdown. Commands run one at a
 * time on their own thread; a reload closes the server and starts one with the new configuration
 * (the control socket and the statistics stay), falling back to the old configuration when the new
 * one cannot start.
 */
public final class Dhcp4Process implements ControlTarget, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcp4");
  private static final int SOCKET_MODE = 0600;

  private final Optional<Path> configFile;
  private final Dhcp4Server.Ports ports;
  private final Clock clock;
  private final Dhcp4Stats stats;
  private final Instant startedAt;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final ExecutorService commandThread;
  private UnixControlServer control;

  /** Written under {@code this} by apply(); read by commands and by the tests. */
  private volatile Dhcp4Config config;

  private volatile Dhcp4Server server;
  private volatile Instant configuredAt;
  private boolean closed;

  /** Applies a configuration's {@code loggers} (the process's Logback); nothing when embedded. */
  private final Consumer<Dhcp4Config> logging;

  private Dhcp4Process(
      Optional<Path> configFile,
      Dhcp4Server.Ports ports,
      Clock clock,
      Consumer<Dhcp4Config> logging) {
    this.configFile = configFile;
    this.logging = logging;
    this.ports = ports;
    this.clock = clock;
    this.stats = new Dhcp4Stats(clock);
    this.startedAt = clock.instant();
    this.commandThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "d2j-dhcp4-commands");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the server and, when the configuration names one, the control socket. */
  public static Dhcp4Process start(
      Optional<Path> configFile, Dhcp4Config config, Dhcp4Server.Ports ports, Clock clock)
      throws IOException {
    return start(configFile, config, ports, clock, c -> {});
  }

  /**
   * As {@link #start(Optional, Dhcp4Config, Dhcp4Server.Ports, Clock)}; {@code logging} is told of
   * every configuration that takes effect (a reload's too), to apply its {@code loggers}.
   */
  public static Dhcp4Process start(
      Optional<Path> configFile,
      Dhcp4Config config,
      Dhcp4Server.Ports ports,
      Clock clock,
      Consumer<Dhcp4Config> logging)
      throws IOException {
    Dhcp4Process p = new Dhcp4Process(configFile, ports, clock, logging);
    try {
      p.server = Dhcp4Server.start(config, ports, LeaseEvents.NONE, clock, p.stats);
      p.stopWhenFatal(p.server);
      p.config = config;
      p.configuredAt = clock.instant();
      if (config.controlSocket().isPresent()) {
        CommandRegistry registry = new CommandRegistry("kea-dhcp4");
        new ServerCommands(p, clock).registerAll(registry);
        new ConfigCommands(p).registerAll(registry);
        new LeaseCommands(p, clock).registerAll(registry);
        // Commands hold the lease lock (the store, as the packet loop does), so a lease4-add never
        // interleaves with an allocation's read-then-write.
        CommandExecutor executor =
            work ->
                CompletableFuture.supplyAsync(
                    () -> {
                      synchronized (p.server.leases()) {
                        return work.get();
                      }
                    },
                    p.commandThread);
        p.control =
            UnixControlServer.start(config.controlSocket().get(), SOCKET_MODE, registry, executor);
      }
      return p;
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** Blocks until a shutdown command; returns its exit value. */
  public int awaitShutdown() throws InterruptedException {
    try {
      return exit.get();
    } catch (ExecutionException e) {
      return 1;
    }
  }

  public Dhcp4Server server() {
    return server;
  }

  @Override
  public Dhcp4Config config() {
    return config;
  }

  @Override
  public LeaseStore leases() {
    return server.leases();
  }

  @Override
  public LeaseEvents leaseEvents() {
    return server.events();
  }

  @Override
  public double[] packetQueueAverages() {
    return server.packetQueueAverages();
  }

  @Override
  public Optional<Path> configFile() {
    return configFile;
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public Instant configuredAt() {
    return configuredAt;
  }

  @Override
  public Map<String, StatSample> statistics() {
    return stats.samples();
  }

  @Override
  public String version() {
    return Version.VERSION;
  }

  @Override
  public String extendedVersion() {
    return Version.VERSION + " (d2j-dhcp4, Java " + Runtime.version() + ")";
  }

  @Override
  public synchronized void apply(Dhcp4Config next) throws Exception {
    if (!next.controlSocket().equals(config.controlSocket())) {
      LOG.warn(
          "DHCP4_CONTROL_SOCKET_UNCHANGED control-socket changes take effect at restart; still"
              + " serving {}",
          config.controlSocket().map(Path::toString).orElse("none"));
    }
    Dhcp4Config previous = config;
    server.close();
    try {
      server = Dhcp4Server.start(next, ports, LeaseEvents.NONE, clock, stats);
    } catch (IOException | RuntimeException e) {
      server = Dhcp4Server.start(previous, ports, LeaseEvents.NONE, clock, stats);
      throw e;
    }
    stopWhenFatal(server);
    config = next;
    configuredAt = clock.instant();
    logging.accept(next);
  }

  /**
   * SIGHUP: config-reload, on the command thread like a command from the socket (so it never runs
   * beside one), holding the lease lock as commands do.
   */
  public void reload() {
    try {
      commandThread.execute(
          () -> {
            synchronized (server.leases()) {
              ConfigCommands.reload(this);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Shutting down: nothing to reload.
    }
  }

  /** service-sockets-require-all gave up on the running server: the process exits with 1. */
  private void stopWhenFatal(Dhcp4Server s) {
    s.fatal()
        .thenAccept(
            reason -> {
              if (server == s) {
                LOG.error("DHCP4_SHUTDOWN_FATAL {}", reason);
                exit.complete(1);
              }
            });
  }

  @Override
  public void shutdown(int exitValue) {
    exit.complete(exitValue);
  }

  @Override
  public synchronized void close() {
    // Twice on the way out: after the shutdown command, and from the JVM's shutdown hook.
    if (closed) {
      return;
    }
    closed = true;
    if (control != null) {
      control.close();
    }
    commandThread.shutdownNow();
    if (server != null) {
      server.close();
    }
    exit.complete(0);
  }
}
