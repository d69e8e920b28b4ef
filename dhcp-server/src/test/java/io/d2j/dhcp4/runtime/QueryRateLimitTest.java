package io.d2j.dhcp4.runtime;

import static io.d2j.dhcp4.alloc.Fixtures.NOW;
import static io.d2j.dhcp4.alloc.Fixtures.SERVER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.alloc.Fixtures;
import io.d2j.dhcp4.alloc.Ingress;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.config.QueryRateLimits;
import io.d2j.dhcp4.config.QueryRateLimits.Rate;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code user-context.d2j.query-rate-limit} (issue 16 item 5): per-client and per-relay budgets, on
 * virtual time (the query's {@code now}), with the memory bound under a MAC-rotating flood; and
 * through {@link QueryBatch}, the packet path from datagram to reply: drops are counted and never
 * reach the chain, other clients are served, and without the setting nothing is dropped.
 */
class QueryRateLimitTest {

  private static final Ingress ETH1 = new Ingress(Optional.of("eth1"), List.of(), true);
  private static final Ingress ETH2 = new Ingress(Optional.of("eth2"), List.of(), true);

  private static Octets mac(long n) {
    byte[] b = new byte[6];
    for (int i = 5; i >= 0; i--) {
      b[i] = (byte) n;
      n >>>= 8;
    }
    return Octets.of(b);
  }

  private static DhcpPacket discover(Octets mac, String giaddr) {
    DhcpPacket p =
        DhcpPacket.request(
            0x1234, mac, DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build());
    Inet4Address gi = giaddr == null ? DhcpPacket.ANY : Fixtures.ip(giaddr);
    return new DhcpPacket(
        p.op(),
        p.htype(),
        p.hlen(),
        giaddr == null ? 0 : 1,
        p.xid(),
        0,
        0,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        gi,
        p.chaddr(),
        p.sname(),
        p.file(),
        p.options());
  }

  private static QueryLimiter limiter(Rate perClient, Rate perRelay, int maxTracked) {
    return new QueryLimiter(
        new QueryRateLimits(
            Optional.ofNullable(perClient), Optional.ofNullable(perRelay), maxTracked));
  }

  @Test
  void aClient_getsItsBurst_thenItsRate_anotherClientIsNotTouched() {
    QueryLimiter l = limiter(new Rate(1, 3), null, 100);
    DhcpPacket a = discover(mac(0xa), "192.0.2.1");
    List<QueryLimiter.Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      verdicts.add(l.admit(a, ETH1, NOW));
    }
    assertThat(verdicts)
        .containsExactly(
            QueryLimiter.Verdict.ADMITTED,
            QueryLimiter.Verdict.ADMITTED,
            QueryLimiter.Verdict.ADMITTED,
            QueryLimiter.Verdict.CLIENT_OVER);
    assertThat(l.admit(discover(mac(0xb), "192.0.2.1"), ETH1, NOW))
        .isEqualTo(QueryLimiter.Verdict.ADMITTED);
    // Half a second later half a token: still over; a full second later one more query.
    assertThat(l.admit(a, ETH1, NOW.plusMillis(500))).isEqualTo(QueryLimiter.Verdict.CLIENT_OVER);
    assertThat(l.admit(a, ETH1, NOW.plusMillis(1000))).isEqualTo(QueryLimiter.Verdict.ADMITTED);
    assertThat(l.admit(a, ETH1, NOW.plusMillis(1000))).isEqualTo(QueryLimiter.Verdict.CLIENT_OVER);
  }

  @Test
  void rotatingMacs_behindOneRelay_areCappedByThePerRelayBudget_anotherRelayAndLinkAreNot() {
    QueryLimiter l = limiter(new Rate(1, 1), new Rate(10, 10), 1000);
    int admitted = 0;
    for (int i = 0; i < 50; i++) {
      if (l.admit(discover(mac(i), "192.0.2.1"), ETH1, NOW) == QueryLimiter.Verdict.ADMITTED) {
        admitted++;
      }
    }
    assertThat(admitted).isEqualTo(10);
    assertThat(l.admit(discover(mac(1000), "192.0.2.1"), ETH1, NOW))
        .isEqualTo(QueryLimiter.Verdict.RELAY_OVER);
    assertThat(l.admit(discover(mac(1000), "192.0.2.2"), ETH1, NOW))
        .isEqualTo(QueryLimiter.Verdict.ADMITTED);
    // Directly connected clients count against their ingress interface, one budget per link.
    int direct = 0;
    for (int i = 2000; i < 2050; i++) {
      if (l.admit(discover(mac(i), null), ETH1, NOW) == QueryLimiter.Verdict.ADMITTED) {
        direct++;
      }
    }
    assertThat(direct).isEqualTo(10);
    assertThat(l.admit(discover(mac(3000), null), ETH2, NOW))
        .isEqualTo(QueryLimiter.Verdict.ADMITTED);
  }

  @Test
  void aClientOverItsBudget_spendsNoneOfItsRelaysBudget() {
    QueryLimiter l = limiter(new Rate(1, 1), new Rate(1, 2), 100);
    DhcpPacket a = discover(mac(0xa), "192.0.2.1");
    assertThat(l.admit(a, ETH1, NOW)).isEqualTo(QueryLimiter.Verdict.ADMITTED);
    for (int i = 0; i < 100; i++) {
      assertThat(l.admit(a, ETH1, NOW)).isEqualTo(QueryLimiter.Verdict.CLIENT_OVER);
    }
    assertThat(l.admit(discover(mac(0xb), "192.0.2.1"), ETH1, NOW))
        .isEqualTo(QueryLimiter.Verdict.ADMITTED);
  }

  @Test
  void aHundredThousandDistinctMacs_keepTheTablesWithinMaxTracked() {
    QueryLimiter l = limiter(new Rate(1, 1), new Rate(1, 1), 1000);
    Instant t = NOW;
    for (int i = 0; i < 100_000; i++) {
      // A relay per 256 clients, so both tables see far more keys than they may keep.
      l.admit(discover(mac(i), "10.255." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff)), ETH1, t);
      t = t.plusNanos(1000);
    }
    assertThat(l.tracked()).isLessThanOrEqualTo(2000);
    // A client forgotten that way comes back with a full bucket: eviction only errs to admitting.
    assertThat(l.admit(discover(mac(0), "10.0.0.1"), ETH1, t))
        .isEqualTo(QueryLimiter.Verdict.ADMITTED);
  }

  @Test
  void aQueryWithoutHardwareAddress_countsByItsClientIdentifier() {
    QueryLimiter l = limiter(new Rate(1, 1), null, 100);
    DhcpPacket p =
        DhcpPacket.request(
            1,
            Octets.EMPTY,
            DhcpOptions.builder()
                .messageType(DhcpMessageType.DISCOVER)
                .put(61, (byte) 0xff, (byte) 1, (byte) 2, (byte) 3)
                .build());
    assertThat(l.admit(p, ETH1, NOW)).isEqualTo(QueryLimiter.Verdict.ADMITTED);
    assertThat(l.admit(p, ETH1, NOW)).isEqualTo(QueryLimiter.Verdict.CLIENT_OVER);
    assertThat(QueryLimiter.client(p)).isEqualTo("client-id ff:01:02:03");
  }

  // --- through the packet path -------------------------------------------------------------

  private final Statistics stats = new Statistics(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  private static Dhcp4Config config(String d2j) {
    String text =
        Fixtures.CONFIG.replaceFirst(
            "\\{\"Dhcp4\": \\{", "{\"Dhcp4\": {\"user-context\": {\"d2j\": " + d2j + "},");
    return Dhcp4ConfigParser.parse(KeaConfigReader.parse(text, "test.json"), Path.of("/tmp"));
  }

  private List<String> offers(Dhcp4Config config, List<byte[]> datagrams, Duration spacing) {
    QueryBatch<String> batch =
        QueryBatch.assemble(config, new InMemoryLeaseStore(), new LeaseEvents() {}, stats);
    List<String> out = new ArrayList<>();
    Instant t = NOW;
    for (byte[] d : datagrams) {
      batch.begin();
      batch.add(d, "q", "test", new PacketContext(t, SERVER_ID, ETH1));
      batch.commit().forEach(a -> out.add(a.reply().hardwareAddress().toColonHex()));
      t = t.plus(spacing);
    }
    return out;
  }

  private static byte[] wire(DhcpPacket p) {
    return DhcpCodec.encode(p, 576);
  }

  @Test
  void overItsBudget_aClientsQueriesAreDroppedAndCounted_anotherClientIsServed() {
    Dhcp4Config c =
        config("{\"query-rate-limit\": {\"per-client\": {\"per-second\": 1, \"burst\": 2}}}");
    List<byte[]> flood = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      flood.add(wire(discover(Fixtures.mac('a'), "192.0.2.1")));
    }
    flood.add(wire(discover(Fixtures.mac('b'), "192.0.2.1")));

    List<String> answered = offers(c, flood, Duration.ofMillis(10));

    assertThat(answered)
        .containsExactly("00:00:00:00:00:0a", "00:00:00:00:00:0a", "00:00:00:00:00:0b");
    assertThat(stats.value("pkt4-limit-exceeded")).isEqualTo(8);
    assertThat(stats.value("pkt4-receive-drop")).isEqualTo(8);
    assertThat(stats.value("pkt4-received")).isEqualTo(11);
  }

  @Test
  void withoutTheSetting_nothingIsDropped() {
    assertThat(Fixtures.config().queryRateLimits()).isEqualTo(QueryRateLimits.OFF);
    List<byte[]> flood = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      flood.add(wire(discover(Fixtures.mac('a'), "192.0.2.1")));
    }
    assertThat(offers(Fixtures.config(), flood, Duration.ZERO)).hasSize(10);
    assertThat(stats.value("pkt4-limit-exceeded")).isZero();
  }
}
