package io.d2j.frontends;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.ncr.ChangeType;
import io.d2j.ncr.NameChangeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * d2j-lease-event's delivery on loopback, against {@link FakeD2}: acks, retransmission, the spool
 * across a D2 outage, the lease state that makes repeated events idempotent, and each server's
 * event shapes (dnsmasq arguments and DNSMASQ_*, dhcpd execute() arguments, Kea LEASE4_*).
 */
class LeaseEventDeliveryIT {
  private static final String MAC = "02:00:5e:00:12:01";

  @TempDir Path state;

  @BeforeEach
  void built() {
    LeaseEventProgram.assumeBuilt();
  }

  private Map<String, String> env(String server) {
    Map<String, String> env = new HashMap<>();
    env.put("D2J_NCR_SERVER", server);
    env.put("D2J_QUALIFYING_SUFFIX", "example.org");
    env.put("D2J_FRONTEND_STATE_DIR", state.toString());
    // Generous: a loaded machine must not turn a slow ack into a spooled NCR here.
    env.put("D2J_FRONTEND_ACK_TIMEOUT_MS", "10000");
    return env;
  }

  private LeaseEventProgram.Result dnsmasq(String server, String... args) throws IOException {
    Map<String, String> env = env(server);
    env.put("DNSMASQ_TIME_REMAINING", "3600");
    return LeaseEventProgram.run(env, List.of(args));
  }

  private List<Path> spool() throws IOException {
    try (Stream<Path> s = Files.list(state.resolve("spool"))) {
      return s.filter(p -> p.toString().endsWith(".ncr")).sorted().toList();
    }
  }

  private static String describe(NameChangeRequest n) {
    return n.type() + " " + n.fqdn() + " " + n.address().getHostAddress();
  }

  @Test
  void add_isAcked_repeatsSendNothing_delRemovesWhatWasRecorded() throws Exception {
    try (FakeD2 d2 = FakeD2.start(0, 0)) {
      LeaseEventProgram.Result r = dnsmasq(d2.server(), "add", MAC, "192.0.2.10", "laptop");
      assertThat(r.exit()).as("%s", r).isZero();
      assertThat(r.stderr()).contains("D2J_FRONTEND_NCR_ADD");
      // dnsmasq re-announces leases at its start ("old") and sends "add" again after a restart
      // with a lost lease file: neither changes DNS.
      assertThat(dnsmasq(d2.server(), "old", MAC, "192.0.2.10", "laptop").exit()).isZero();
      assertThat(dnsmasq(d2.server(), "add", MAC, "192.0.2.10", "laptop").exit()).isZero();
      // A "del" needs no name: the recorded one is removed.
      assertThat(dnsmasq(d2.server(), "del", MAC, "192.0.2.10").exit()).isZero();
      assertThat(d2.ncrs().stream().map(LeaseEventDeliveryIT::describe))
          .containsExactly(
              "ADD laptop.example.org. 192.0.2.10", "REMOVE laptop.example.org. 192.0.2.10");
      NameChangeRequest add = d2.ncrs().get(0);
      assertThat(add.dhcid()).isEqualTo(d2.ncrs().get(1).dhcid());
      assertThat(add.leaseLength()).isEqualTo(1200);
      assertThat(Files.exists(state.resolve("leases/192.0.2.10"))).isFalse();
      assertThat(spool()).isEmpty();
    }
  }

  @Test
  void oldWithAnotherName_removesTheOldNameAndAddsTheNew() throws Exception {
    try (FakeD2 d2 = FakeD2.start(0, 0)) {
      assertThat(dnsmasq(d2.server(), "add", MAC, "192.0.2.11", "laptop").exit()).isZero();
      assertThat(dnsmasq(d2.server(), "old", MAC, "192.0.2.11", "desk").exit()).isZero();
      assertThat(d2.ncrs().stream().map(LeaseEventDeliveryIT::describe))
          .containsExactly(
              "ADD laptop.example.org. 192.0.2.11",
              "REMOVE laptop.example.org. 192.0.2.11",
              "ADD desk.example.org. 192.0.2.11");
      assertThat(Files.readString(state.resolve("leases/192.0.2.11")))
          .contains("fqdn=desk.example.org.");
    }
  }

  @Test
  void dnsmasqRestart_oldWithoutTheClientId_keepsTheDhcid_sendsNothing() throws Exception {
    try (FakeD2 d2 = FakeD2.start(0, 0)) {
      Map<String, String> env = env(d2.server());
      env.put("DNSMASQ_TIME_REMAINING", "3600");
      env.put("DNSMASQ_CLIENT_ID", "01:02:00:5e:00:12:01");
      assertThat(LeaseEventProgram.run(env, List.of("add", MAC, "192.0.2.19", "laptop")).exit())
          .isZero();
      // At its start dnsmasq re-announces each lease as "old" with DNSMASQ_DATA_MISSING=1 and
      // without the client-id, which its lease file does not keep.
      env.remove("DNSMASQ_CLIENT_ID");
      env.put("DNSMASQ_DATA_MISSING", "1");
      LeaseEventProgram.Result r =
          LeaseEventProgram.run(env, List.of("old", MAC, "192.0.2.19", "laptop"));
      assertThat(r.exit()).as("%s", r).isZero();
      assertThat(r.stderr()).contains("D2J_FRONTEND_NOTHING_TO_DO");
      assertThat(d2.ncrs().stream().map(LeaseEventDeliveryIT::describe))
          .containsExactly("ADD laptop.example.org. 192.0.2.19");
      assertThat(d2.ncrs().get(0).dhcid().toHex()).startsWith("000101");
    }
  }

  @Test
  void oldWithoutState_usesDnsmasqsOldHostname() throws Exception {
    try (FakeD2 d2 = FakeD2.start(0, 0)) {
      Map<String, String> env = env(d2.server());
      env.put("DNSMASQ_OLD_HOSTNAME", "laptop");
      env.put("DNSMASQ_TIME_REMAINING", "3600");
      LeaseEventProgram.Result r =
          LeaseEventProgram.run(env, List.of("old", MAC, "192.0.2.12", "desk"));
      assertThat(r.exit()).as("%s", r).isZero();
      assertThat(d2.ncrs().stream().map(LeaseEventDeliveryIT::describe))
          .containsExactly(
              "REMOVE laptop.example.org. 192.0.2.12", "ADD desk.example.org. 192.0.2.12");
    }
  }

  @Test
  void lostDatagrams_areSentAgainWithTheSameBytes_untilAcked() throws Exception {
    try (FakeD2 d2 = FakeD2.start(0, 2)) {
      Map<String, String> env = env(d2.server());
      env.put("DNSMASQ_TIME_REMAINING", "3600");
      LeaseEventProgram.Result r =
          LeaseEventProgram.run(env, List.of("add", MAC, "192.0.2.13", "laptop"));
      assertThat(r.exit()).as("%s", r).isZero();
      List<byte[]> sent = d2.datagrams();
      assertThat(sent).hasSize(3);
      assertThat(sent.get(1)).isEqualTo(sent.get(0));
      assertThat(sent.get(2)).isEqualTo(sent.get(0));
      assertThat(spool()).isEmpty();
    }
  }

  @Test
  void d2Down_eventsAreSpooledInOrder_drainDeliversThemInOrder() throws Exception {
    int port = FakeD2.closedPort();
    String server = "127.0.0.1:" + port;
    LeaseEventProgram.Result r = dnsmasq(server, "add", MAC, "192.0.2.14", "laptop");
    assertThat(r.exit()).as("spooled counts as kept: %s", r).isZero();
    assertThat(r.stderr()).contains("D2J_FRONTEND_D2_UNREACHABLE").contains("refused");
    assertThat(dnsmasq(server, "del", MAC, "192.0.2.14").exit()).isZero();
    assertThat(dnsmasq(server, "add", "02:00:5e:00:12:02", "192.0.2.15", "desk").exit()).isZero();
    assertThat(spool()).hasSize(3);
    LeaseEventProgram.Result stillDown = LeaseEventProgram.run(env(server), List.of("drain"));
    assertThat(stillDown.exit()).as("%s", stillDown).isEqualTo(1);
    assertThat(stillDown.stdout()).isEqualTo("0 delivered, 3 still spooled\n");

    try (FakeD2 d2 = FakeD2.start(port, 0)) {
      LeaseEventProgram.Result drained = LeaseEventProgram.run(env(server), List.of("drain"));
      assertThat(drained.exit()).as("%s", drained).isZero();
      assertThat(drained.stdout()).isEqualTo("3 delivered, 0 still spooled\n");
      assertThat(d2.ncrs().stream().map(LeaseEventDeliveryIT::describe))
          .containsExactly(
              "ADD laptop.example.org. 192.0.2.14",
              "REMOVE laptop.example.org. 192.0.2.14",
              "ADD desk.example.org. 192.0.2.15");
    }
    assertThat(spool()).isEmpty();
  }

  @Test
  void d2Down_theNextEventSendsTheSpoolFirst() throws Exception {
    int port = FakeD2.closedPort();
    String server = "127.0.0.1:" + port;
    assertThat(dnsmasq(server, "add", MAC, "192.0.2.16", "laptop").exit()).isZero();
    try (FakeD2 d2 = FakeD2.start(port, 0)) {
      assertThat(dnsmasq(server, "add", "02:00:5e:00:12:02", "192.0.2.17", "desk").exit()).isZero();
      assertThat(d2.ncrs().stream().map(LeaseEventDeliveryIT::describe))
          .containsExactly(
              "ADD laptop.example.org. 192.0.2.16", "ADD desk.example.org. 192.0.2.17");
    }
    assertThat(spool()).isEmpty();
  }

  @Test
  void d2Silent_waitsAckTimeoutThenSpools() throws Exception {
    try (FakeD2 d2 = FakeD2.silent()) {
      Map<String, String> env = env(d2.server());
      env.put("D2J_FRONTEND_ACK_TIMEOUT_MS", "500");
      env.put("DNSMASQ_TIME_REMAINING", "3600");
      long start = System.nanoTime();
      LeaseEventProgram.Result r =
          LeaseEventProgram.run(env, List.of("add", MAC, "192.0.2.18", "laptop"));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.exit()).as("%s", r).isZero();
      assertThat(r.stderr())
          .contains("no ack from " + d2.server() + " within 500 ms after 2 sends");
      assertThat(tookMs).isGreaterThanOrEqualTo(500);
      assertThat(spool()).hasSize(1);
      // The spooled file is the datagram as sent: a later send carries the same ack id.
      assertThat(Files.readAllBytes(spool().get(0))).isEqualTo(d2.datagrams().get(0));
    }
  }

  @Test
  void concurrentEvents_areSerialisedByTheLock_noneLost() throws Exception {
    try (FakeD2 d2 = FakeD2.start(0, 0)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<LeaseEventProgram.Result>> runs = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        Map<String, String> env = env(d2.server());
        env.put("LEASE4_ADDRESS", "192.0.2." + (100 + i));
        env.put("LEASE4_HOSTNAME", "host" + i);
        env.put("LEASE4_HWADDR", String.format("02:00:5e:00:13:%02x", i));
        env.put("LEASE4_HWADDR_TYPE", "1");
        env.put("LEASE4_VALID_LIFETIME", "3600");
        env.put("LEASE4_CLTT", "1900000000");
        Callable<LeaseEventProgram.Result> run =
            () -> LeaseEventProgram.run(env, List.of("lease4_renew"));
        runs.add(pool.submit(run));
      }
      for (Future<LeaseEventProgram.Result> f : runs) {
        LeaseEventProgram.Result r = f.get();
        assertThat(r.exit()).as("%s", r).isZero();
      }
      pool.shutdown();
      assertThat(d2.ncrs()).hasSize(24).allMatch(n -> n.type() == ChangeType.ADD);
      try (Stream<Path> leases = Files.list(state.resolve("leases"))) {
        assertThat(leases.count()).isEqualTo(24);
      }
    }
  }

  @Test
  void keaLeasesCommitted_removesTheDeletedLease_addsTheNew() throws Exception {
    try (FakeD2 d2 = FakeD2.start(0, 0)) {
      Map<String, String> env = env(d2.server());
      env.put("LEASES4_SIZE", "1");
      env.put("LEASES4_AT0_ADDRESS", "192.0.2.21");
      env.put("LEASES4_AT0_HOSTNAME", "laptop.example.org.");
      env.put("LEASES4_AT0_HWADDR", MAC);
      env.put("LEASES4_AT0_HWADDR_TYPE", "1");
      env.put("LEASES4_AT0_CLIENT_ID", "01:02:00:5e:00:12:01");
      env.put("LEASES4_AT0_VALID_LIFETIME", "3600");
      env.put("LEASES4_AT0_CLTT", "1900000000");
      env.put("DELETED_LEASES4_SIZE", "1");
      env.put("DELETED_LEASES4_AT0_ADDRESS", "192.0.2.20");
      env.put("DELETED_LEASES4_AT0_HOSTNAME", "laptop.example.org.");
      env.put("DELETED_LEASES4_AT0_HWADDR", MAC);
      env.put("DELETED_LEASES4_AT0_CLIENT_ID", "01:02:00:5e:00:12:01");
      LeaseEventProgram.Result r = LeaseEventProgram.run(env, List.of("leases4_committed"));
      assertThat(r.exit()).as("%s", r).isZero();
      List<NameChangeRequest> ncrs = d2.ncrs();
      assertThat(ncrs.stream().map(LeaseEventDeliveryIT::describe))
          .containsExactly(
              "REMOVE laptop.example.org. 192.0.2.20", "ADD laptop.example.org. 192.0.2.21");
      // The client-id, not the MAC, names the client (RFC 4701 §3.3: identifier type 1).
      assertThat(ncrs.get(1).dhcid().toHex()).startsWith("000101");
      assertThat(ncrs.get(1).leaseExpiresOn().getEpochSecond()).isEqualTo(1900000000L + 1200);
      // Kea's other hook points (here: a DHCPv6 one) are not for this helper.
      assertThat(LeaseEventProgram.run(env, List.of("lease6_renew")).exit()).isZero();
      assertThat(d2.ncrs()).hasSize(2);
    }
  }

  @Test
  void dhcpdCommitAndExpiry_unpaddedOctets_expiryNeedsOnlyTheAddress() throws Exception {
    try (FakeD2 d2 = FakeD2.start(0, 0)) {
      LeaseEventProgram.Result r =
          LeaseEventProgram.run(
              env(d2.server()),
              List.of("dhcpd", "commit", "192.0.2.30", "2:0:5e:0:12:1", "printer", "", "600"));
      assertThat(r.exit()).as("%s", r).isZero();
      assertThat(
              LeaseEventProgram.run(env(d2.server()), List.of("dhcpd", "expiry", "192.0.2.30"))
                  .exit())
          .isZero();
      List<NameChangeRequest> ncrs = d2.ncrs();
      assertThat(ncrs.stream().map(LeaseEventDeliveryIT::describe))
          .containsExactly(
              "ADD printer.example.org. 192.0.2.30", "REMOVE printer.example.org. 192.0.2.30");
      assertThat(ncrs.get(0).dhcid())
          .isEqualTo(
              io.d2j.ncr.Dhcid.fromHwAddress(
                  1,
                  java.util.HexFormat.ofDelimiter(":").parseHex(MAC),
                  io.d2j.ncr.Fqdn.of("printer.example.org.")));
      assertThat(ncrs.get(0).leaseLength()).isEqualTo(600);
    }
  }

  @Test
  void stateDirectoryNotWritable_failsLoudly_exit1() throws Exception {
    Map<String, String> env = env("127.0.0.1:" + FakeD2.closedPort());
    env.put("D2J_FRONTEND_STATE_DIR", "/proc/d2j-no-such-dir");
    env.put("DNSMASQ_TIME_REMAINING", "3600");
    LeaseEventProgram.Result r =
        LeaseEventProgram.run(env, List.of("add", MAC, "192.0.2.40", "laptop"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr())
        .contains("D2J_FRONTEND_STATE_FAILED cannot create /proc/d2j-no-such-dir")
        .contains("set D2J_FRONTEND_STATE_DIR");
  }
}
