package io.d2j.dhcp4.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.dhcp4.alloc.LeaseSanity;
import io.d2j.dhcp4.alloc.ReclaimPolicy;
import io.d2j.dhcp4.alloc.Reclaimer;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.LeaseDatabase;
import io.d2j.dhcp4.config.MultiThreading;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.control.HaControl;
import io.d2j.dhcp4.control.LeaseTarget;
import io.d2j.dhcp4.control.PeerLeases;
import io.d2j.dhcp4.control.ServiceCommands.ServiceSwitch;
import io.d2j.dhcp4.ddns.NcrEmitter;
import io.d2j.dhcp4.lease.DatabaseRecovery;
import io.d2j.dhcp4.lease.FsyncPolicy;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.lease.MemfileLeaseStore;
import io.d2j.dhcp4.lease.PgLeaseStore;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.dhcp4.net.Inbound;
import io.d2j.dhcp4.net.InterfaceWatch;
import io.d2j.dhcp4.net.JdkTransport;
import io.d2j.dhcp4.net.ListenPlan;
import io.d2j.dhcp4.net.NativeTransport;
import io.d2j.dhcp4.net.NetInterfaces;
import io.d2j.dhcp4.net.Transport;
import io.d2j.dhcp4.peer.HaShell;
import io.d2j.dhcp4.peer.PeerListener;
import io.d2j.keacontrol.CommandExecutor;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.stats.Statistics;
import java.io.IOException;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The composition root: opens the lease store, builds the chain, opens the sockets of the
 * configured interfaces ({@code interfaces-config}) and starts the timers (reclamation, flush of
 * reclaimed leases, lease-file cleanup, socket retries).
 */
public final class Dhcp4Server implements AutoCloseable {

  private final LeaseStore leases;
  private final PacketLoop loop;
  private final ScheduledExecutorService timers;
  private final Statistics stats;
  private final NcrEmitter ddns;
  private final LeaseEvents events;
  private final CompletableFuture<String> fatal;
  private final DhcpService service;
  private final ServiceSwitch serviceSwitch;
  private Optional<HaShell> ha = Optional.empty();
  private PeerListener peerListener;

  private Dhcp4Server(
      LeaseStore leases,
      PacketLoop loop,
      ScheduledExecutorService timers,
      Statistics stats,
      NcrEmitter ddns,
      LeaseEvents events,
      CompletableFuture<String> fatal,
      DhcpService service) {
    this.fatal = fatal;
    this.service = service;
    this.leases = leases;
    this.loop = loop;
    this.timers = timers;
    this.stats = stats;
    this.ddns = ddns;
    this.events = events;
    this.serviceSwitch = new NetworkState(service, timers);
  }

  /**
   * What the HA peer listener needs from the daemon: its command registry and the executor its
   * commands run on (holding the lease lock).
   */
  public record PeerCommands(CommandRegistry registry, CommandExecutor executor) {}

  /** Where to listen and where replies go: kea-dhcp4's {@code -p} and {@code -P}. */
  public record Ports(int serverPort, OptionalInt clientPort) {
    public Ports {
      if (serverPort < 0 || serverPort > 65535) {
        throw new IllegalArgumentException("server port " + serverPort + " is outside 0-65535");
      }
    }
  }

  public static Dhcp4Server start(Dhcp4Config config, Ports ports, LeaseEvents events, Clock clock)
      throws IOException {
    return start(config, ports, events, clock, new Statistics(clock));
  }

  /**
   * Starts with counters that outlive this server (a reload keeps the process's statistics). With
   * {@code dhcp-ddns.enable-updates} the server also opens its NCR sender and sends
   * NameChangeRequests on lease events, before passing each event on to {@code events}; a reload (a
   * new server) re-opens the sender with the new settings.
   */
  public static Dhcp4Server start(
      Dhcp4Config config, Ports ports, LeaseEvents given, Clock clock, Statistics stats)
      throws IOException {
    return start(config, ports, given, clock, stats, Optional.empty());
  }

  /**
   * As {@link #start(Dhcp4Config, Ports, LeaseEvents, Clock, Statistics)}; with HA in the
   * configuration the server also runs the HA state machine, its peer listener (serving {@code
   * peerCommands}) and its lease updates.
   *
   * @throws IOException for an HA configuration without {@code peerCommands}: HA without a peer
   *     listener could not answer the partner, and serving both peers' pools without lease updates
   *     could give one address to two clients
   */
  public static Dhcp4Server start(
      Dhcp4Config config,
      Ports ports,
      LeaseEvents given,
      Clock clock,
      Statistics stats,
      Optional<PeerCommands> peerCommands)
      throws IOException {
    if (config.highAvailability().isPresent() && peerCommands.isEmpty()) {
      throw new IOException(
          "the configuration enables High Availability (libdhcp_ha.so), which needs the daemon's"
              + " command registry for its peer listener (start d2j-dhcp4, not an embedded server)");
    }
    NcrEmitter ddns =
        config.dhcpDdns().enableUpdates()
            ? NcrEmitter.open(
                config.dhcpDdns(), id -> config.subnet(id).map(Subnet4::ddns), stats, clock)
            : null;
    LeaseEvents events = ddns == null ? given : LeaseEventsChain.of(ddns, given);
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "d2j-dhcp4-timers");
              t.setDaemon(true);
              return t;
            });
    // On close, a delayed one-shot task (dhcp-disable's max-period re-enable, a database
    // reconnect attempt) is dropped, not waited for: it used to hold close() for its 10 s grace.
    timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    DhcpService service = new DhcpService();
    LeaseStore leases;
    try {
      leases = openLeases(config, clock, stats, timers, service);
    } catch (RuntimeException e) {
      timers.shutdownNow();
      if (ddns != null) {
        ddns.close();
      }
      throw e;
    }
    Transport transport = null;
    HaShell shell = null;
    PeerListener listener = null;
    try {
      if (config.highAvailability().isPresent()) {
        shell =
            new HaShell(
                config.highAvailability().get(),
                stats,
                clock,
                new NetworkState(service, timers),
                merger(config, leases, timers, clock),
                config.parkedPacketLimit());
      }
      Network net = openNetwork(config, ports, timers);
      transport = net.transport();
      // The chain's lease events wait for the batch's sync (QueryBatch); the timers' do not need
      // to. With HA the chain's ha slot filters by scope and replies wait for the partner.
      QueryBatch<Inbound> batch =
          shell == null
              ? QueryBatch.assemble(config, leases, events, stats)
              : QueryBatch.assemble(config, leases, events, stats, shell, shell);
      PacketLoop loop =
          PacketLoop.start(
              transport,
              batch,
              config.configuredServerId(),
              net.fallback(),
              ports.clientPort(),
              clock,
              stats,
              service::enabled,
              config.multiThreading());
      // Fatal: the sockets (service-sockets-require-all) or the lease database (on-fail).
      CompletableFuture<String> fatal = new CompletableFuture<>();
      net.fatal().thenAccept(fatal::complete);
      service.fatal().thenAccept(fatal::complete);
      Dhcp4Server server =
          new Dhcp4Server(leases, loop, timers, stats, ddns, events, fatal, service);
      server.schedule(config, events, clock, shell == null ? ReclaimPolicy.ALWAYS : shell);
      if (shell != null) {
        listener =
            PeerListener.start(
                shell.vertx(),
                config.highAvailability().get(),
                peerCommands.get().registry(),
                peerCommands.get().executor());
        server.peerListener = listener;
        server.ha = Optional.of(shell);
        shell.start();
      }
      MultiThreading mt = config.multiThreading();
      Dhcp4Log.DHCP4_MULTI_THREADING_INFO.log(
          mt.enabled(), mt.enabled() ? mt.threads() : 0, mt.enabled() ? mt.packetQueueSize() : 0);
      Dhcp4Log.DHCP4_STARTED.log(
          transport.describe(),
          ports.clientPort().isPresent() ? ports.clientPort().getAsInt() : "67/68",
          batch.chain(),
          leases.size());
      return server;
    } catch (IOException | RuntimeException e) {
      if (listener != null) {
        listener.close();
      }
      if (shell != null) {
        shell.close();
      }
      if (transport != null) {
        transport.close();
      }
      timers.shutdownNow();
      leases.close();
      if (ddns != null) {
        ddns.close();
      }
      throw e;
    }
  }

  /**
   * Merges pages of the partner's leases (HA sync) on the timer thread holding the lease lock, as
   * the timers and lease commands change leases; a lease that cannot be read is logged and skipped.
   */
  private static Function<List<JsonNode>, CompletableFuture<int[]>> merger(
      Dhcp4Config config, LeaseStore leases, ScheduledExecutorService timers, Clock clock) {
    LeaseTarget target =
        new LeaseTarget() {
          @Override
          public Dhcp4Config config() {
            return config;
          }

          @Override
          public LeaseStore leases() {
            return leases;
          }
        };
    return page ->
        CompletableFuture.supplyAsync(
            () -> {
              int[] counts = new int[3];
              synchronized (leases) {
                for (JsonNode lease : page) {
                  try {
                    counts[PeerLeases.merge(target, lease, clock.instant()).ordinal()]++;
                  } catch (RuntimeException e) {
                    counts[PeerLeases.Merge.SKIPPED.ordinal()]++;
                    Dhcp4Log.HA_SYNC_LEASE_SKIPPED.log(
                        lease.path("ip-address").asText("?"), e.getMessage());
                  }
                }
              }
              return counts;
            },
            timers);
  }

  /** Kea's network state over {@link DhcpService}: max-period re-enables on the timer thread. */
  private static final class NetworkState implements ServiceSwitch {
    private final DhcpService service;
    private final ScheduledExecutorService timers;
    private final java.util.Map<String, java.util.concurrent.ScheduledFuture<?>> expiries =
        new java.util.concurrent.ConcurrentHashMap<>();

    NetworkState(DhcpService service, ScheduledExecutorService timers) {
      this.service = service;
      this.timers = timers;
    }

    @Override
    public void disable(String origin, Optional<Duration> maxPeriod) {
      service.disable(origin);
      java.util.concurrent.ScheduledFuture<?> was = expiries.remove(origin);
      if (was != null) {
        was.cancel(false);
      }
      maxPeriod.ifPresent(
          p -> {
            try {
              expiries.put(
                  origin,
                  timers.schedule(
                      () -> {
                        expiries.remove(origin);
                        service.enable(origin);
                      },
                      p.toMillis(),
                      TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException e) {
              // closing
            }
          });
    }

    @Override
    public void enable(String origin) {
      java.util.concurrent.ScheduledFuture<?> was = expiries.remove(origin);
      if (was != null) {
        was.cancel(false);
      }
      service.enable(origin);
    }
  }

  /** The sockets, and what the packet loop needs to know of them. */
  private record Network(
      Transport transport,
      Optional<PacketLoop.Fallback> fallback,
      CompletableFuture<String> fatal) {}

  /**
   * Per-interface sockets where the platform allows ({@link NativeTransport}, Linux), else one JDK
   * socket on 0.0.0.0 that serves relays and a single link.
   */
  private static Network openNetwork(
      Dhcp4Config config, Ports ports, ScheduledExecutorService timers) throws IOException {
    if (NativeTransport.available()) {
      InterfaceWatch watch =
          InterfaceWatch.open(
              config.interfaces(), ports.serverPort(), timers, NetInterfaces::detect);
      try {
        watch.start();
      } catch (IOException | RuntimeException e) {
        watch.transport().close();
        throw e;
      }
      return new Network(watch.transport(), Optional.empty(), watch.fatal());
    }
    Dhcp4Log.DHCP4_NATIVE_UNAVAILABLE.log(System.getProperty("os.name"));
    List<Inet4Address> addresses = new ArrayList<>();
    ListenPlan.of(config.interfaces(), NetInterfaces.detect())
        .served()
        .forEach(s -> addresses.addAll(s.addresses()));
    Inet4Address serverId =
        config
            .configuredServerId()
            .or(() -> addresses.stream().findFirst())
            .orElseThrow(
                () ->
                    new IOException(
                        "no IPv4 address on the configured interfaces "
                            + config.interfaces().names()
                            + " to use as server identifier"));
    return new Network(
        JdkTransport.open(ports.serverPort()),
        Optional.of(new PacketLoop.Fallback(serverId, addresses)),
        new CompletableFuture<>());
  }

  private static LeaseStore openLeases(
      Dhcp4Config config,
      Clock clock,
      Statistics stats,
      ScheduledExecutorService timers,
      DhcpService service) {
    LeaseDatabase db = config.leaseDatabase();
    if (db instanceof LeaseDatabase.Postgresql pg) {
      // Attempts run on the timer thread but outside the lease lock: one may wait the connect
      // timeout, and in the serve modes the packet thread must not wait with it.
      AtomicReference<PgLeaseStore> store = new AtomicReference<>();
      DatabaseRecovery recovery =
          new DatabaseRecovery(
              pg.reconnect(),
              () -> store.get().reconnect(),
              service,
              (delay, task) -> {
                try {
                  timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                  Dhcp4Log.DHCP4_DB_RECONNECT_NOT_SCHEDULED.log();
                }
              },
              stats::increment);
      store.set(PgLeaseStore.open(pg.access(), recovery));
      service.recovery(recovery);
      return store.get();
    }
    LeaseDatabase.Memfile memfile = (LeaseDatabase.Memfile) db;
    if (!memfile.persist()) {
      Dhcp4Log.DHCP4_LEASES_NOT_PERSISTED.log();
      return new InMemoryLeaseStore();
    }
    // Every row on disk before the ACK leaves (STYLE: no reply for a lease a crash would lose).
    MemfileLeaseStore store =
        MemfileLeaseStore.open(
            memfile.file(),
            FsyncPolicy.always(),
            clock,
            (int) Math.min(Integer.MAX_VALUE, memfile.maxRowErrors()));
    // As Kea, lease-checks apply to the leases read from the file (not to SQL back ends).
    try {
      LeaseSanity.check(config, store).forEach(LeaseSanity.Finding::log);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void schedule(
      Dhcp4Config config, LeaseEvents events, Clock clock, ReclaimPolicy reclaimPolicy) {
    Reclaimer reclaimer = new Reclaimer(leases, events, config.expiredLeases(), reclaimPolicy);
    boolean gauges = !(leases instanceof PgLeaseStore);
    if (gauges) {
      synchronized (leases) {
        PoolUsage.publish(config, leases, stats);
      }
    }
    every(
        config.expiredLeases().reclaimTimerWaitTime(),
        "reclaim",
        () -> {
          int n = reclaimer.reclaim(clock.instant());
          if (n > 0) {
            Dhcp4Log.ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE.log(n);
          }
          if (gauges) {
            PoolUsage.publish(config, leases, stats);
          }
        });
    every(
        config.expiredLeases().flushReclaimedTimerWaitTime(),
        "flush",
        () -> reclaimer.flush(clock.instant()));
    if (leases instanceof MemfileLeaseStore memfile
        && config.leaseDatabase() instanceof LeaseDatabase.Memfile settings) {
      every(settings.lfcInterval(), "lfc", memfile::compact);
    }
  }

  private void every(Duration period, String what, Runnable task) {
    if (period.isZero()) {
      return;
    }
    // The timer thread, the packet thread and lease commands share the store; the store itself is
    // the lock that makes each one's read-then-write atomic against the others.
    timers.scheduleWithFixedDelay(
        () -> {
          try {
            synchronized (leases) {
              task.run();
            }
          } catch (RuntimeException e) {
            Dhcp4Log.DHCP4_TIMER_FAILED.log(what, e.toString(), e);
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  public int port() throws IOException {
    return loop.port();
  }

  /** Kea's packet-queue-statistics: average queue lengths; empty without multi-threading. */
  public double[] packetQueueAverages() {
    return loop.queueAverages();
  }

  /**
   * Completed with the reason when the server cannot go on ({@code service-sockets-require-all}
   * after the retries, or the lease database lost for good with an {@code on-fail} that exits): the
   * process stops with exit value 1.
   */
  public CompletableFuture<String> fatal() {
    return fatal;
  }

  public LeaseStore leases() {
    return leases;
  }

  public Statistics stats() {
    return stats;
  }

  /** The lease-event listener the chain and the timers use (DDNS first when enabled). */
  public LeaseEvents events() {
    return events;
  }

  /** The running HA service, when the configuration has one. */
  public Optional<HaControl> ha() {
    return ha.map(h -> h);
  }

  /** The HA shell itself (tests). */
  public Optional<HaShell> haShell() {
    return ha;
  }

  /** {@code dhcp-disable} / {@code dhcp-enable}. */
  public ServiceSwitch serviceSwitch() {
    return serviceSwitch;
  }

  /** Whether the DHCP service answers queries (false while on-fail stop-retry-exit waits). */
  public boolean serving() {
    return service.enabled();
  }

  @Override
  public void close() {
    if (peerListener != null) {
      peerListener.close();
    }
    ha.ifPresent(HaShell::close);
    service.close();
    loop.close();
    // Let a timer task that is writing the lease file finish: interrupting it (shutdownNow) closes
    // the FileChannel under it (ClosedByInterruptException) and loses that lease write.
    timers.shutdown();
    try {
      if (!timers.awaitTermination(10, TimeUnit.SECONDS)) {
        Dhcp4Log.DHCP4_SHUTDOWN_TIMERS.log();
        timers.shutdownNow();
      }
    } catch (InterruptedException e) {
      timers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    leases.close();
    if (ddns != null) {
      ddns.close();
    }
    Dhcp4Log.DHCP4_SHUTDOWN.log();
  }
}
