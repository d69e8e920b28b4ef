package io.d2j.dhcp4.runtime;

import static io.d2j.dhcp4.alloc.Fixtures.NOW;
import static io.d2j.dhcp4.alloc.Fixtures.SERVER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.alloc.Fixtures;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.lease.InMemoryLeaseStore;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pool exhaustion by many MAC addresses (issue 16 item 5), through the packet path (datagrams in,
 * replies out, {@link QueryBatch}): a flood of DORAs from random MACs takes every free address of
 * the pool, and then a client with a reservation still gets its reserved address, a client holding
 * a lease still renews it, each unanswered DISCOVER is counted under Kea's starvation statistics,
 * and Kea's per-subnet address gauges show the pool full.
 */
class PoolExhaustionTest {

  private static final String CONFIG =
      """
      {"Dhcp4": {
        "valid-lifetime": 3600,
        "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "relay": {"ip-addresses": ["192.0.2.1"]},
                     "pools": [{"pool": "10.0.0.10 - 10.0.0.29"}],
                     "reservations": [
                       {"hw-address": "02:00:00:00:00:01", "ip-address": "10.0.0.15"},
                       {"hw-address": "02:00:00:00:00:02", "ip-address": "10.0.0.50"}]}]
      }}
      """;

  private static final Octets IN_POOL_RESERVED = Octets.parseColonHex("02:00:00:00:00:01");
  private static final Octets OUT_OF_POOL_RESERVED = Octets.parseColonHex("02:00:00:00:00:02");
  private static final Octets HOLDER = Octets.parseColonHex("02:00:00:00:00:03");

  private final Statistics stats = new Statistics(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  private final InMemoryLeaseStore leases = new InMemoryLeaseStore();
  private final Dhcp4Config config =
      Dhcp4ConfigParser.parse(KeaConfigReader.parse(CONFIG, "test.json"), Path.of("/tmp"));
  private final QueryBatch<String> batch =
      QueryBatch.assemble(config, leases, new LeaseEvents() {}, stats);

  private static DhcpPacket query(Octets mac, Inet4Address ciaddr, DhcpOptions options) {
    DhcpPacket p = DhcpPacket.request(0x1234, mac, options);
    return new DhcpPacket(
        p.op(),
        p.htype(),
        p.hlen(),
        1,
        p.xid(),
        0,
        0,
        ciaddr,
        DhcpPacket.ANY,
        DhcpPacket.ANY,
        Fixtures.ip("192.0.2.1"),
        p.chaddr(),
        p.sname(),
        p.file(),
        p.options());
  }

  /** The reply to one datagram, if any. */
  private Optional<DhcpPacket> send(DhcpPacket query) {
    List<QueryBatch.Answer<String>> answers =
        batch.process(
            List.of(
                new QueryBatch.Query<>(
                    DhcpCodec.encode(query, 576),
                    "q",
                    "test",
                    new PacketContext(NOW, SERVER_ID, List.of()))));
    return answers.stream().findFirst().map(QueryBatch.Answer::reply);
  }

  private Optional<DhcpPacket> discover(Octets mac) {
    return send(
        query(
            mac,
            DhcpPacket.ANY,
            DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build()));
  }

  private Optional<DhcpPacket> select(Octets mac, Inet4Address offered) {
    return send(
        query(
            mac,
            DhcpPacket.ANY,
            DhcpOptions.builder()
                .messageType(DhcpMessageType.REQUEST)
                .address(OptionCodes.SERVER_IDENTIFIER, SERVER_ID)
                .address(OptionCodes.REQUESTED_ADDRESS, offered)
                .build()));
  }

  /** A full DORA: the ACKed address, or empty when there was no OFFER or no ACK. */
  private Optional<Inet4Address> dora(Octets mac) {
    Optional<DhcpPacket> offer = discover(mac);
    if (offer.isEmpty()) {
      return Optional.empty();
    }
    return select(mac, offer.get().yiaddr())
        .filter(r -> r.messageType().orElseThrow() == DhcpMessageType.ACK)
        .map(DhcpPacket::yiaddr);
  }

  private static String type(Optional<DhcpPacket> reply) {
    return reply.map(r -> r.messageType().orElseThrow().name()).orElse("none");
  }

  @Test
  void aFloodOfRandomMacsEmptiesThePool_reservationsAndRenewalsStillWork() {
    Inet4Address held = dora(HOLDER).orElseThrow();
    PoolUsage.publish(config, leases, stats);
    assertThat(stats.value("subnet[1].total-addresses")).isEqualTo(20);
    assertThat(stats.value("subnet[1].assigned-addresses")).isEqualTo(1);

    Random random = new Random(165);
    Set<Inet4Address> taken = new HashSet<>();
    int unanswered = 0;
    for (int i = 0; i < 300; i++) {
      byte[] mac = new byte[6];
      random.nextBytes(mac);
      mac[0] = (byte) ((mac[0] & 0xfc) | 0x02); // locally administered, unicast
      Optional<Inet4Address> got = dora(Octets.of(mac));
      if (got.isPresent()) {
        assertThat(taken.add(got.get())).as("address given twice").isTrue();
      } else {
        unanswered++;
      }
    }

    // Every pool address but the holder's and the in-pool reservation went to the flood.
    assertThat(taken).hasSize(18).doesNotContain(held, Fixtures.ip("10.0.0.15"));
    assertThat(unanswered).isEqualTo(300 - 18);
    assertThat(discover(Octets.parseColonHex("02:99:99:99:99:99"))).isEmpty();

    // The reserved clients still get their addresses, in the pool and out of it.
    Optional<DhcpPacket> offer = discover(IN_POOL_RESERVED);
    assertThat(offer.map(DhcpPacket::yiaddr)).contains(Fixtures.ip("10.0.0.15"));
    assertThat(dora(IN_POOL_RESERVED)).contains(Fixtures.ip("10.0.0.15"));
    assertThat(dora(OUT_OF_POOL_RESERVED)).contains(Fixtures.ip("10.0.0.50"));

    // The holder renews (RENEWING: ciaddr, no server id) and keeps its address.
    Optional<DhcpPacket> renewed =
        send(
            query(
                HOLDER, held, DhcpOptions.builder().messageType(DhcpMessageType.REQUEST).build()));
    assertThat(type(renewed)).isEqualTo("ACK");
    assertThat(renewed.get().yiaddr()).isEqualTo(held);
    Lease4 lease = leases.get(held).orElseThrow();
    assertThat(lease.hwaddr()).isEqualTo(HOLDER);

    // The starvation alarm: each unanswered DISCOVER counted under Kea 2.2's names.
    long failed = unanswered + 1;
    assertThat(stats.value("v4-allocation-fail")).isEqualTo(failed);
    assertThat(stats.value("v4-allocation-fail-subnet")).isEqualTo(failed);
    assertThat(stats.value("subnet[1].v4-allocation-fail")).isEqualTo(failed);
    assertThat(stats.value("subnet[1].v4-allocation-fail-subnet")).isEqualTo(failed);
    assertThat(stats.value("v4-allocation-fail-shared-network")).isZero();
    assertThat(stats.value("v4-allocation-fail-no-pools")).isZero();
    assertThat(IpAddresses.format(held)).startsWith("10.0.0.");

    // Kea's gauges: every lease of the subnet counts as assigned, the reserved ones too (the one
    // out of the pool makes assigned exceed the pool's capacity).
    PoolUsage.publish(config, leases, stats);
    assertThat(stats.value("subnet[1].total-addresses")).isEqualTo(20);
    assertThat(stats.value("subnet[1].assigned-addresses")).isEqualTo(21);
    assertThat(stats.value("subnet[1].declined-addresses")).isZero();
  }
}
