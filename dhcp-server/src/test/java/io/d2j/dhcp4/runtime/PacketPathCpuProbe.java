package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.alloc.Ingress;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.lease.FsyncPolicy;
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
 * Not a test: a probe of the CPU one thread spends on the packet path per 4-way exchange, without
 * sockets or hand-offs, so that changes to the chain, codec and lease store can be compared on a
 * busy host where whole-process figures drift with the load. The benchmark's configuration
 * (docs/benchmarks.md: one relayed subnet, 262k addresses, memfile persisted and synced per batch),
 * new clients in batches of {@code batch} DISCOVERs then their REQUESTs, each through {@link
 * QueryBatch#process} (decode, chain, lease rows, sync) and the replies encoded as the commit
 * thread does. Prints user and user+sys milliseconds per 1,000 exchanges for each round.
 *
 * <p>{@code java -cp
 * dhcp-server/target/test-classes:dhcp-server/target/classes:'dhcp-server/target/lib/*'
 * -XX:TieredStopAtLevel=1 -XX:+UseSerialGC io.d2j.dhcp4.runtime.PacketPathCpuProbe [rounds]
 * [exchanges per round] [batch]}
 */
public final class PacketPathCpuProbe {

  private static final Inet4Address RELAY = (Inet4Address) IpAddresses.parse("127.0.0.1");

  /**
   * The benchmark's server configuration, less sockets and files (PacketPathAllocationTest too).
   */
  static final String BENCH_CONFIG =
      """
      {"Dhcp4": {
        "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
        "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8",
          "relay": { "ip-addresses": [ "127.0.0.1" ] },
          "pools": [ { "pool": "10.0.0.10 - 10.3.255.200" } ] } ]
      }}
      """;

  private PacketPathCpuProbe() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Path dir = Files.createTempDirectory("d2j-cpu-probe");
    Path leaseFile = dir.resolve("leases4.csv");
    Dhcp4Config config =
        Dhcp4ConfigParser.parse(KeaConfigReader.parse(BENCH_CONFIG, "probe.json"), dir);
    Clock clock = Clock.systemUTC();
    Statistics stats = new Statistics(clock);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (MemfileLeaseStore store = MemfileLeaseStore.open(leaseFile, FsyncPolicy.always(), clock)) {
      QueryBatch<Integer> batch = QueryBatch.assemble(config, store, LeaseEvents.NONE, stats);
      int client = 0;
      for (int r = 0; r < rounds; r++) {
        long user0 = mx.getCurrentThreadUserTime();
        long cpu0 = mx.getCurrentThreadCpuTime();
        int done = 0;
        while (done < perRound) {
          List<QueryBatch.Query<Integer>> discovers = new ArrayList<>();
          for (int i = 0; i < batchSize; i++) {
            int c = client + i;
            discovers.add(query(c, DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER)));
          }
          List<QueryBatch.Query<Integer>> requests = new ArrayList<>();
          for (QueryBatch.Answer<Integer> offer : sent(batch.process(discovers))) {
            requests.add(
                query(
                    offer.origin(),
                    DhcpOptions.builder()
                        .messageType(DhcpMessageType.REQUEST)
                        .address(OptionCodes.SERVER_IDENTIFIER, RELAY)
                        .address(OptionCodes.REQUESTED_ADDRESS, offer.reply().yiaddr())));
          }
          done += sent(batch.process(requests)).size();
          client += batchSize;
        }
        long user = mx.getCurrentThreadUserTime() - user0;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        System.out.printf(
            "round %d: %d exchanges, user %.1f ms / 1k, user+sys %.1f ms / 1k%n",
            r, done, user / 1e6 / done * 1000, cpu / 1e6 / done * 1000);
      }
    }
  }

  /** The answers, each encoded as the commit thread encodes it before sending. */
  private static List<QueryBatch.Answer<Integer>> sent(List<QueryBatch.Answer<Integer>> answers) {
    for (QueryBatch.Answer<Integer> a : answers) {
      DhcpCodec.encode(a.reply(), DhcpCodec.replySizeLimit(a.query().options()));
    }
    return answers;
  }

  private static QueryBatch.Query<Integer> query(int client, DhcpOptions.Builder options) {
    byte[] mac = {
      0x02, 0, (byte) (client >>> 24), (byte) (client >>> 16), (byte) (client >>> 8), (byte) client
    };
    DhcpPacket p = DhcpPacket.request(client * 7 + 1, Octets.of(mac), options.build());
    DhcpPacket relayed = RelayedQueries.viaRelay(p, RELAY);
    PacketContext context =
        new PacketContext(
            java.time.Instant.now(),
            RELAY,
            new Ingress(Optional.of("lo"), List.of(RELAY), false),
            RELAY,
            RELAY);
    return new QueryBatch.Query<>(DhcpCodec.encode(relayed), client, "probe", context);
  }
}
