package io.d2j.dhcp4.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.ha.HaState;
import io.d2j.dhcp4.ha.QueryScopes;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.dhcp4.runtime.Dhcp4Daemon;
import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.testkit.Ports;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HA with DDNS (spec §6.12, §3.4 #3) on a d2j pair in load-balancing, each server sending its NCRs
 * to a UDP socket of the test standing in for its D2: the server that grants a lease sends its add
 * and the partner none; when the lease expires only the server serving its scope sends the remove,
 * and the partner learns the lease is reclaimed (no second remove); after a failover the survivor
 * removes the expired lease of the partner's client, once, and keeps a lease released in
 * partner-down as reclaimed, for the partner's sync, flushes or not. About 30 s, most of it
 * lifetimes and the configured failure detection.
 */
class HaDdnsIT {

  private final NcrJsonCodec codec = NcrJsonCodec.compatible(Clock.systemUTC());

  @TempDir Path dir;

  /** One server's D2: every NCR it sent, in order. */
  static final class D2Socket implements AutoCloseable {
    final DatagramSocket socket;
    final List<NameChangeRequest> received = new ArrayList<>();

    D2Socket() throws Exception {
      socket = new DatagramSocket(new InetSocketAddress(LoopbackRelay.LOOPBACK, 0));
    }

    /** The NCRs that arrive within {@code wait}. */
    List<NameChangeRequest> drain(NcrJsonCodec codec, Duration wait) throws Exception {
      long until = System.nanoTime() + wait.toNanos();
      List<NameChangeRequest> out = new ArrayList<>();
      byte[] buf = new byte[65535];
      while (true) {
        long left = (until - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        socket.setSoTimeout((int) Math.max(1, left));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          break;
        }
        out.add(NcrFraming.decode(buf, 0, p.getLength(), codec));
      }
      received.addAll(out);
      return out;
    }

    /** Waits up to {@code wait} for the first NCR of {@code type} for {@code fqdn}. */
    NameChangeRequest await(NcrJsonCodec codec, ChangeType type, String fqdn, Duration wait)
        throws Exception {
      long until = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() - until < 0) {
        for (NameChangeRequest n : received) {
          if (n.type() == type && n.fqdn().text().equals(fqdn)) {
            return n;
          }
        }
        drain(codec, Duration.ofMillis(200));
      }
      throw new AssertionError("no " + type + " for " + fqdn + " within " + wait + ": " + received);
    }

    long count(ChangeType type, String fqdn) {
      return received.stream()
          .filter(n -> n.type() == type && n.fqdn().text().equals(fqdn))
          .count();
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  @Test
  void eachServerSendsItsOwnNcrs_andEveryExpiredNameIsRemovedOnce() throws Exception {
    int port1 = Ports.freeTcpAndUdpPort();
    int port2 = Ports.freeTcpAndUdpPort();
    try (LoopbackRelay relay = new LoopbackRelay();
        D2Socket d2a = new D2Socket();
        D2Socket d2b = new D2Socket()) {
      Dhcp4Daemon server1 = start("server1", port1, port2, relay, d2a);
      Dhcp4Daemon server2 = start("server2", port1, port2, relay, d2b);
      try {
        Poll.until(
            Duration.ofSeconds(40),
            "both servers in load-balancing",
            () ->
                state(server1) == HaState.LOAD_BALANCING
                    && state(server2) == HaState.LOAD_BALANCING);
        QueryScopes scopes = new QueryScopes(server1.config().highAvailability().orElseThrow());
        List<Octets> of1 = HaPairs.clients(scopes, "server1", 1, 6);
        List<Octets> of2 = HaPairs.clients(scopes, "server2", 3, 6);

        // Adds: each from the server that granted the lease, none from the partner.
        DhcpPacket ackA = dora(relay, server1.server().port(), of1.get(0), "host-a");
        DhcpPacket ackB = dora(relay, server2.server().port(), of2.get(0), "host-b");
        d2a.await(codec, ChangeType.ADD, "host-a.example.com.", Duration.ofSeconds(5));
        d2b.await(codec, ChangeType.ADD, "host-b.example.com.", Duration.ofSeconds(5));
        Poll.until(
            Duration.ofSeconds(5),
            "both leases on both servers",
            () ->
                server2.server().leases().get(ackA.yiaddr()).isPresent()
                    && server1.server().leases().get(ackB.yiaddr()).isPresent());

        // Expiry (valid-lifetime 4 s, reclaimed every second): each name removed once, by the
        // server serving its scope; the other holds the lease as reclaimed, told by its partner.
        d2a.await(codec, ChangeType.REMOVE, "host-a.example.com.", Duration.ofSeconds(10));
        d2b.await(codec, ChangeType.REMOVE, "host-b.example.com.", Duration.ofSeconds(10));
        Poll.until(
            Duration.ofSeconds(5),
            "each partner holds the other's lease as reclaimed",
            () -> reclaimed(server2, ackA) && reclaimed(server1, ackB));
        // Two more reclamation cycles: a second remove of either name would come now.
        d2a.drain(codec, Duration.ofSeconds(2));
        d2b.drain(codec, Duration.ofMillis(200));
        assertThat(d2a.received).as("server1's NCRs").hasSize(2);
        assertThat(d2b.received).as("server2's NCRs").hasSize(2);
        assertThat(d2a.count(ChangeType.REMOVE, "host-b.example.com.")).isZero();
        assertThat(d2b.count(ChangeType.REMOVE, "host-a.example.com.")).isZero();

        // Failover: a lease of server2's client, server2 gone; server1 serves its scope in
        // partner-down and removes the name when the lease expires, once.
        DhcpPacket ackC = dora(relay, server2.server().port(), of2.get(1), "host-c");
        d2b.await(codec, ChangeType.ADD, "host-c.example.com.", Duration.ofSeconds(5));
        Poll.until(
            Duration.ofSeconds(5),
            "server1 holds host-c's lease",
            () -> server1.server().leases().get(ackC.yiaddr()).isPresent());
        // Asks for 60 s: still live when server1 is in partner-down.
        DhcpPacket ackD = dora(relay, server2.server().port(), of2.get(2), "host-d", 60);
        d2b.await(codec, ChangeType.ADD, "host-d.example.com.", Duration.ofSeconds(5));
        Poll.until(
            Duration.ofSeconds(5),
            "server1 holds host-d's lease",
            () -> server1.server().leases().get(ackD.yiaddr()).isPresent());
        server2.close();
        d2b.drain(codec, Duration.ofMillis(200));
        long server2Removes = d2b.count(ChangeType.REMOVE, "host-c.example.com.");
        Poll.until(
            Duration.ofSeconds(30),
            "server1 in partner-down",
            () -> state(server1) == HaState.PARTNER_DOWN);
        NameChangeRequest removeC =
            d2a.await(codec, ChangeType.REMOVE, "host-c.example.com.", Duration.ofSeconds(10));
        assertThat(removeC.address())
            .as("host-c's remove: its lease's address")
            .isEqualTo(ackC.yiaddr());
        d2a.drain(codec, Duration.ofSeconds(1));
        assertThat(d2a.count(ChangeType.REMOVE, "host-c.example.com.") + server2Removes)
            .as("host-c removed once, by the survivor")
            .isEqualTo(1);
        assertThat(d2a.count(ChangeType.ADD, "host-c.example.com.")).isZero();

        // A release in partner-down: the survivor removes the name, and keeps a reclaimed lease in
        // the address's place for server2's sync when it returns (which pulls leases, not
        // deletions): without it server2 would renew host-d's stale lease without a DNS add.
        release(relay, server1, of2.get(2), ackD);
        d2a.await(codec, ChangeType.REMOVE, "host-d.example.com.", Duration.ofSeconds(5));
        Poll.until(
            Duration.ofSeconds(5),
            "server1 keeps host-d's released lease as reclaimed",
            () -> reclaimed(server1, ackD));
      } finally {
        server1.close();
        server2.close();
      }
    }
  }

  /**
   * {@code hold-reclaimed-time} 0 (reclaimed leases deleted at once, Kea's "don't keep them") with
   * a flush every second: the reclaimed lease a release in partner-down leaves for the partner's
   * sync must outlive the flushes until the partner is back and synced, or the partner keeps its
   * stale live copy of the released lease. Once lease updates flow again it goes.
   */
  @Test
  void releaseInPartnerDown_reachesTheReturningPartner_withHoldReclaimedTimeZero()
      throws Exception {
    int port1 = Ports.freeTcpAndUdpPort();
    int port2 = Ports.freeTcpAndUdpPort();
    String noHold =
        "{\"reclaim-timer-wait-time\": 1, \"hold-reclaimed-time\": 0,"
            + " \"flush-reclaimed-timer-wait-time\": 1}";
    try (LoopbackRelay relay = new LoopbackRelay();
        D2Socket d2a = new D2Socket();
        D2Socket d2b = new D2Socket()) {
      Dhcp4Daemon server1 = start("server1", port1, port2, relay, d2a, noHold);
      Dhcp4Daemon server2 = start("server2", port1, port2, relay, d2b, noHold);
      Dhcp4Daemon restarted = null;
      try {
        Poll.until(
            Duration.ofSeconds(40),
            "both servers in load-balancing",
            () ->
                state(server1) == HaState.LOAD_BALANCING
                    && state(server2) == HaState.LOAD_BALANCING);
        QueryScopes scopes = new QueryScopes(server1.config().highAvailability().orElseThrow());
        Octets mac = HaPairs.clients(scopes, "server2", 3, 1).get(0);
        DhcpPacket ack = dora(relay, server2.server().port(), mac, "host-e", 60);
        Poll.until(
            Duration.ofSeconds(5),
            "server1 holds host-e's lease",
            () -> server1.server().leases().get(ack.yiaddr()).isPresent());
        server2.close();
        Poll.until(
            Duration.ofSeconds(30),
            "server1 in partner-down",
            () -> state(server1) == HaState.PARTNER_DOWN);
        release(relay, server1, mac, ack);
        d2a.await(codec, ChangeType.REMOVE, "host-e.example.com.", Duration.ofSeconds(5));
        Poll.until(
            Duration.ofSeconds(5),
            "server1 keeps host-e's released lease as reclaimed",
            () -> reclaimed(server1, ack));
        Thread.sleep(3000);
        assertThat(reclaimed(server1, ack))
            .as("host-e's reclaimed lease outlives three flushes in partner-down")
            .isTrue();

        restarted = start("server2", port1, port2, relay, d2b, noHold);
        Dhcp4Daemon back = restarted;
        Poll.until(
            Duration.ofSeconds(40),
            "both servers in load-balancing again",
            () ->
                state(server1) == HaState.LOAD_BALANCING && state(back) == HaState.LOAD_BALANCING);
        Optional<Lease4> atServer2 = back.server().leases().get(ack.yiaddr());
        assertThat(atServer2.map(Lease4::state).orElse(LeaseState.EXPIRED_RECLAIMED))
            .as("server2's copy of host-e's lease after its sync: %s", atServer2)
            .isEqualTo(LeaseState.EXPIRED_RECLAIMED);
        Poll.until(
            Duration.ofSeconds(5),
            "server1 flushes the reclaimed lease once server2 gets lease updates",
            () -> server1.server().leases().get(ack.yiaddr()).isEmpty());
      } finally {
        server1.close();
        server2.close();
        if (restarted != null) {
          restarted.close();
        }
      }
    }
  }

  /** A RELEASE of {@code ack}'s lease by {@code mac}, sent to {@code server} (no reply). */
  private static void release(LoopbackRelay relay, Dhcp4Daemon server, Octets mac, DhcpPacket ack)
      throws Exception {
    relay.sendOneWay(
        server.server().port(),
        mac,
        ack.yiaddr(),
        DhcpOptions.builder()
            .messageType(DhcpMessageType.RELEASE)
            .address(OptionCodes.SERVER_IDENTIFIER, ack.options().serverIdentifier().orElseThrow())
            .build());
  }

  private static boolean reclaimed(Dhcp4Daemon server, DhcpPacket ack) {
    Optional<Lease4> lease = server.server().leases().get(ack.yiaddr());
    return lease.isPresent()
        && lease.get().state() == LeaseState.EXPIRED_RECLAIMED
        && lease.get().hostname().isEmpty();
  }

  /** DISCOVER and REQUEST with option 12 {@code name}: the ACK. */
  private static DhcpPacket dora(LoopbackRelay relay, int port, Octets mac, String name)
      throws Exception {
    return dora(relay, port, mac, name, 0);
  }

  /**
   * As {@link #dora(LoopbackRelay, int, Octets, String)}, asking for {@code lifetime} (0: none).
   */
  private static DhcpPacket dora(
      LoopbackRelay relay, int port, Octets mac, String name, long lifetime) throws Exception {
    DhcpPacket offer =
        relay
            .exchange(port, mac, options(DhcpMessageType.DISCOVER, name, lifetime).build())
            .orElseThrow(() -> new AssertionError("no OFFER"));
    DhcpPacket ack =
        relay
            .exchange(
                port,
                mac,
                options(DhcpMessageType.REQUEST, name, lifetime)
                    .address(OptionCodes.REQUESTED_ADDRESS, offer.yiaddr())
                    .address(
                        OptionCodes.SERVER_IDENTIFIER,
                        offer.options().serverIdentifier().orElseThrow())
                    .build())
            .orElseThrow(() -> new AssertionError("no ACK"));
    assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
    return ack;
  }

  private static DhcpOptions.Builder options(DhcpMessageType type, String name, long lifetime) {
    DhcpOptions.Builder b = DhcpOptions.builder();
    if (lifetime > 0) {
      b.uint32(OptionCodes.LEASE_TIME, lifetime);
    }
    return b.messageType(type)
        .put(
            OptionCodes.HOST_NAME,
            Octets.of(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  private static HaState state(Dhcp4Daemon d) {
    return HaPairs.state(d);
  }

  private Dhcp4Daemon start(String me, int port1, int port2, LoopbackRelay relay, D2Socket d2)
      throws Exception {
    return start(me, port1, port2, relay, d2, "{\"reclaim-timer-wait-time\": 1}");
  }

  private Dhcp4Daemon start(
      String me, int port1, int port2, LoopbackRelay relay, D2Socket d2, String expired)
      throws Exception {
    String ddns =
        """
        "valid-lifetime": 4, "max-valid-lifetime": 60,
        "expired-leases-processing": %s,
        "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d,
                      "sender-ip": "127.0.0.1", "sender-port": %d},
        "ddns-qualifying-suffix": "example.com",
        """
            .formatted(expired, d2.socket.getLocalPort(), Ports.freeUdpPort());
    return HaPairs.start(
        HaPairs.loadBalancing(
            dir.resolve(me + "-leases4.csv"), me, port1, port2, ddns, HaPairs.FAST, ""),
        me + ".json",
        dir,
        relay);
  }
}
