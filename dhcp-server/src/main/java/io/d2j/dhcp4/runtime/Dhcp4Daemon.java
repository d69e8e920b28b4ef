package io.d2j.dhcp4.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.config.EffectiveConfig;
import io.d2j.dhcp4.config.MultiThreading;
import io.d2j.dhcp4.control.Dhcp4Commands;
import io.d2j.dhcp4.control.HaCommands;
import io.d2j.dhcp4.control.LeaseTarget;
import io.d2j.dhcp4.control.ServiceCommands;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.CommandExecutor;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.UnixControlServer;
import io.d2j.keacontrol.cli.RunningDaemon;
import io.d2j.keacontrol.commands.DaemonTarget;
import io.d2j.keacontrol.files.FileAreas;
import io.d2j.keacontrol.metrics.MetricsListener;
import io.d2j.keacontrol.metrics.MetricsSource;
import io.d2j.keacontrol.stats.Statistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The d2j-dhcp4 process and its composition root: the running {@link Dhcp4Server} of the
 * configuration in force, the statistics, the command registry and the control socket ({@code
 * control-socket}), reload (config-reload, config-set, SIGHUP) and shutdown; the target of every
 * command. Commands run one at a time on their own thread; a reload closes the server and starts
 * one with the new configuration (the control socket and the statistics stay), falling back to the
 * old configuration when the new one cannot start.
 */
public final class Dhcp4Daemon
    implements DaemonTarget<Dhcp4Config>, LeaseTarget, RunningDaemon, AutoCloseable {

  private static final int SOCKET_MODE = 0600;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<Path> configFile;
  private final FileAreas areas;
  private final Dhcp4Server.Ports ports;
  private final Clock clock;
  private final Statistics stats;
  private final Instant startedAt;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final ExecutorService commandThread;
  private final CommandRegistry registry;
  private final CommandExecutor executor;
  private UnixControlServer control;

  /** Re-applies the {@code loggers} block on reconfiguration; absent in embedded use (tests). */
  private volatile Consumer<Dhcp4Config> onConfigured = c -> {};

  /** The /metrics listener; moved under {@code this} by apply(). Null until start() made it. */
  private MetricsListener metrics;

  /** Written under {@code this} by apply(); read by commands and by the tests. */
  private volatile Dhcp4Config config;

  private volatile Dhcp4Server server;
  private volatile Instant configuredAt;
  private boolean closed;

  private Dhcp4Daemon(
      Optional<Path> configFile, FileAreas areas, Dhcp4Server.Ports ports, Clock clock) {
    this.configFile = configFile;
    this.areas = areas;
    this.ports = ports;
    this.clock = clock;
    this.stats = new Statistics(clock);
    this.startedAt = clock.instant();
    this.commandThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "d2j-dhcp4-commands");
              t.setDaemon(true);
              return t;
            });
    this.registry =
        Dhcp4Commands.registerAll(
            new CommandRegistry("kea-dhcp4"), this, stats, clock, Version.info());
    new HaCommands(() -> server == null ? Optional.empty() : server.ha()).registerAll(registry);
    new ServiceCommands(
            new ServiceCommands.ServiceSwitch() {
              @Override
              public void disable(String origin, Optional<java.time.Duration> maxPeriod) {
                server.serviceSwitch().disable(origin, maxPeriod);
              }

              @Override
              public void enable(String origin) {
                server.serviceSwitch().enable(origin);
              }
            })
        .registerAll(registry);
    // Commands hold the lease lock (the store, as the packet loop does), so a lease4-add never
    // interleaves with an allocation's read-then-write.
    this.executor =
        work ->
            CompletableFuture.supplyAsync(
                () -> {
                  synchronized (server.leases()) {
                    return work.get();
                  }
                },
                commandThread);
  }

  /**
   * Starts the server and, when the configuration names one, the control socket; commands may have
   * files written where the environment says ({@link FileAreas#fromEnvironment}).
   */
  public static Dhcp4Daemon start(
      Optional<Path> configFile, Dhcp4Config config, Dhcp4Server.Ports ports, Clock clock)
      throws IOException {
    return start(
        configFile, FileAreas.fromEnvironment(System.getenv(), configFile), config, ports, clock);
  }

  /** Starts the server; commands may have files written in {@code areas}. */
  public static Dhcp4Daemon start(
      Optional<Path> configFile,
      FileAreas areas,
      Dhcp4Config config,
      Dhcp4Server.Ports ports,
      Clock clock)
      throws IOException {
    Dhcp4Daemon p = new Dhcp4Daemon(configFile, areas, ports, clock);
    try {
      p.server =
          Dhcp4Server.start(config, ports, LeaseEvents.NONE, clock, p.stats, p.peerCommands());
      p.stopWhenFatal(p.server);
      p.config = config;
      p.configuredAt = clock.instant();
      p.metrics = MetricsListener.start(config.metrics(), p.metricsSource(), "kea-dhcp4");
      if (config.controlSocket().isPresent()) {
        p.control =
            UnixControlServer.start(
                config.controlSocket().get(), SOCKET_MODE, p.registry, p.executor);
      }
      return p;
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /**
   * Called with every configuration that becomes active after start (config-set, config-reload,
   * SIGHUP), e.g. to re-apply logging. Set by the composition root before serving.
   */
  void onConfigured(Consumer<Dhcp4Config> listener) {
    this.onConfigured = listener;
  }

  /** The commands, as the control socket serves them (tests, and SIGHUP's config-reload). */
  public CommandRegistry commands() {
    return registry;
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
  public Optional<Path> configFile() {
    return configFile;
  }

  @Override
  public FileAreas fileAreas() {
    return areas;
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public Instant configuredAt() {
    return configuredAt;
  }

  public Statistics statistics() {
    return stats;
  }

  @Override
  public Dhcp4Config parse(JsonNode root) {
    Path base = configFile.map(Path::getParent).orElse(Path.of("."));
    return Dhcp4ConfigParser.parse(
        KeaConfigReader.parse(root.toString(), "command arguments"),
        base,
        io.d2j.keacontrol.files.PathGuard.forCommand(areas, config().source()));
  }

  @Override
  public Dhcp4Config readConfigFile() throws IOException {
    if (configFile.isEmpty()) {
      throw new IOException("no configuration file (-c) to read");
    }
    return Dhcp4ConfigParser.read(configFile.get());
  }

  /**
   * What the operator wrote, under {@code "Dhcp4"}, with the values d2j-dhcp4 runs with filled in
   * where kea-dhcp4 shows them ({@link EffectiveConfig}).
   */
  @Override
  public ObjectNode render(Dhcp4Config c) {
    return EffectiveConfig.render(c);
  }

  @Override
  public byte[] written(Dhcp4Config c) {
    try {
      return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(render(c)) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kea's status-get fields: multi-threading and, when on, its settings and the packet queue's
   * average lengths (over about 10, 100 and 1000 packets); the sockets are open while it serves.
   */
  @Override
  public void status(ObjectNode arguments) {
    MultiThreading mt = config.multiThreading();
    arguments.put("multi-threading-enabled", mt.enabled());
    if (mt.enabled()) {
      arguments.put("thread-pool-size", mt.threads());
      arguments.put("packet-queue-size", mt.packetQueueSize());
      ArrayNode averages = arguments.putArray("packet-queue-statistics");
      for (double a : server.packetQueueAverages()) {
        averages.add(a);
      }
    }
    arguments.putObject("sockets").put("status", "ready");
    server.ha().ifPresent(h -> arguments.putArray("high-availability").add(h.status()));
  }

  /** What the HA peer listener serves: these commands, run as the control socket runs them. */
  private Optional<Dhcp4Server.PeerCommands> peerCommands() {
    return Optional.of(new Dhcp4Server.PeerCommands(registry, executor));
  }

  @Override
  public Answer shutdown(JsonNode arguments, int exitValue) {
    Dhcp4Log.DHCP4_SHUTDOWN_REQUEST.log(exitValue);
    exit.complete(exitValue);
    return Answer.ok("Shutting down.");
  }

  /**
   * Starts the server of {@code next} in place of the running one; when it cannot start, the
   * previous configuration is started again and the reason thrown.
   */
  @Override
  public synchronized void apply(Dhcp4Config next) throws IOException {
    if (!next.controlSocket().equals(config.controlSocket())) {
      Dhcp4Log.DHCP4_CONTROL_SOCKET_UNCHANGED.log(
          config.controlSocket().map(Path::toString).orElse("none"));
    }
    Dhcp4Config previous = config;
    metrics.moveTo(next.metrics());
    server.close();
    try {
      server = Dhcp4Server.start(next, ports, LeaseEvents.NONE, clock, stats, peerCommands());
    } catch (IOException | RuntimeException e) {
      metrics.moveBack(previous.metrics());
      server = Dhcp4Server.start(previous, ports, LeaseEvents.NONE, clock, stats, peerCommands());
      throw e;
    }
    stopWhenFatal(server);
    config = next;
    configuredAt = clock.instant();
    onConfigured.accept(next);
  }

  /** What /metrics shows: the statistics statistic-get-all answers (and the JVM's). */
  private MetricsSource metricsSource() {
    return MetricsSource.of(stats, java.util.List::of);
  }

  /** The bound /metrics address, when the listener runs (tests). */
  public synchronized Optional<java.net.InetSocketAddress> metricsAddress() {
    return metrics == null ? Optional.empty() : metrics.address();
  }

  /** service-sockets-require-all gave up on the running server: the process exits with 1. */
  private void stopWhenFatal(Dhcp4Server s) {
    s.fatal()
        .thenAccept(
            reason -> {
              if (server == s) {
                Dhcp4Log.DHCP4_SHUTDOWN_FATAL.log(reason);
                exit.complete(1);
              }
            });
  }

  @Override
  public CompletableFuture<Integer> exitCode() {
    return exit;
  }

  /**
   * SIGHUP: config-reload on the command thread like a command from the socket (so it never runs
   * beside one, and holds the lease lock as commands do); a bad file is logged, the server keeps
   * going.
   */
  @Override
  public void reload() {
    try {
      executor.submit(
          () -> registry.execute(CommandRegistry.parse("{\"command\": \"config-reload\"}")));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Shutting down: nothing to reload.
    }
  }

  /** SIGTERM, SIGINT: the server stops (it has nothing to drain); the JVM's hook closes it. */
  @Override
  public void stop(boolean now) {
    exit.complete(0);
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
    if (metrics != null) {
      metrics.close();
    }
    commandThread.shutdownNow();
    if (server != null) {
      server.close();
    }
    exit.complete(0);
  }
}
