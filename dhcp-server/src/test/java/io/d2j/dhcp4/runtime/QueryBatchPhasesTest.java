package io.d2j.dhcp4.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.alloc.Fixtures;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.handler.ChainAssembler;
import io.d2j.dhcp4.handler.DhcpPlugin;
import io.d2j.dhcp4.handler.HandlerChain;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.PluginCatalog;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseChange;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseReplication;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.plugins.BuiltInPlugins;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.IpAddresses;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The chain's three parts ({@link HandlerChain#runBefore}, {@link HandlerChain#runLocked}, {@link
 * HandlerChain#runAfter}) as {@link QueryBatch#prepare} runs them: the built-in handlers that need
 * no lease lock run without the lease store's monitor, allocation under it; a third-party handler
 * that says nothing runs under it; the trailing part of one packet thread does not keep another
 * from its locked part; the commit thread waits for a batch's replies; a trailing handler that
 * throws costs its query's reply only. Every handler is wrapped in a probe that journals, in call
 * order, the slot, the client and whether the monitor was held.
 */
class QueryBatchPhasesTest {

  private final InMemoryLeaseStore store = new InMemoryLeaseStore();
  private final Statistics stats = new Statistics(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  /** "classify a free", "allocation a locked", ...: handler calls in order. */
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  /** Lease events as they fire. */
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  /** Per client, the lease changes given to HA's replication. */
  private final Map<Character, List<LeaseChange>> replicated = new ConcurrentHashMap<>();

  /** What the {@code free-probe} and {@code locking-probe} plugins do for each query. */
  private volatile Consumer<Character> probeAction = client -> {};

  /** Run by the allocation probe for each query, under the lock. */
  private volatile Consumer<Character> allocationAction = client -> {};

  private final LeaseEvents recorder =
      new LeaseEvents() {
        @Override
        public void onAllocated(Lease4 lease) {
          events.add("allocated " + IpAddresses.format(lease.address()));
        }
      };

  private final LeaseReplication replication =
      (client, changes) -> {
        char c = (char) ('a' + client.hardwareAddress().get(5) - 10);
        replicated.put(c, changes);
        return CompletableFuture.completedFuture(true);
      };

  @Test
  void lockFreeBuiltIns_runWithoutTheLeaseMonitor_allocationUnderIt_inThreeParts() {
    QueryBatch<String> batch = batch("");

    List<QueryBatch.Answer<String>> answers =
        batch.process(List.of(request('a', "10.0.0.10"), request('b', "10.0.0.12")));

    assertThat(answers)
        .extracting(a -> a.origin() + " " + a.reply().messageType().orElseThrow())
        .containsExactly("a ACK", "b ACK");
    assertThat(calls)
        .containsExactly(
            // decoded and started before the lock, the batch's queries one after the other
            "classify a free",
            "ha a free",
            "ddns-naming a free",
            "classify b free",
            "ha b free",
            "ddns-naming b free",
            // the batch's allocations under the lock
            "allocation a locked",
            "allocation b locked",
            // the replies completed once it is released
            "lease-times a free",
            "options a free",
            "ddns a free",
            "lease-times b free",
            "options b free",
            "ddns b free");
    assertThat(events).containsExactly("allocated 10.0.0.10", "allocated 10.0.0.12");
  }

  @Test
  void queriesDrainedUnderTheLock_areStartedThere() {
    QueryBatch<String> batch = batch("");

    List<QueryBatch.Answer<String>> answers =
        batch.finish(
            batch.prepare(
                List.of(request('a', "10.0.0.10")),
                more -> more.add(request('b', "10.0.0.12")),
                prepared -> {}));

    assertThat(answers).extracting(QueryBatch.Answer::origin).containsExactly("a", "b");
    assertThat(calls).contains("classify a free", "classify b locked", "options b free");
  }

  @Test
  void thirdPartyHandlerThatSaysNothing_runsUnderTheLock_withTheHandlersBeforeIt() {
    QueryBatch<String> batch =
        batch("\"hooks-libraries\": [{\"library\": \"d2j:locking-probe\"}],");

    assertThat(batch.chain().lockedNames())
        .containsExactly("allocation", "lease-times", "options", "ddns", "locking-probe");
    assertThat(batch.process(List.of(request('a', "10.0.0.10")))).hasSize(1);
    assertThat(calls)
        .containsExactly(
            "classify a free",
            "ha a free",
            "ddns-naming a free",
            "allocation a locked",
            "lease-times a locked",
            "options a locked",
            "ddns a locked",
            "locking-probe a locked");
  }

  @Test
  void thirdPartyHandlerThatNeedsNoLock_runsWithoutIt() {
    QueryBatch<String> batch = batch("\"hooks-libraries\": [{\"library\": \"d2j:free-probe\"}],");

    assertThat(batch.chain().lockedNames()).containsExactly("allocation");
    assertThat(batch.process(List.of(request('a', "10.0.0.10")))).hasSize(1);
    assertThat(calls).contains("free-probe a free");
  }

  @Test
  void rateLimiterOn_leadingHandlersRunUnderTheLock_afterAdmission() {
    QueryBatch<String> batch =
        batch(
            "\"user-context\": {\"d2j\": {\"query-rate-limit\":"
                + " {\"per-client\": {\"per-second\": 1, \"burst\": 1}}}},");

    List<QueryBatch.Answer<String>> answers =
        batch.process(List.of(request('a', "10.0.0.10"), request('a', "10.0.0.10")));

    // The second query of client a is over its budget: dropped before any handler ran on it.
    assertThat(answers).hasSize(1);
    assertThat(calls)
        .filteredOn(c -> c.startsWith("classify"))
        .containsExactly("classify a locked");
    assertThat(stats.value("pkt4-limit-exceeded")).isEqualTo(1);
  }

  @Test
  void trailingHandlerThrows_costsItsQuerysReplyOnly_theLeaseStaysAndIsReplicated() {
    QueryBatch<String> batch = batch("\"hooks-libraries\": [{\"library\": \"d2j:free-probe\"}],");
    probeAction =
        client -> {
          if (client == 'a') {
            throw new IllegalStateException("probe bug");
          }
        };

    List<QueryBatch.Answer<String>> answers =
        batch.process(List.of(request('a', "10.0.0.10"), request('b', "10.0.0.12")));

    assertThat(answers).extracting(QueryBatch.Answer::origin).containsExactly("b");
    assertThat(stats.value("pkt4-receive-drop")).isEqualTo(1);
    // a's lease was written under the lock and made durable with the batch: it stays, its event
    // fires and HA's partner learns of it; the client, unanswered, asks again.
    assertThat(store.get(Fixtures.ip("10.0.0.10"))).isPresent();
    assertThat(events).containsExactly("allocated 10.0.0.10", "allocated 10.0.0.12");
    assertThat(replicated.get('a')).singleElement().isInstanceOf(LeaseChange.Updated.class);
    assertThat(replicated.get('b')).singleElement().isInstanceOf(LeaseChange.Updated.class);
  }

  @Test
  void trailingHandlerThrowsAnError_theBatchIsStillBuilt_itsLeaseChangesReplicatedWithoutReplies() {
    QueryBatch<String> batch = batch("\"hooks-libraries\": [{\"library\": \"d2j:free-probe\"}],");
    probeAction =
        client -> {
          if (client == 'a') {
            throw new AssertionError("probe bug that is not an exception");
          }
        };
    AtomicReference<QueryBatch.Prepared<String>> queued = new AtomicReference<>();

    assertThatThrownBy(
            () ->
                batch.prepare(
                    List.of(request('a', "10.0.0.10"), request('b', "10.0.0.12")),
                    more -> {},
                    queued::set))
        .isInstanceOf(AssertionError.class);

    // The Error took the packet thread's way out, but the batch handed to the commit thread is
    // built (finish does not wait forever) and its written leases still reach the partner; the
    // clients, unanswered, ask again.
    assertThat(batch.finish(queued.get())).isEmpty();
    assertThat(store.get(Fixtures.ip("10.0.0.10"))).isPresent();
    assertThat(store.get(Fixtures.ip("10.0.0.12"))).isPresent();
    assertThat(replicated.get('a')).singleElement().isInstanceOf(LeaseChange.Updated.class);
    assertThat(replicated.get('b')).singleElement().isInstanceOf(LeaseChange.Updated.class);
  }

  @Test
  void commitThreadFinishesABatchBeforeItsRepliesAreBuilt_waitsForThem() throws Exception {
    QueryBatch<String> batch = batch("\"hooks-libraries\": [{\"library\": \"d2j:free-probe\"}],");
    AtomicReference<Thread> finisher = new AtomicReference<>();
    CompletableFuture<List<QueryBatch.Answer<String>>> finished = new CompletableFuture<>();
    // The trailing part runs only once the commit thread is waiting in finish for this batch.
    probeAction = client -> awaitState(finisher.get(), Thread.State.WAITING);

    batch.prepare(
        List.of(request('a', "10.0.0.10")),
        more -> {},
        prepared -> {
          Thread t = new Thread(() -> finished.complete(batch.finish(prepared)), "test-commit");
          finisher.set(t);
          t.start();
        });

    assertThat(finished.get(30, TimeUnit.SECONDS))
        .extracting(a -> a.origin() + " " + a.reply().messageType().orElseThrow())
        .containsExactly("a ACK");
    assertThat(calls).contains("options a free", "free-probe a free");
  }

  private static void awaitState(Thread t, Thread.State state) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != state && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(t.getState()).isEqualTo(state);
  }

  @Test
  void oneThreadsTrailingHandlers_doNotKeepAnotherFromItsLockedPart() throws Exception {
    QueryBatch<String> batch = batch("\"hooks-libraries\": [{\"library\": \"d2j:free-probe\"}],");
    CountDownLatch aInTrailingPart = new CountDownLatch(1);
    CountDownLatch bAllocated = new CountDownLatch(1);
    AtomicBoolean overlapped = new AtomicBoolean();
    probeAction =
        client -> {
          if (client == 'a') {
            aInTrailingPart.countDown();
            try {
              // Under one lock for the whole chain, b's allocation would wait for this.
              overlapped.set(bAllocated.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    allocationAction =
        client -> {
          if (client == 'b') {
            bAllocated.countDown();
          }
        };

    // Two packet threads of their own (the common pool may have one thread on two cores).
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<List<QueryBatch.Answer<String>>> first =
          threads.submit(() -> batch.process(List.of(request('a', "10.0.0.10"))));
      assertThat(aInTrailingPart.await(10, TimeUnit.SECONDS)).isTrue();
      Future<List<QueryBatch.Answer<String>>> second =
          threads.submit(() -> batch.process(List.of(request('b', "10.0.0.12"))));

      assertThat(first.get(30, TimeUnit.SECONDS))
          .extracting(QueryBatch.Answer::origin)
          .contains("a");
      assertThat(second.get(30, TimeUnit.SECONDS))
          .extracting(QueryBatch.Answer::origin)
          .contains("b");
    } finally {
      threads.shutdownNow();
    }
    assertThat(overlapped).isTrue();
    assertThat(events).containsExactly("allocated 10.0.0.10", "allocated 10.0.0.12");
  }

  private QueryBatch<String> batch(String extra) {
    Dhcp4Config config =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse(
                Fixtures.CONFIG.replace(
                    "\"valid-lifetime\": 3600,", "\"valid-lifetime\": 3600, " + extra),
                "test.json"),
            Path.of("/tmp"));
    DeferredLeaseEvents deferred = new DeferredLeaseEvents(recorder, store);
    List<DhcpPlugin> plugins = new ArrayList<>();
    for (DhcpPlugin p : BuiltInPlugins.all()) {
      plugins.add(probed(p));
    }
    plugins.add(probe("free-probe", false));
    plugins.add(probe("locking-probe", true));
    HandlerChain chain =
        ChainAssembler.assemble(
            new PluginCatalog(plugins), new PluginContext(config, store, deferred, stats));
    return new QueryBatch<>(
        chain, store, deferred, stats, new QueryLimiter(config.queryRateLimits()), replication);
  }

  /** {@code plugin}, its handler journaled; it needs the lock as the plugin's does. */
  private DhcpPlugin probed(DhcpPlugin plugin) {
    return new DhcpPlugin() {
      @Override
      public String name() {
        return plugin.name();
      }

      @Override
      public PacketHandler parse(ConfigNode args, PluginContext context) {
        PacketHandler handler = plugin.parse(args, context);
        return new PacketHandler() {
          @Override
          public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext ctx) {
            journal(plugin.name(), query);
            if (plugin.name().equals("allocation")) {
              allocationAction.accept(client(query));
            }
            return handler.handle(query, reply, ctx);
          }

          @Override
          public boolean needsLeaseLock() {
            return handler.needsLeaseLock();
          }
        };
      }
    };
  }

  /** A third-party plugin that journals and runs {@link #probeAction}. */
  private DhcpPlugin probe(String name, boolean lock) {
    return new DhcpPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public PacketHandler parse(ConfigNode args, PluginContext context) {
        PacketHandler handler =
            (query, reply, ctx) -> {
              journal(name, query);
              probeAction.accept(client(query));
              return Verdict.next(reply);
            };
        if (lock) {
          return handler; // says nothing: the default
        }
        return new PacketHandler() {
          @Override
          public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext ctx) {
            return handler.handle(query, reply, ctx);
          }

          @Override
          public boolean needsLeaseLock() {
            return false;
          }
        };
      }
    };
  }

  private void journal(String slot, DhcpPacket query) {
    calls.add(slot + " " + client(query) + (Thread.holdsLock(store) ? " locked" : " free"));
  }

  private static char client(DhcpPacket query) {
    return (char) ('a' + query.chaddr().get(5) - 10);
  }

  /** A relayed DHCPREQUEST in SELECTING state for {@code address}: an ACK and a new lease. */
  private static QueryBatch.Query<String> request(char client, String address) {
    return CommitPipelineTest.query(client, address);
  }
}
