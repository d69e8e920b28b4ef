package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.alloc.Ingress;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.handler.ChainAssembler;
import io.d2j.dhcp4.handler.HandlerChain;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PluginCatalog;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.dhcp4.lease.FsyncPolicy;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.lease.MemfileLeaseStore;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpFormatException;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.dhcp4.plugins.BuiltInPlugins;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.IpAddresses;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Not a test: a probe of where one thread's CPU goes on the packet path per 4-way exchange, by
 * chain phase ({@link HandlerChain#runBefore}, {@link HandlerChain#runLocked}, {@link
 * HandlerChain#runAfter}), so that the work the lease lock serializes under {@code multi-threading}
 * can be told from the work packet threads overlap. The benchmark's configuration ({@link
 * PacketPathCpuProbe#BENCH_CONFIG}, memfile persisted), new clients in batches of {@code batch}
 * DISCOVERs then their REQUESTs, as {@link QueryBatch#prepare} runs them: decode, the leading part,
 * then the locked part with the lease rows written ({@link LeaseStore#prepareDeferred}), the
 * trailing part, encode, the sync. Prints thread-CPU microseconds per exchange for each, per round;
 * "locked" is what the lease store's monitor is held for (before chain phases it also held the
 * leading and trailing parts).
 *
 * <p>{@code java -cp
 * dhcp-server/target/test-classes:dhcp-server/target/classes:'dhcp-server/target/lib/*'
 * -XX:TieredStopAtLevel=1 -XX:+UseSerialGC io.d2j.dhcp4.runtime.ChainPhaseCpuProbe [rounds]
 * [exchanges per round] [batch]}
 */
public final class ChainPhaseCpuProbe {

  private static final Inet4Address RELAY = (Inet4Address) IpAddresses.parse("127.0.0.1");
  private static final String[] PHASES = {"decode", "before", "locked", "after", "encode", "sync"};

  private ChainPhaseCpuProbe() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    Path dir = Files.createTempDirectory("d2j-phase-probe");
    Dhcp4Config config =
        Dhcp4ConfigParser.parse(
            KeaConfigReader.parse(PacketPathCpuProbe.BENCH_CONFIG, "probe.json"), dir);
    Clock clock = Clock.systemUTC();
    Statistics stats = new Statistics(clock);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (MemfileLeaseStore store =
        MemfileLeaseStore.open(dir.resolve("leases4.csv"), FsyncPolicy.always(), clock)) {
      DeferredLeaseEvents events = new DeferredLeaseEvents(LeaseEvents.NONE, store);
      HandlerChain chain =
          ChainAssembler.assemble(
              new PluginCatalog(BuiltInPlugins.all()),
              new PluginContext(config, store, events, stats));
      System.out.println("locked part: " + chain.lockedNames());
      int client = 0;
      for (int r = 0; r < rounds; r++) {
        long[] ns = new long[PHASES.length];
        int done = 0;
        while (done < perRound) {
          List<byte[]> discovers = new ArrayList<>();
          for (int i = 0; i < batchSize; i++) {
            discovers.add(
                query(client + i, DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER)));
          }
          List<byte[]> requests = new ArrayList<>();
          for (DhcpPacket offer : batch(chain, store, events, discovers, ns, mx)) {
            int c = offer.xid() - 1;
            requests.add(
                query(
                    c,
                    DhcpOptions.builder()
                        .messageType(DhcpMessageType.REQUEST)
                        .address(OptionCodes.SERVER_IDENTIFIER, RELAY)
                        .address(OptionCodes.REQUESTED_ADDRESS, offer.yiaddr())));
          }
          done += batch(chain, store, events, requests, ns, mx).size();
          client += batchSize;
        }
        StringBuilder line = new StringBuilder("round " + r + ", us/exchange:");
        long total = 0;
        for (int i = 0; i < PHASES.length; i++) {
          line.append(String.format(" %s %.2f", PHASES[i], ns[i] / 1e3 / done));
          total += ns[i];
        }
        line.append(String.format(" | total %.2f", total / 1e3 / done));
        System.out.println(line);
      }
    }
  }

  /** One batch, phase by phase, each phase's thread CPU added to {@code ns}; the replies sent. */
  private static List<DhcpPacket> batch(
      HandlerChain chain,
      LeaseStore store,
      DeferredLeaseEvents events,
      List<byte[]> datagrams,
      long[] ns,
      ThreadMXBean mx)
      throws DhcpFormatException {
    long t0 = mx.getCurrentThreadCpuTime();
    List<HandlerChain.Progress> started = new ArrayList<>(datagrams.size());
    for (byte[] d : datagrams) {
      DhcpPacket q = DhcpCodec.decode(d);
      started.add(chain.start(q, context()));
    }
    long t1 = mx.getCurrentThreadCpuTime();
    for (HandlerChain.Progress p : started) {
      chain.runBefore(p);
    }
    long t2 = mx.getCurrentThreadCpuTime();
    LeaseStore.Pending pending;
    synchronized (store) {
      store.deferSyncs();
      for (HandlerChain.Progress p : started) {
        chain.runLocked(p);
        events.takeChanges();
      }
      events.take();
      pending = store.prepareDeferred();
    }
    long t3 = mx.getCurrentThreadCpuTime();
    List<DhcpPacket> replies = new ArrayList<>(started.size());
    for (HandlerChain.Progress p : started) {
      if (chain.runAfter(p) instanceof HandlerChain.Send s) {
        replies.add(s.reply());
      }
    }
    long t4 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < replies.size(); i++) {
      DhcpCodec.encode(replies.get(i), DhcpCodec.replySizeLimit(started.get(i).query().options()));
    }
    long t5 = mx.getCurrentThreadCpuTime();
    pending.awaitDurable();
    long t6 = mx.getCurrentThreadCpuTime();
    ns[0] += t1 - t0;
    ns[1] += t2 - t1;
    ns[2] += t3 - t2;
    ns[3] += t4 - t3;
    ns[4] += t5 - t4;
    ns[5] += t6 - t5;
    return replies;
  }

  private static PacketContext context() {
    return new PacketContext(
        java.time.Instant.now(),
        RELAY,
        new Ingress(Optional.of("lo"), List.of(RELAY), false),
        RELAY,
        RELAY);
  }

  private static byte[] query(int client, DhcpOptions.Builder options) {
    byte[] mac = {
      0x02, 0, (byte) (client >>> 24), (byte) (client >>> 16), (byte) (client >>> 8), (byte) client
    };
    DhcpPacket p = DhcpPacket.request(client + 1, Octets.of(mac), options.build());
    return DhcpCodec.encode(RelayedQueries.viaRelay(p, RELAY));
  }
}
