package io.d2j.dhcp4.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.lease.FsyncPolicy;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.MemfileLeaseStore;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code multi-threading}: several packet threads call {@link QueryBatch#process} on one chain and
 * one memfile store at once, or, as the pool does, {@link QueryBatch#prepare} batches that one
 * {@link CommitPipeline} finishes (its backlog small enough that they wait for room). Every client
 * gets its own address, every ACKed lease is in the store and in its file (the group commit of one
 * batch never syncs or takes back another's rows), and each lease event fires once.
 */
class QueryBatchThreadsTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final Inet4Address SERVER_ID = (Inet4Address) IpAddresses.parse("10.9.0.1");
  private static final Inet4Address RELAY = (Inet4Address) IpAddresses.parse("10.9.0.2");
  private static final int THREADS = 4;
  private static final int CLIENTS_PER_THREAD = 150;
  private static final int BATCH = 10;

  @Test
  void fourPacketThreads_distinctAddresses_everyAckDurable_eachEventOnce(@TempDir Path dir)
      throws Exception {
    run(dir, false);
  }

  /** As the multi-threaded loop runs it: packet threads prepare, one commit thread finishes. */
  @Test
  void fourPacketThreadsAndTheCommitThread_distinctAddresses_everyAckDurable_eachEventOnce(
      @TempDir Path dir) throws Exception {
    run(dir, true);
  }

  private void run(Path dir, boolean commitThread) throws Exception {
    Dhcp4Config config =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse(
                """
                {"Dhcp4": {"valid-lifetime": 4000, "subnet4": [{"id": 1,
                  "subnet": "10.9.0.0/16", "pools": [{"pool": "10.9.0.10 - 10.9.7.250"}]}]}}
                """,
                "mt.json"),
            dir);
    Path file = dir.resolve("leases4.csv");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Map<Inet4Address, Integer> allocatedEvents = new ConcurrentHashMap<>();
    LeaseEvents events =
        new LeaseEvents() {
          @Override
          public void onAllocated(Lease4 lease) {
            allocatedEvents.merge(lease.address(), 1, Integer::sum);
          }
        };
    Map<Octets, Inet4Address> acked = new ConcurrentHashMap<>();
    try (MemfileLeaseStore store = MemfileLeaseStore.open(file, FsyncPolicy.always(), clock)) {
      QueryBatch<Integer> batch = QueryBatch.assemble(config, store, events, new Statistics(clock));
      // With the commit thread, each packet thread's replies come back through its own queue.
      List<BlockingQueue<QueryBatch.Answer<Integer>>> replies = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        replies.add(new LinkedBlockingQueue<>());
      }
      CommitPipeline<Integer> commits =
          commitThread
              ? new CommitPipeline<Integer>(
                      batch, 2 * BATCH, a -> replies.get(a.query().xid() >> 16).add(a), "commit")
                  .start()
              : null;
      CyclicBarrier start = new CyclicBarrier(THREADS);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  Function<List<QueryBatch.Query<Integer>>, List<QueryBatch.Answer<Integer>>> run =
                      commits == null
                          ? batch::process
                          : queries ->
                              viaCommitThread(batch, commits, queries, replies.get(thread));
                  for (int from = 0; from < CLIENTS_PER_THREAD; from += BATCH) {
                    exchange(run, thread, from, acked);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      if (commits != null) {
        commits.close();
      }

      int clients = THREADS * CLIENTS_PER_THREAD;
      assertThat(acked).hasSize(clients);
      assertThat(new ArrayList<>(acked.values())).doesNotHaveDuplicates();
      assertThat(store.size()).isEqualTo(clients);
      acked.forEach(
          (mac, address) -> assertThat(store.get(address).orElseThrow().hwaddr()).isEqualTo(mac));
      assertThat(allocatedEvents).hasSize(clients).allSatisfy((a, n) -> assertThat(n).isOne());
    }
    // The file holds what the clients were told, and nothing else.
    try (MemfileLeaseStore reloaded = MemfileLeaseStore.open(file, FsyncPolicy.always(), clock)) {
      Map<Octets, Inet4Address> onDisk = new HashMap<>();
      reloaded.all().forEach(l -> onDisk.put(l.hwaddr(), l.address()));
      assertThat(onDisk).isEqualTo(acked);
    }
  }

  /** Prepares {@code queries} as one batch and waits for the commit thread's replies to them. */
  private static List<QueryBatch.Answer<Integer>> viaCommitThread(
      QueryBatch<Integer> batch,
      CommitPipeline<Integer> commits,
      List<QueryBatch.Query<Integer>> queries,
      BlockingQueue<QueryBatch.Answer<Integer>> replies) {
    try {
      commits.awaitRoom();
      batch.prepare(queries, more -> {}, commits::add);
      List<QueryBatch.Answer<Integer>> out = new ArrayList<>();
      while (out.size() < queries.size()) {
        QueryBatch.Answer<Integer> a = replies.poll(30, TimeUnit.SECONDS);
        assertThat(a).as("a reply within 30 s").isNotNull();
        out.add(a);
      }
      return out;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** DISCOVERs of clients [from, from + BATCH) of {@code thread} as one batch, then REQUESTs. */
  private static void exchange(
      Function<List<QueryBatch.Query<Integer>>, List<QueryBatch.Answer<Integer>>> batch,
      int thread,
      int from,
      Map<Octets, Inet4Address> acked) {
    List<QueryBatch.Query<Integer>> discovers = new ArrayList<>();
    for (int c = from; c < from + BATCH; c++) {
      discovers.add(query(thread, c, DhcpMessageType.DISCOVER, null));
    }
    List<QueryBatch.Query<Integer>> requests = new ArrayList<>();
    for (QueryBatch.Answer<Integer> offer : batch.apply(discovers)) {
      assertThat(offer.reply().messageType()).contains(DhcpMessageType.OFFER);
      requests.add(query(thread, offer.origin(), DhcpMessageType.REQUEST, offer.reply().yiaddr()));
    }
    assertThat(requests).hasSize(BATCH);
    for (QueryBatch.Answer<Integer> ack : batch.apply(requests)) {
      assertThat(ack.reply().messageType()).contains(DhcpMessageType.ACK);
      acked.put(ack.query().hardwareAddress(), ack.reply().yiaddr());
    }
  }

  private static QueryBatch.Query<Integer> query(
      int thread, int client, DhcpMessageType type, Inet4Address requested) {
    DhcpOptions.Builder options = DhcpOptions.builder().messageType(type);
    if (requested != null) {
      options.address(OptionCodes.REQUESTED_ADDRESS, requested);
      options.address(OptionCodes.SERVER_IDENTIFIER, SERVER_ID);
    }
    Octets mac =
        Octets.of(new byte[] {2, 0, 0, (byte) thread, (byte) (client >> 8), (byte) client});
    DhcpPacket p = DhcpPacket.request(thread << 16 | client, mac, options.build());
    DhcpPacket relayed = RelayedQueries.viaRelay(p, RELAY);
    return new QueryBatch.Query<>(
        DhcpCodec.encode(relayed, 576),
        client,
        "client " + thread + "/" + client,
        new PacketContext(NOW, SERVER_ID, List.of()));
  }
}
