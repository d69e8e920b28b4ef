package io.d2j.d2.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.d2.config.ControlSocketSpec;
import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.D2ConfigParser;
import io.d2j.d2.control.Backlog;
import io.d2j.d2.control.BacklogCommands;
import io.d2j.d2.control.ConfigView;
import io.d2j.d2.control.D2Commands;
import io.d2j.d2.dns.DnsUpdateClient;
import io.d2j.d2.dns.DnsUpdateSender;
import io.d2j.d2.journal.Journal;
import io.d2j.d2.journal.JournalIntake;
import io.d2j.d2.listener.NcrListener;
import io.d2j.d2.log.D2Log;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.update.Dispatcher;
import io.d2j.d2.update.Intake;
import io.d2j.d2.update.MemoryIntake;
import io.d2j.d2.update.NcrAges;
import io.d2j.d2.update.ShutdownType;
import io.d2j.d2.update.UpdateManager;
import io.d2j.d2.update.UpdateSender;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.CommandExecutor;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.UnixControlServer;
import io.d2j.keacontrol.cli.RunningDaemon;
import io.d2j.keacontrol.commands.DaemonTarget;
import io.d2j.keacontrol.files.FileAreas;
import io.d2j.keacontrol.files.PathGuard;
import io.d2j.keacontrol.metrics.MetricsListener;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.NcrFormatException;
import io.d2j.ncr.NcrJsonCodec;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A running D2, and its one composition root: the event loop and its {@link Scheduler}, the
 * statistics, the NCR pipeline (intake, queue, {@link Dispatcher}, DNS sender, {@link D2Process}),
 * the command registry and the control socket; and the target of every command. Everything the
 * commands touch is confined to the D2 event loop; the control socket's threads hand each command
 * over to it.
 *
 * <p>The daemon ends through {@link #shutdown} (the {@code shutdown} command, SIGTERM) or {@link
 * #close}; {@link #exitCode()} completes with the process exit code once everything is closed, so
 * tests can run a daemon in-process and {@code Main} turns it into {@code System.exit}.
 */
public final class D2Daemon implements DaemonTarget<D2Config>, RunningDaemon, AutoCloseable {

  private final Vertx vertx;
  private final Scheduler loop;
  private final Statistics stats;
  private final Clock clock;
  private final Optional<Path> configFile;
  private final FileAreas areas;
  private final D2Process process;
  private final CommandRegistry registry;
  private final CommandExecutor onEventLoop;
  private final Instant startedAt;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Confined to the event loop (set once before serving). */
  private Instant configuredAt;

  private volatile UnixControlServer control;

  /** The /metrics listener; moved by {@link #apply}. Null until {@link #start} made it. */
  private volatile MetricsListener metrics;

  private final D2Metrics metricsSource;

  /** Re-applies the {@code loggers} block on reconfiguration; absent in embedded use (tests). */
  private volatile Consumer<D2Config> onConfigured = c -> {};

  private volatile int exitValue;

  private D2Daemon(
      D2Config config,
      Optional<Path> configFile,
      FileAreas areas,
      Optional<Journal> journal,
      Clock clock,
      RandomGenerator random,
      Supplier<Vertx> vertxSource) {
    this.clock = clock;
    this.configFile = configFile.map(Path::toAbsolutePath);
    this.areas = areas;
    this.vertx = vertxSource.get();
    this.loop = new VertxScheduler(vertx, vertx.getOrCreateContext());
    this.stats = new Statistics(clock);
    D2Stats.declareGlobals(stats);
    UpdateManager queue =
        new UpdateManager(config.d2j().queueCapacity(), config.d2j().maxTransactions());
    NcrAges ages = new NcrAges();
    Intake intake =
        journal
            .<Intake>map(j -> new JournalIntake(j, queue, ages, loop, stats, clock))
            .orElseGet(() -> new MemoryIntake(loop));
    DnsUpdateClient client = new DnsUpdateClient(vertx, loop, stats, clock);
    // The first UPDATE's set-up (sockets, TSIG signers) on the loop now, while start-up goes on.
    loop.execute(() -> client.prime(config.tsigKeys()));
    DnsUpdateSender dnsSender = new DnsUpdateSender(client, stats);
    loop.execute(dnsSender::prime);
    UpdateSender sender = dnsSender;
    Dispatcher dispatcher =
        new Dispatcher(config, queue, intake, ages, sender, loop, clock, random, stats);
    this.process =
        new D2Process(
            config, dispatcher, intake, sender, loop, stats, NcrJsonCodec.compatible(clock));
    this.startedAt = clock.instant();
    this.configuredAt = startedAt;
    this.onEventLoop = this::runOnEventLoop;
    this.registry =
        D2Commands.registerAll(
            new CommandRegistry("kea-dhcp-ddns"), this, stats, clock, Version.info());
    BacklogCommands.register(registry, process);
    this.metricsSource = new D2Metrics(stats, this::backlogOnLoop, journal);
  }

  private CompletableFuture<Backlog> backlogOnLoop() {
    CompletableFuture<Backlog> out = new CompletableFuture<>();
    loop.execute(() -> out.complete(process.backlog()));
    return out;
  }

  /**
   * Called with every configuration that becomes active after start (config-set, config-reload,
   * SIGHUP), e.g. to re-apply logging. Set by the composition root before serving.
   */
  void onConfigured(Consumer<D2Config> listener) {
    this.onConfigured = listener;
  }

  /**
   * The Vert.x a D2 runs on. The D2 reads no files through Vert.x, so its file resolver is off:
   * with it on, every start made a {@code vertx-cache-<random UUID>} directory under {@code
   * java.io.tmpdir} (seeding the JDK's {@code SecureRandom} on Vert.x's way to the NCR port) and
   * removed it at exit (issue 14).
   */
  public static Vertx newVertx() {
    return Vertx.vertx(
        new VertxOptions()
            .setFileSystemOptions(
                new FileSystemOptions()
                    .setClassPathResolvingEnabled(false)
                    .setFileCachingEnabled(false)));
  }

  /**
   * Decodes a sample NCR on a short-lived thread of its own ({@link NcrListener#primeDecoding})
   * while this one opens the journal, waits for Vert.x and binds the sockets, so that the decoder
   * thread finds that path ready when the first NCR arrives (issue 14).
   */
  private static void primeDecoding(Clock clock) {
    Thread t =
        new Thread(
            () -> {
              try {
                NcrListener.primeDecoding(NcrJsonCodec.compatible(clock));
              } catch (NcrFormatException | RuntimeException e) {
                // Only a head start: the first real NCR is decoded (and reported) as ever.
              }
            },
            "d2j-start-decode");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Starts a daemon: binds the NCR socket and, when configured, the control socket.
   *
   * @param configFile the {@code -c} file (config-reload, config-write), if any
   * @param clock the wall clock; its zone is the one statistics are printed in (Kea: local time)
   * @throws IOException when a socket cannot be bound (nothing is left running)
   */
  public static D2Daemon start(D2Config config, Optional<Path> configFile, Clock clock)
      throws IOException {
    return start(config, configFile, clock, D2Daemon::newVertx);
  }

  /**
   * As {@link #start(D2Config, Optional, Clock)}, on the Vert.x instance {@code vertx} gives (the
   * command line starts one while the configuration is read); the daemon owns and closes it.
   */
  public static D2Daemon start(
      D2Config config, Optional<Path> configFile, Clock clock, Supplier<Vertx> vertx)
      throws IOException {
    primeDecoding(clock);
    FileAreas areas = FileAreas.fromEnvironment(System.getenv(), configFile);
    Optional<Journal> journal =
        Journals.open(config.d2j().journal(), configFile, areas.stateDir(), clock);
    return start(config, configFile, areas, journal, clock, vertx);
  }

  /**
   * Starts a daemon whose default journal location is under {@code stateDir} (the journal is
   * opened, and what a previous run left is replayed, before the NCR socket is bound); commands may
   * have files written where the environment says ({@link FileAreas#fromEnvironment}).
   */
  public static D2Daemon start(
      D2Config config, Optional<Path> configFile, Path stateDir, Clock clock) throws IOException {
    FileAreas env = FileAreas.fromEnvironment(System.getenv(), configFile);
    return start(
        config,
        configFile,
        new FileAreas(env.configDir(), env.logDir(), stateDir, env.socketDir()),
        clock);
  }

  /**
   * Starts a daemon whose commands may have files written in {@code areas}; the journal's default
   * location is under its state directory.
   */
  public static D2Daemon start(
      D2Config config, Optional<Path> configFile, FileAreas areas, Clock clock) throws IOException {
    Optional<Journal> journal =
        Journals.open(config.d2j().journal(), configFile, areas.stateDir(), clock);
    return start(config, configFile, areas, journal, clock, D2Daemon::newVertx);
  }

  /**
   * Starts an in-process daemon on {@code journal}, opened by the caller, or on none (NCRs then
   * live in memory only, as in Kea), whatever the configuration's journal settings say: embedded
   * use and tests.
   */
  public static D2Daemon embedded(D2Config config, Optional<Journal> journal, Clock clock)
      throws IOException {
    return start(
        config,
        Optional.empty(),
        FileAreas.fromEnvironment(System.getenv(), Optional.empty()),
        journal,
        clock,
        D2Daemon::newVertx);
  }

  private static D2Daemon start(
      D2Config config,
      Optional<Path> configFile,
      FileAreas areas,
      Optional<Journal> journal,
      Clock clock,
      Supplier<Vertx> vertx)
      throws IOException {
    D2Daemon daemon =
        new D2Daemon(config, configFile, areas, journal, clock, new SecureRandom(), vertx);
    try {
      daemon.process.start();
      daemon.metrics =
          MetricsListener.start(config.d2j().metrics(), daemon.metricsSource, "kea-dhcp-ddns");
      if (config.controlSocket().isPresent()) {
        daemon.control =
            UnixControlServer.start(
                config.controlSocket().get().socketName(),
                config.controlSocket().get().mode(),
                daemon.registry,
                daemon.onEventLoop);
      }
    } catch (IOException | RuntimeException e) {
      if (daemon.metrics != null) {
        daemon.metrics.close();
      }
      daemon.process.close();
      daemon.vertx.close().await();
      throw e;
    }
    return daemon;
  }

  /** Reads and validates a configuration file; relative paths in it resolve against its dir. */
  public static D2Config load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file");
    }
    ConfigMap root = KeaConfigReader.read(file);
    return D2ConfigParser.parse(root, file.toAbsolutePath().getParent());
  }

  private CompletableFuture<Answer> runOnEventLoop(Supplier<Answer> work) {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    loop.execute(
        () -> {
          try {
            answer.complete(work.get());
          } catch (RuntimeException e) {
            answer.completeExceptionally(e);
          }
        });
    return answer;
  }

  /** Completes once the receive path is warm ({@link D2Process#warm()}). */
  @Override
  public CompletableFuture<Void> ready() {
    return process.warm();
  }

  /** Completes with the exit code once the daemon has stopped. */
  @Override
  public CompletableFuture<Integer> exitCode() {
    return exit;
  }

  public Statistics statistics() {
    return stats;
  }

  public CommandRegistry commands() {
    return registry;
  }

  /** The bound NCR address (tests). */
  public InetSocketAddress ncrAddress() {
    return runOnEventLoopAndWait(process::ncrAddress);
  }

  /** Queued and running NCRs (tests and diagnostics). */
  public int[] backlog() {
    return runOnEventLoopAndWait(() -> new int[] {process.queued(), process.running()});
  }

  /** The backlog as d2j-queue-get shows it, read on the event loop (tests and diagnostics). */
  public Backlog backlogNow() {
    return runOnEventLoopAndWait(process::backlog);
  }

  private <T> T runOnEventLoopAndWait(Supplier<T> work) {
    CompletableFuture<T> out = new CompletableFuture<>();
    loop.execute(() -> out.complete(work.get()));
    return out.join();
  }

  /**
   * Re-reads the {@code -c} file and applies it, as config-reload does (SIGHUP). A bad file is
   * logged and the running configuration stays.
   */
  @Override
  public void reload() {
    D2Log.DCTL_CFG_FILE_RELOAD_SIGNAL_RECVD.log(configFile.orElse(null));
    runOnEventLoop(
        () -> {
          var request = CommandRegistry.parse("{\"command\": \"config-reload\"}");
          return registry.execute(request);
        });
  }

  // DaemonTarget: every method below runs on the event loop.

  @Override
  public D2Config config() {
    return process.config();
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

  @Override
  public D2Config parse(JsonNode root) {
    Path baseDir = configFile.map(Path::getParent).orElse(Path.of("").toAbsolutePath());
    ConfigMap map = KeaConfigReader.parse(root.toString(), "command arguments", baseDir);
    return D2ConfigParser.parse(map, baseDir, PathGuard.forCommand(areas, config().source()));
  }

  @Override
  public D2Config readConfigFile() throws IOException {
    if (configFile.isEmpty()) {
      throw new IOException("no configuration file to read: the daemon was not started with -c");
    }
    try {
      return load(configFile.get());
    } catch (IOException e) {
      throw new IOException("cannot read " + configFile.get() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void apply(D2Config config) throws IOException {
    if (closed.get()) {
      throw new IOException("shutting down: configuration not applied");
    }
    UnixControlServer old = control;
    UnixControlServer moved = moveControlSocket(old, process.config(), config);
    Optional<InetSocketAddress> metricsWas = metrics.configured();
    try {
      metrics.moveTo(config.d2j().metrics());
      process.reconfigure(config);
    } catch (IOException e) {
      if (moved != old && moved != null) {
        moved.close();
      }
      metrics.moveBack(metricsWas);
      throw e;
    }
    control = moved;
    if (closed.get() && moved != null && moved != old) {
      // close() ran meanwhile and may have closed only the old socket: close ours too, or its file
      // would outlive the daemon. (close() writes closed then reads control; we write control then
      // read closed: one of the two sees the other.)
      moved.close();
    }
    if (old != null && moved != old) {
      // Not on the event loop: the old socket is closing while it still writes this answer.
      Thread closer = new Thread(old::close, "d2j-control-close");
      closer.setDaemon(true);
      closer.start();
    }
    configuredAt = clock.instant();
    onConfigured.accept(config);
    config.warnings().forEach(w -> D2Log.DHCP_DDNS_CONFIG_WARNING.log(w));
    D2Log.DCTL_CONFIG_COMPLETE.log(process.queued());
  }

  /** The bound /metrics address, when the listener runs (tests). */
  public Optional<InetSocketAddress> metricsAddress() {
    MetricsListener m = metrics;
    return m == null ? Optional.empty() : m.address();
  }

  /** The control server for the new configuration: the same one unless the socket path changed. */
  private UnixControlServer moveControlSocket(
      UnixControlServer current, D2Config oldConfig, D2Config newConfig) throws IOException {
    Optional<ControlSocketSpec> was = oldConfig.controlSocket();
    Optional<ControlSocketSpec> now = newConfig.controlSocket();
    if (now.isEmpty()) {
      return null;
    }
    ControlSocketSpec spec = now.get();
    if (current != null
        && was.isPresent()
        && was.get().socketName().toAbsolutePath().equals(spec.socketName().toAbsolutePath())) {
      if (was.get().mode() != spec.mode()) {
        current.changeMode(spec.mode());
      }
      return current;
    }
    return UnixControlServer.start(spec.socketName(), spec.mode(), registry, onEventLoop);
  }

  @Override
  public ObjectNode render(D2Config config) {
    return ConfigView.render(config);
  }

  @Override
  public byte[] written(D2Config config) {
    return ConfigView.pretty(config);
  }

  @Override
  public Answer shutdown(JsonNode arguments, int exitValue) {
    return D2Commands.shutdown(arguments, exitValue, this::shutdown);
  }

  /** Starts a shutdown of {@code type}; the process exits with {@code exitValue}. */
  public void shutdown(ShutdownType type, int exitValue) {
    this.exitValue = exitValue;
    process.shutdown(type).thenRun(this::teardownInBackground);
  }

  /** SIGTERM/SIGINT: a normal shutdown, as Kea; a second signal ends at once. */
  @Override
  public void stop(boolean now) {
    loop.execute(() -> shutdown(now ? ShutdownType.NOW : ShutdownType.NORMAL, exitValue));
  }

  private void teardownInBackground() {
    Thread t = new Thread(this::close, "d2j-exit");
    t.start();
  }

  /** Stops at once (queued NCRs are lost) and completes {@link #exitCode()}. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      exit.join();
      return;
    }
    UnixControlServer c = control;
    if (c != null) {
      c.close();
    }
    MetricsListener m = metrics;
    if (m != null) {
      m.close();
    }
    process.close();
    vertx.close().await();
    exit.complete(exitValue);
  }

  @Override
  public String toString() {
    return "D2Daemon[" + Objects.toString(configFile.orElse(null)) + "]";
  }
}
