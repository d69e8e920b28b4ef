package io.d2j.dhcp4.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one DORA exchange allocates on the packet path, so that a change that brings back per-packet
 * copies (option maps copied by every handler, streams, iterators, boxed codes) fails here rather
 * than as young collections and packet-queue drops under load. The launcher runs C1, which has no
 * escape analysis, so the measurement runs in a child JVM with the launcher's compiler and
 * collector: under C2 short-lived objects can vanish and the figure would depend on when
 * compilation finished. Allocation is deterministic there; nothing here is timed.
 *
 * <p>Measured: {@link QueryBatch#process} (decode, handler chain, lease rows and their sync) for a
 * DISCOVER and a REQUEST as perfdhcp sends them through a relay, and the encoding of both replies
 * (the commit thread's part), on one thread, after a warm-up. It was 24.9 KB per exchange before
 * the option set became array-backed and the per-query streams, iterators and map copies went (main
 * at 6c17f3a), 9.9 KB after (mt8). The budget leaves about 60 % more for JDK differences (the
 * figure itself does not vary between runs), and main's figure fails it.
 */
class PacketPathAllocationTest {

  /** Bytes per exchange allowed: 9.9 KB measured (see the class comment), plus headroom. */
  private static final long BUDGET = 16_000;

  private static final Inet4Address RELAY = (Inet4Address) IpAddresses.parse("127.0.0.1");

  /** perfdhcp -4's parameter request list: subnet mask, broadcast, time offset, routers, ... */
  private static final byte[] PRL = {1, 28, 2, 3, 15, 6, 12};

  @Test
  void oneExchange_allocatesUnderBudget(@TempDir Path dir) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    // Its output read on another thread, so that a child that hangs fails the wait, not the read.
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    boolean exited = child.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      child.destroyForcibly();
    }
    assertThat(exited).as("the probe JVM exits within 5 minutes").isTrue();
    String out = output.get(1, TimeUnit.MINUTES);
    assertThat(child.exitValue()).as(out).isZero();
    Matcher figure = Pattern.compile("bytes-per-exchange (\\d+)").matcher(out);
    assertThat(figure.find()).as(out).isTrue();
    long perExchange = Long.parseLong(figure.group(1));
    System.out.println("packet path: " + perExchange + " bytes per exchange, budget " + BUDGET);
    assertThat(perExchange).as(out).isPositive().isLessThan(BUDGET);
  }

  /** The child JVM: prints {@code bytes-per-exchange N}. */
  static final class Probe {
    private Probe() {}

    public static void main(String[] args) throws Exception {
      int measured = args.length > 1 ? Integer.parseInt(args[1]) : 4_000; // more to profile it
      System.out.println("bytes-per-exchange " + measure(Path.of(args[0]), 4_000, measured, 4));
    }

    /** After {@code warmUp} exchanges, the mean bytes of {@code measured} more, in batches. */
    static long measure(Path dir, int warmUp, int measured, int batchSize) throws IOException {
      Dhcp4Config config =
          Dhcp4ConfigParser.parse(
              KeaConfigReader.parse(PacketPathCpuProbe.BENCH_CONFIG, "alloc.json"), dir);
      Clock clock = Clock.systemUTC();
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      try (MemfileLeaseStore store =
          MemfileLeaseStore.open(dir.resolve("leases4.csv"), FsyncPolicy.always(), clock)) {
        QueryBatch<Integer> batch =
            QueryBatch.assemble(config, store, LeaseEvents.NONE, new Statistics(clock));
        int client = 0;
        long bytes = 0;
        int exchanges = 0;
        while (exchanges < warmUp + measured) {
          List<QueryBatch.Query<Integer>> discovers = new ArrayList<>();
          for (int i = 0; i < batchSize; i++) {
            discovers.add(query(client + i, DhcpOptions.builder()));
          }
          long before = threads.getCurrentThreadAllocatedBytes();
          List<QueryBatch.Answer<Integer>> offers = encoded(batch.process(discovers));
          long spent = threads.getCurrentThreadAllocatedBytes() - before;
          List<QueryBatch.Query<Integer>> requests = new ArrayList<>();
          for (QueryBatch.Answer<Integer> offer : offers) {
            requests.add(
                query(
                    offer.origin(),
                    DhcpOptions.builder()
                        .address(OptionCodes.SERVER_IDENTIFIER, RELAY)
                        .address(OptionCodes.REQUESTED_ADDRESS, offer.reply().yiaddr())));
          }
          before = threads.getCurrentThreadAllocatedBytes();
          int acked = encoded(batch.process(requests)).size();
          spent += threads.getCurrentThreadAllocatedBytes() - before;
          if (offers.size() != batchSize || acked != batchSize) {
            throw new AssertionError(offers.size() + " offers, " + acked + " acks");
          }
          if (exchanges >= warmUp) {
            bytes += spent;
          }
          exchanges += batchSize;
          client += batchSize;
        }
        return bytes / measured;
      }
    }

    /** The answers, each encoded as the commit thread does before sending. */
    private static List<QueryBatch.Answer<Integer>> encoded(
        List<QueryBatch.Answer<Integer>> answers) {
      for (int i = 0; i < answers.size(); i++) {
        QueryBatch.Answer<Integer> a = answers.get(i);
        DhcpCodec.encode(a.reply(), DhcpCodec.replySizeLimit(a.query().options()));
      }
      return answers;
    }

    /** A DISCOVER, or a REQUEST when {@code options} names a server, relayed once. */
    private static QueryBatch.Query<Integer> query(int client, DhcpOptions.Builder options) {
      DhcpMessageType type =
          options.has(OptionCodes.SERVER_IDENTIFIER)
              ? DhcpMessageType.REQUEST
              : DhcpMessageType.DISCOVER;
      DhcpOptions all =
          DhcpOptions.builder()
              .messageType(type)
              .put(OptionCodes.PARAMETER_REQUEST_LIST, PRL)
              .build();
      DhcpOptions.Builder b = all.toBuilder();
      options.build().asMap().forEach(b::put);
      byte[] mac = {
        0x02,
        0,
        (byte) (client >>> 24),
        (byte) (client >>> 16),
        (byte) (client >>> 8),
        (byte) client
      };
      DhcpPacket p = DhcpPacket.request(client * 7 + 1, Octets.of(mac), b.build());
      PacketContext context =
          new PacketContext(
              Instant.now(),
              RELAY,
              new Ingress(Optional.of("lo"), List.of(RELAY), false),
              RELAY,
              RELAY);
      return new QueryBatch.Query<>(
          DhcpCodec.encode(RelayedQueries.viaRelay(p, RELAY)), client, "probe", context);
    }
  }
}
