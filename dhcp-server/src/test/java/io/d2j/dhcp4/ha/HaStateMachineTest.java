package io.d2j.dhcp4.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.files.PathGuard;
import io.d2j.testkit.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HA state machine on virtual time: every transition of spec §6.4 from a prepared state (the
 * table), the guards (pause, clock skew, a partner in another mode), the commands, what each state
 * serves, and the heartbeat timer.
 */
class HaStateMachineTest {

  /** Records what the machine asks for; the states it enters are the {@code serve} calls. */
  static final class Recorder implements HaActions {
    final List<String> calls = new ArrayList<>();
    final List<HaState> entered = new ArrayList<>();
    Set<String> scopes = Set.of();
    boolean dhcpEnabled;
    boolean leaseUpdates;

    @Override
    public void sendHeartbeat() {
      calls.add("heartbeat");
    }

    @Override
    public void startSync() {
      calls.add("sync");
    }

    @Override
    public void replayBacklog() {
      calls.add("replay");
    }

    @Override
    public void clearBacklog() {
      calls.add("clear-backlog");
    }

    @Override
    public void sendHaReset() {
      calls.add("ha-reset");
    }

    @Override
    public void sendMaintenanceNotify(boolean cancel) {
      calls.add("maintenance-notify cancel=" + cancel);
    }

    @Override
    public void partnerSyncReleased() {
      calls.add("partner-sync-released");
    }

    @Override
    public void serve(HaState state, Set<String> scopes, boolean dhcpEnabled, boolean updates) {
      entered.add(state);
      this.scopes = scopes;
      this.dhcpEnabled = dhcpEnabled;
      this.leaseUpdates = updates;
    }

    String path() {
      return entered.isEmpty()
          ? "-"
          : entered.stream().map(HaState::wire).collect(Collectors.joining(">"));
    }
  }

  private final ManualScheduler loop = new ManualScheduler();
  private final Recorder shell = new Recorder();
  private HaConfig config;
  private HaStateMachine machine;

  private static final String PEER1 =
      "{\"name\": \"server1\", \"url\": \"http://127.0.0.1:8001/\", \"role\": \"primary\"%s}";
  private static final String PEER2 =
      "{\"name\": \"server2\", \"url\": \"http://127.0.0.1:8002/\", \"role\": \"%s\"}";
  private static final String PEER3 =
      "{\"name\": \"server3\", \"url\": \"http://127.0.0.1:8003/\", \"role\": \"backup\"}";

  /**
   * A relationship by short name: LB/HS/PB, then the server this is (1 primary, 2 secondary or
   * standby, 3 backup), then options: {@code -nosync}, {@code -nodelay} (delayed-updates-limit 0),
   * {@code -noauto} (server1 without auto-failover), {@code -pause:STATE:MODE}, {@code -rejects:N}
   * (max-rejected-lease-updates).
   */
  static HaConfig config(String name) {
    String[] parts = name.split("-");
    String mode =
        switch (parts[0].substring(0, 2)) {
          case "LB" -> "load-balancing";
          case "HS" -> "hot-standby";
          default -> "passive-backup";
        };
    String me = "server" + parts[0].substring(2);
    StringBuilder extra = new StringBuilder();
    String auto = "";
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      if (p.equals("nosync")) {
        extra.append(", \"sync-leases\": false");
      } else if (p.equals("nodelay")) {
        extra.append(", \"delayed-updates-limit\": 0");
      } else if (p.equals("noauto")) {
        auto = ", \"auto-failover\": false";
      } else if (p.startsWith("rejects:")) {
        extra.append(", \"max-rejected-lease-updates\": ").append(p.substring(8));
      } else if (p.startsWith("pause:")) {
        String[] sp = p.split(":");
        extra.append(
            ", \"state-machine\": {\"states\": [{\"state\": \""
                + sp[1]
                + "\", \"pause\": \""
                + sp[2]
                + "\"}]}");
      }
    }
    String second =
        mode.equals("passive-backup")
            ? ""
            : ", " + String.format(PEER2, mode.equals("hot-standby") ? "standby" : "secondary");
    String rel =
        "{\"this-server-name\": \""
            + me
            + "\", \"mode\": \""
            + mode
            + "\", \"max-response-delay\": 60000, \"heartbeat-delay\": 10000"
            + extra
            + ", \"peers\": ["
            + String.format(PEER1, auto)
            + second
            + ", "
            + PEER3
            + "]}";
    return new HaConfigParser(new ArrayList<>(), PathGuard.TRUSTED, Path.of("/tmp"))
        .parse(KeaConfigReader.parse("{\"high-availability\": [" + rel + "]}", "ha.json"));
  }

  private void build(String name) {
    config = config(name);
    machine = new HaStateMachine(config, new CommunicationState(config, loop.clock()), loop, shell);
  }

  private void prepare(String name, HaState from) {
    build(name);
    machine.startIn(from);
    shell.entered.clear();
    shell.calls.clear();
  }

  private CommunicationState.Heartbeat answer(HaState partner) {
    return answer(partner, Duration.ZERO, Optional.empty());
  }

  private CommunicationState.Heartbeat answer(
      HaState partner, Duration skew, Optional<Long> unsent) {
    return new CommunicationState.Heartbeat(
        partner, loop.clock().instant().plus(skew), Set.of("server1"), unsent);
  }

  /** Communication counts as interrupted: no heartbeat answered for over max-response-delay. */
  private void interrupt() {
    loop.advance(Duration.ofSeconds(61));
  }

  /** More than max-unacked-clients (10) distinct clients of the partner's waited past 10 s. */
  private void unackedClients(int count) {
    for (int n = 0; n < count; n++) {
      machine.notInScope(query(n, 20));
    }
  }

  private static DhcpPacket query(int n, int secs) {
    byte[] mac = {0, 0x0c, 1, 2, 3, (byte) n};
    DhcpPacket q =
        DhcpPacket.request(
            7,
            Octets.of(mac),
            DhcpOptions.builder()
                .put(OptionCodes.MESSAGE_TYPE, Octets.of((byte) DhcpMessageType.DISCOVER.code()))
                .build());
    return new DhcpPacket(
        q.op(),
        q.htype(),
        q.hlen(),
        q.hops(),
        q.xid(),
        secs,
        q.flags(),
        q.ciaddr(),
        q.yiaddr(),
        q.siaddr(),
        q.giaddr(),
        q.chaddr(),
        q.sname(),
        q.file(),
        q.options());
  }

  /**
   * One row per transition of spec §6.4: the configuration, the prepared state, the setup (comma
   * separated: {@code interrupted}, {@code unacked}, {@code overflow}, {@code skew61}, {@code
   * unsent}), the partner's state in a heartbeat answer ({@code unavailable}: a failed heartbeat),
   * and the states entered in order ({@code -}: none).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          waiting, backup role              | LB3         | waiting    | -               | load-balancing         | backup
          waiting, passive-backup primary   | PB1         | waiting    | -               | unavailable            | passive-backup
          waiting, partner load-balancing   | LB2         | waiting    | -               | load-balancing         | syncing
          waiting, partner comm-recovery    | LB2         | waiting    | -               | communication-recovery | syncing
          waiting, partner hot-standby (HS) | HS2         | waiting    | -               | hot-standby            | syncing
          waiting, partner in-maintenance   | LB2         | waiting    | -               | in-maintenance         | syncing
          waiting, partner partner-down     | LB2         | waiting    | -               | partner-down           | syncing
          waiting, partner p-i-m            | LB2         | waiting    | -               | partner-in-maintenance | syncing
          waiting, partner ready            | LB2         | waiting    | -               | ready                  | syncing
          waiting, partner ready, no sync   | LB2-nosync  | waiting    | -               | ready                  | ready
          waiting, both waiting, primary    | LB1         | waiting    | -               | waiting                | syncing
          waiting, both waiting, no sync    | LB1-nosync  | waiting    | -               | waiting                | ready
          waiting, both waiting, secondary  | LB2         | waiting    | -               | waiting                | -
          waiting, partner syncing          | LB1         | waiting    | -               | syncing                | -
          waiting, partner terminated       | LB1         | waiting    | -               | terminated             | -
          waiting, partner unavailable      | LB1         | waiting    | -               | unavailable            | -
          waiting, partner gone 60 s        | LB1         | waiting    | interrupted     | unavailable            | partner-down
          waiting, partner in another mode  | LB1         | waiting    | -               | hot-standby            | -
          syncing, partner terminated       | LB1         | syncing    | -               | terminated             | terminated
          syncing, partner unavailable      | LB1         | syncing    | -               | unavailable            | -
          syncing, partner gone 60 s        | LB1         | syncing    | interrupted     | unavailable            | partner-down
          ready, partner load-balancing     | LB2         | ready      | -               | load-balancing         | load-balancing
          ready, partner comm-recovery      | LB2         | ready      | -               | communication-recovery | load-balancing
          ready, partner hot-standby (HS)   | HS2         | ready      | -               | hot-standby            | hot-standby
          ready, partner in-maintenance     | LB2         | ready      | -               | in-maintenance         | partner-in-maintenance
          ready, partner p-i-m              | LB2         | ready      | -               | partner-in-maintenance | in-maintenance
          ready, both ready, primary        | LB1         | ready      | -               | ready                  | load-balancing
          ready, both ready, HS primary     | HS1         | ready      | -               | ready                  | hot-standby
          ready, both ready, secondary      | LB2         | ready      | -               | ready                  | -
          ready, partner terminated         | LB2         | ready      | -               | terminated             | terminated
          ready, partner unavailable        | LB2         | ready      | -               | unavailable            | -
          ready, partner gone 60 s          | LB2         | ready      | interrupted     | unavailable            | partner-down
          ready, partner in another mode    | LB2         | ready      | -               | hot-standby            | waiting
          LB, partner in-maintenance        | LB1         | load-balancing | -           | in-maintenance         | partner-in-maintenance
          LB, partner p-i-m                 | LB1         | load-balancing | -           | partner-in-maintenance | in-maintenance
          LB, partner partner-down          | LB2         | load-balancing | -           | partner-down           | waiting>syncing
          LB, partner terminated            | LB1         | load-balancing | -           | terminated             | terminated
          LB, heartbeat fails               | LB1         | load-balancing | -           | unavailable            | communication-recovery
          LB, heartbeat fails, no backlog   | LB1-nodelay | load-balancing | -           | unavailable            | -
          LB, gone 60 s, clients answered   | LB1-nodelay | load-balancing | interrupted | unavailable            | -
          LB, gone 60 s, 11 unacked clients | LB1         | load-balancing | interrupted,unacked | unavailable        | partner-down
          LB, partner load-balancing        | LB1         | load-balancing | -           | load-balancing         | -
          LB, partner hot-standby           | LB1         | load-balancing | -           | hot-standby            | waiting
          HS primary, gone 60 s             | HS1         | hot-standby | interrupted    | unavailable            | partner-down
          HS standby, gone 60 s             | HS2         | hot-standby | interrupted    | unavailable            | -
          HS standby, 11 unacked clients    | HS2         | hot-standby | interrupted,unacked | unavailable       | partner-down
          HS, heartbeat fails               | HS1         | hot-standby | -              | unavailable            | -
          HS, partner in-maintenance        | HS2         | hot-standby | -              | in-maintenance         | partner-in-maintenance
          HS, partner load-balancing        | HS1         | hot-standby | -              | load-balancing         | waiting
          HS, partner comm-recovery         | HS1         | hot-standby | -              | communication-recovery | waiting
          recovery, partner in-maintenance  | LB1         | communication-recovery | -   | in-maintenance         | partner-in-maintenance
          recovery, partner partner-down    | LB2         | communication-recovery | -   | partner-down           | waiting>syncing
          recovery, partner p-i-m           | LB1         | communication-recovery | -   | partner-in-maintenance | in-maintenance
          recovery, partner terminated      | LB1         | communication-recovery | -   | terminated             | terminated
          recovery, partner unavailable     | LB1         | communication-recovery | -   | unavailable            | -
          recovery, gone, 11 unacked        | LB1         | communication-recovery | interrupted,unacked | unavailable | partner-down
          recovery, partner waiting         | LB2         | communication-recovery | -   | waiting                | -
          recovery, partner waiting, overflow | LB2       | communication-recovery | overflow | waiting           | waiting
          recovery, partner ready, overflow | LB2         | communication-recovery | overflow | ready             | waiting>syncing
          recovery, partner passive-backup  | LB1         | communication-recovery | -   | passive-backup         | waiting
          partner-down, partner comm-recovery | LB1       | partner-down | -             | communication-recovery | waiting>syncing
          partner-down, partner partner-down | LB1        | partner-down | -             | partner-down           | waiting>syncing
          partner-down, partner p-i-m       | LB1         | partner-down | -             | partner-in-maintenance | waiting>syncing
          partner-down, partner ready       | LB1         | partner-down | -             | ready                  | load-balancing
          partner-down, partner ready, HS   | HS2         | partner-down | -             | ready                  | hot-standby
          partner-down, ready, new unsent   | LB1         | partner-down | unsent        | ready                  | waiting>syncing
          partner-down, partner terminated  | LB1         | partner-down | -             | terminated             | terminated
          partner-down, partner waiting     | LB1         | partner-down | -             | waiting                | -
          partner-down, partner unavailable | LB1         | partner-down | -             | unavailable            | -
          p-i-m, partner unavailable        | LB1         | partner-in-maintenance | -   | unavailable            | partner-down
          p-i-m, partner in-maintenance     | LB1         | partner-in-maintenance | -   | in-maintenance         | -
          in-maintenance, partner anything  | LB1         | in-maintenance | -           | partner-down           | -
          terminated, partner anything      | LB1         | terminated | -               | load-balancing         | -
          backup, partner anything          | LB3         | backup     | -               | load-balancing         | -
          passive-backup, anything          | PB1         | passive-backup | -           | unavailable            | -
          waiting, skew 61 s                | LB1         | waiting    | skew61          | waiting                | terminated
          syncing, skew 61 s                | LB1         | syncing    | skew61          | waiting                | terminated
          ready, skew 61 s                  | LB1         | ready      | skew61          | ready                  | terminated
          LB, skew 61 s                     | LB1         | load-balancing | skew61      | load-balancing         | terminated
          recovery, skew 61 s               | LB1         | communication-recovery | skew61 | load-balancing      | terminated
          partner-down, skew 61 s           | LB1         | partner-down | skew61        | ready                  | terminated
          p-i-m, skew 61 s                  | LB1         | partner-in-maintenance | skew61 | in-maintenance      | terminated
          LB, skew 31 s warns only          | LB1         | load-balancing | skew31      | load-balancing         | -
          """)
  void transition(
      String name, String configName, String from, String setup, String partner, String path) {
    prepare(configName.strip(), HaState.fromWire(from.strip()).orElseThrow());
    Duration skew = Duration.ZERO;
    Optional<Long> unsent = Optional.empty();
    for (String step : setup.strip().split(",")) {
      switch (step.strip()) {
        case "-" -> {}
        case "interrupted" -> interrupt();
        case "unacked" -> unackedClients(11);
        case "overflow" -> machine.backlogOverflowed();
        case "skew61" -> skew = Duration.ofSeconds(61);
        case "skew31" -> skew = Duration.ofSeconds(-31);
        case "unsent" -> {
          machine.heartbeatAnswered(answer(HaState.WAITING, Duration.ZERO, Optional.of(0L)));
          shell.entered.clear();
          unsent = Optional.of(5L);
        }
        default -> throw new IllegalArgumentException(step);
      }
    }
    shell.entered.clear();
    String p = partner.strip();
    if (p.equals("unavailable")) {
      machine.heartbeatFailed();
    } else {
      machine.heartbeatAnswered(answer(HaState.fromWire(p).orElseThrow(), skew, unsent));
    }
    assertThat(shell.path()).isEqualTo(path.strip());
  }

  @Test
  void syncing_startsTheSync_stopsHeartbeats_andGoesReadyOnSuccess() {
    build("LB1");
    machine.start();
    assertThat(shell.calls).containsExactly("heartbeat");
    machine.heartbeatAnswered(answer(HaState.WAITING));
    assertThat(machine.state()).isEqualTo(HaState.SYNCING);
    assertThat(shell.calls).containsExactly("heartbeat", "sync");
    loop.advance(Duration.ofSeconds(30));
    assertThat(shell.calls)
        .as("no heartbeat while the sync runs")
        .containsExactly("heartbeat", "sync");
    machine.syncDone(false);
    assertThat(machine.state()).isEqualTo(HaState.SYNCING);
    loop.advance(Duration.ofSeconds(10));
    assertThat(shell.calls).containsExactly("heartbeat", "sync", "heartbeat");
    machine.heartbeatAnswered(answer(HaState.WAITING));
    assertThat(shell.calls)
        .as("a failed sync is retried after the next heartbeat")
        .endsWith("sync");
    machine.syncDone(true);
    // ready, and the partner was last seen waiting: a primary waits for it to be ready too
    assertThat(machine.state()).isEqualTo(HaState.READY);
    machine.heartbeatAnswered(answer(HaState.READY));
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
    assertThat(shell.scopes).containsExactly("server1");
    assertThat(shell.dhcpEnabled).isTrue();
    assertThat(shell.leaseUpdates).isTrue();
  }

  /**
   * The shell makes the communication state when the server is built and starts the machine once
   * its sockets, chain and peer listener are up: seconds later on a loaded host. Those seconds are
   * not the partner's silence: a restarted primary went to partner-down (serving everyone from its
   * stale lease file, reclaiming leases the partner had reclaimed and removing their names again)
   * before its first heartbeat was even answered. max-response-delay counts from the start.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"HS1", "HS2", "LB1"})
  void start_afterASlowStartUp_waitsMaxResponseDelayForThePartner(String name) {
    build(name);
    loop.advance(Duration.ofSeconds(61)); // built, then a slow start-up (max-response-delay 60 s)
    machine.start();
    assertThat(machine.state()).as("at the start").isEqualTo(HaState.WAITING);
    machine.heartbeatFailed();
    assertThat(machine.state()).as("first heartbeat not answered").isEqualTo(HaState.WAITING);
    machine.heartbeatAnswered(answer(HaState.PARTNER_DOWN));
    assertThat(machine.state()).as("partner answers").isEqualTo(HaState.SYNCING);
  }

  @Test
  void start_partnerSilentForMaxResponseDelay_primaryGoesPartnerDown() {
    build("HS1");
    loop.advance(Duration.ofSeconds(61));
    machine.start();
    loop.advance(Duration.ofSeconds(30));
    machine.heartbeatFailed();
    assertThat(machine.state()).isEqualTo(HaState.WAITING);
    loop.advance(Duration.ofSeconds(31));
    machine.heartbeatFailed();
    assertThat(machine.state()).isEqualTo(HaState.PARTNER_DOWN);
  }

  @Test
  void heartbeats_everyHeartbeatDelay_untilTerminated() {
    build("LB1");
    machine.start();
    machine.heartbeatAnswered(answer(HaState.SYNCING));
    loop.advance(Duration.ofSeconds(10));
    machine.heartbeatAnswered(answer(HaState.SYNCING));
    loop.advance(Duration.ofSeconds(10));
    assertThat(shell.calls).containsExactly("heartbeat", "heartbeat", "heartbeat");
  }

  @Test
  void terminated_sendsNoHeartbeats() {
    prepare("LB1", HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.TERMINATED));
    assertThat(machine.state()).isEqualTo(HaState.TERMINATED);
    loop.advance(Duration.ofMinutes(5));
    assertThat(shell.calls).isEmpty();
  }

  @Test
  void hotStandbyPrimary_partnerStops_partnerDownAfterMaxResponseDelay() {
    // spec §6.4's Kea 2.2.0 run: heartbeat-delay 1 s, max-response-delay 5 s, no client analysis
    config =
        new HaConfigParser(new ArrayList<>(), PathGuard.TRUSTED, Path.of("/tmp"))
            .parse(
                KeaConfigReader.parse(
                    "{\"high-availability\": [{\"this-server-name\": \"server1\", \"mode\":"
                        + " \"hot-standby\", \"heartbeat-delay\": 1000, \"max-response-delay\":"
                        + " 5000, \"max-unacked-clients\": 0, \"peers\": ["
                        + String.format(PEER1, "")
                        + ", "
                        + String.format(PEER2, "standby")
                        + "]}]}",
                    "ha.json"));
    machine = new HaStateMachine(config, new CommunicationState(config, loop.clock()), loop, shell);
    machine.startIn(HaState.HOT_STANDBY);
    machine.heartbeatAnswered(answer(HaState.HOT_STANDBY));
    int failures = 0;
    while (machine.state() == HaState.HOT_STANDBY) {
      loop.advance(Duration.ofSeconds(1));
      machine.heartbeatFailed();
      failures++;
    }
    assertThat(machine.state()).isEqualTo(HaState.PARTNER_DOWN);
    assertThat(failures).as("the first failure after 5 s").isEqualTo(6);
    assertThat(shell.scopes).containsExactlyInAnyOrder("server1", "server2");
  }

  @Test
  void loadBalancing_partnerDownNeedsMoreThanMaxUnackedClients_eachCountedOnce() {
    prepare("LB2-nodelay", HaState.LOAD_BALANCING);
    interrupt();
    unackedClients(10);
    unackedClients(10); // the same ten again: still ten
    machine.notInScope(query(50, 5)); // secs 5 <= max-ack-delay 10 s: answered in time
    machine.notInScope(query(51, 0x0b00)); // little-endian 11 s: unacked
    machine.heartbeatFailed();
    assertThat(machine.communication().unackedClients()).isEqualTo(11);
    assertThat(machine.communication().connectingClients()).isEqualTo(12);
    assertThat(machine.state()).isEqualTo(HaState.PARTNER_DOWN);
  }

  /** The partner rejects the lease update of client {@code n} (result 4). */
  private void rejected(int n) {
    machine.leaseUpdateRejected(query(n, 0).hardwareAddress(), Octets.EMPTY);
  }

  /** The partner accepts the lease update of client {@code n}. */
  private void accepted(int n) {
    machine.leaseUpdateAccepted(query(n, 0).hardwareAddress(), Octets.EMPTY);
  }

  /**
   * max-rejected-lease-updates (Kea 2.3.1+): the states that send lease updates terminate once the
   * partner rejected as many distinct clients as the limit (Kea compares with {@code <=}), and not
   * one client before; 0 never terminates.
   */
  @ParameterizedTest(name = "{0} in {1}, {2} clients rejected: {3}")
  @CsvSource({
    "LB1-rejects:3, load-balancing, 2, -",
    "LB1-rejects:3, load-balancing, 3, terminated",
    "LB2-rejects:1, load-balancing, 1, terminated",
    "HS1-rejects:3, hot-standby, 2, -",
    "HS1-rejects:3, hot-standby, 3, terminated",
    "LB1-rejects:3, partner-in-maintenance, 2, -",
    "LB1-rejects:3, partner-in-maintenance, 3, terminated",
    "LB1, load-balancing, 9, -",
    "LB1, load-balancing, 10, terminated",
    "LB1-rejects:0, load-balancing, 500, -",
  })
  void rejectedLeaseUpdates_terminateAtTheLimit(
      String configName, String from, int clients, String path) {
    HaState state = HaState.fromWire(from).orElseThrow();
    prepare(configName, state);
    machine.heartbeatAnswered(
        answer(state == HaState.PARTNER_IN_MAINTENANCE ? HaState.IN_MAINTENANCE : state));
    shell.entered.clear();
    for (int n = 0; n < clients; n++) {
      rejected(n);
    }
    assertThat(shell.path()).isEqualTo(path);
    assertThat(machine.communication().partnerState())
        .as("a rejection is an answer: the partner stays available")
        .isNotEqualTo(HaState.UNAVAILABLE);
  }

  @Test
  void rejectedLeaseUpdates_eachClientCountsOnce_andAnAcceptedUpdateForgetsIt() {
    prepare("LB1-rejects:3", HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    rejected(1);
    rejected(1);
    rejected(2);
    rejected(2);
    assertThat(machine.communication().rejectedLeaseUpdates()).isEqualTo(2);
    accepted(1);
    rejected(3);
    assertThat(machine.communication().rejectedLeaseUpdates()).isEqualTo(2);
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
    rejected(4);
    assertThat(machine.state()).isEqualTo(HaState.TERMINATED);
  }

  @Test
  void rejectedLeaseUpdates_countForADay() {
    prepare("LB1-rejects:3", HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    rejected(1);
    loop.advance(Duration.ofHours(23));
    rejected(2);
    loop.advance(Duration.ofHours(1));
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(machine.communication().rejectedLeaseUpdates())
        .as("client 1's rejection is a day old")
        .isEqualTo(1);
    rejected(3);
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
    rejected(4);
    assertThat(machine.state()).isEqualTo(HaState.TERMINATED);
  }

  @Test
  void rejectedLeaseUpdates_forgottenWhenThePairStartsOver() {
    prepare("LB2-rejects:3", HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    rejected(1);
    rejected(2);
    // The partner declared this server dead: waiting, then a sync, then back.
    machine.heartbeatAnswered(answer(HaState.PARTNER_DOWN));
    assertThat(shell.path()).endsWith("waiting>syncing");
    assertThat(machine.communication().rejectedLeaseUpdates()).isZero();
    machine.syncDone(true);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
    rejected(3);
    rejected(4);
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
  }

  @Test
  void answeredHeartbeat_clearsTheClientAnalysis() {
    prepare("LB2-nodelay", HaState.LOAD_BALANCING);
    interrupt();
    unackedClients(11);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(machine.communication().unackedClients()).isZero();
    assertThat(machine.communication().interrupted()).isFalse();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          LB1        | waiting                | ''               | false | false
          LB1        | syncing                | ''               | false | false
          LB1        | ready                  | ''               | false | false
          LB1        | load-balancing         | server1          | true  | true
          LB2        | load-balancing         | server2          | true  | true
          LB2        | communication-recovery | server2          | true  | false
          LB1        | partner-down           | server1 server2  | true  | false
          LB1-noauto | partner-down           | server1          | true  | false
          LB1        | partner-in-maintenance | server1 server2  | true  | true
          LB1        | in-maintenance         | ''               | false | false
          LB1        | terminated             | server1          | true  | false
          HS1        | hot-standby            | server1          | true  | true
          HS2        | hot-standby            | ''               | true  | true
          HS2        | partner-down           | server1 server2  | true  | false
          PB1        | passive-backup         | server1          | true  | false
          LB3        | backup                 | ''               | false | false
          """)
  void eachState_servesItsScopes(
      String configName, String state, String scopes, boolean enabled, boolean updates) {
    build(configName.strip());
    machine.startIn(HaState.fromWire(state.strip()).orElseThrow());
    assertThat(shell.scopes)
        .containsExactlyInAnyOrderElementsOf(
            scopes.isBlank() ? List.of() : List.of(scopes.strip().split(" ")));
    assertThat(shell.dhcpEnabled).isEqualTo(enabled);
    assertThat(shell.leaseUpdates).isEqualTo(updates);
  }

  @Test
  void pauseAlways_holdsEveryEntry_untilContinue() {
    build("LB2-pause:syncing:always");
    machine.start();
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(machine.state()).isEqualTo(HaState.SYNCING);
    assertThat(machine.paused()).isTrue();
    assertThat(shell.calls).as("no sync while paused").containsExactly("heartbeat");
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(shell.calls).containsExactly("heartbeat");
    assertThat(machine.resume()).isEqualTo(HaStateMachine.CommandResult.OK);
    assertThat(shell.calls).containsExactly("heartbeat", "sync");
    assertThat(machine.resume()).isEqualTo(HaStateMachine.CommandResult.NO_CHANGE);
    machine.syncDone(true);
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.PARTNER_DOWN)); // declared dead: resync
    assertThat(machine.state()).isEqualTo(HaState.SYNCING);
    assertThat(machine.paused()).as("always: paused again").isTrue();
  }

  @Test
  void pauseOnce_holdsOnlyTheFirstEntry() {
    build("LB2-pause:waiting:once");
    machine.start();
    assertThat(machine.paused()).isTrue();
    machine.resume();
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    machine.syncDone(true);
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
    assertThat(machine.reset()).isEqualTo(HaStateMachine.CommandResult.OK);
    assertThat(machine.state()).isEqualTo(HaState.SYNCING);
    assertThat(machine.paused()).isFalse();
  }

  /**
   * ha-sync-complete-notify in partner-down: the service the partner disabled for its sync stays
   * off until this server has left partner-down (lease updates on) or the partner fails a
   * heartbeat; a lease granted in between would never reach the partner (HaFailoverIT found
   * addresses ACKed to two clients when it answered at once).
   */
  @Test
  void syncCompleteNotify_inPartnerDown_releasedOnlyOnceUpdatesFlow() {
    prepare("LB1", HaState.PARTNER_DOWN);
    machine.partnerSyncComplete();
    assertThat(shell.calls).doesNotContain("partner-sync-released");
    // The partner still reports syncing (its answer to the notify raced this heartbeat): held.
    machine.heartbeatAnswered(answer(HaState.SYNCING));
    assertThat(machine.state()).isEqualTo(HaState.PARTNER_DOWN);
    assertThat(shell.calls).doesNotContain("partner-sync-released");
    // Ready: this server leaves partner-down with lease updates on, then the service answers.
    machine.heartbeatAnswered(answer(HaState.READY));
    assertThat(shell.path()).isEqualTo("load-balancing");
    assertThat(shell.leaseUpdates).isTrue();
    assertThat(shell.calls).containsOnlyOnce("partner-sync-released");
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(shell.calls).containsOnlyOnce("partner-sync-released");
  }

  @Test
  void syncCompleteNotify_inPartnerDown_partnerGoneAgain_servesAlone() {
    prepare("HS2", HaState.PARTNER_DOWN);
    machine.partnerSyncComplete();
    machine.heartbeatFailed();
    assertThat(machine.state()).isEqualTo(HaState.PARTNER_DOWN);
    assertThat(shell.calls).containsOnlyOnce("partner-sync-released");
  }

  @Test
  void syncCompleteNotify_elsewhere_releasedAtOnce() {
    for (HaState s : List.of(HaState.LOAD_BALANCING, HaState.WAITING, HaState.READY)) {
      prepare("LB2", s);
      machine.partnerSyncComplete();
      assertThat(shell.calls).as(s.wire()).containsExactly("partner-sync-released");
    }
  }

  @Test
  void haReset_goesToWaiting_orSaysSo() {
    prepare("LB2", HaState.WAITING);
    assertThat(machine.reset()).isEqualTo(HaStateMachine.CommandResult.NO_CHANGE);
    prepare("LB2", HaState.PARTNER_DOWN);
    assertThat(machine.reset()).isEqualTo(HaStateMachine.CommandResult.OK);
    assertThat(shell.path()).isEqualTo("waiting");
  }

  @Test
  void maintenanceStart_partnerAccepts_partnerInMaintenance_cancelReturns() {
    prepare("LB1", HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(machine.maintenanceStart()).isEqualTo(HaStateMachine.CommandResult.OK);
    assertThat(shell.calls).containsExactly("maintenance-notify cancel=false");
    machine.maintenanceNotifyAnswered(HaStateMachine.NotifyOutcome.ACCEPTED);
    assertThat(machine.state()).isEqualTo(HaState.PARTNER_IN_MAINTENANCE);
    assertThat(machine.scopes()).containsExactlyInAnyOrder("server1", "server2");
    assertThat(machine.maintenanceStart()).isEqualTo(HaStateMachine.CommandResult.NOT_ALLOWED);
    assertThat(machine.maintenanceCancel()).isEqualTo(HaStateMachine.CommandResult.OK);
    machine.maintenanceNotifyAnswered(HaStateMachine.NotifyOutcome.ACCEPTED);
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
  }

  @Test
  void maintenanceStart_partnerUnreachable_partnerDownWithItsScope_evenWithoutAutoFailover() {
    prepare("LB1-noauto", HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    machine.maintenanceStart();
    machine.maintenanceNotifyAnswered(HaStateMachine.NotifyOutcome.FAILED);
    assertThat(machine.state()).isEqualTo(HaState.PARTNER_DOWN);
    assertThat(machine.scopes()).containsExactlyInAnyOrder("server1", "server2");
  }

  @Test
  void maintenanceStart_partnerRefuses_nothingChanges() {
    prepare("LB1", HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    machine.maintenanceStart();
    machine.maintenanceNotifyAnswered(HaStateMachine.NotifyOutcome.REFUSED);
    assertThat(shell.path()).isEqualTo("-");
    assertThat(machine.communication().partnerState()).isEqualTo(HaState.UNAVAILABLE);
  }

  @Test
  void maintenanceCancel_partnerUnreachable_staysUntilTheNextInput_thenPartnerDown() {
    prepare("LB1", HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    machine.maintenanceStart();
    machine.maintenanceNotifyAnswered(HaStateMachine.NotifyOutcome.ACCEPTED);
    machine.maintenanceCancel();
    machine.maintenanceNotifyAnswered(HaStateMachine.NotifyOutcome.FAILED);
    assertThat(machine.state()).isEqualTo(HaState.PARTNER_IN_MAINTENANCE);
    machine.heartbeatFailed();
    assertThat(machine.state()).isEqualTo(HaState.PARTNER_DOWN);
  }

  @Test
  void maintenanceNotify_inMaintenance_cancelReturns_andHoldsForOneRun() {
    prepare("LB2", HaState.LOAD_BALANCING);
    assertThat(machine.maintenanceNotify(false)).isEqualTo(HaStateMachine.CommandResult.OK);
    assertThat(machine.state()).isEqualTo(HaState.IN_MAINTENANCE);
    assertThat(machine.dhcpEnabled()).isFalse();
    machine.heartbeatAnswered(answer(HaState.PARTNER_IN_MAINTENANCE));
    assertThat(machine.state()).isEqualTo(HaState.IN_MAINTENANCE);
    assertThat(machine.maintenanceNotify(true)).isEqualTo(HaStateMachine.CommandResult.OK);
    // back in load-balancing although the partner was last seen partner-in-maintenance
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
    assertThat(machine.maintenanceNotify(true)).isEqualTo(HaStateMachine.CommandResult.NOT_ALLOWED);
  }

  @Test
  void maintenanceNotify_refusedWhereKeaRefusesIt() {
    for (HaState s : List.of(HaState.TERMINATED, HaState.PARTNER_IN_MAINTENANCE, HaState.BACKUP)) {
      prepare("LB1", s);
      assertThat(machine.maintenanceNotify(false))
          .as(s.wire())
          .isEqualTo(HaStateMachine.CommandResult.NOT_ALLOWED);
    }
  }

  @Test
  void communicationRecovery_replaysTheBacklog_thenLoadBalancing() {
    prepare("LB1", HaState.COMMUNICATION_RECOVERY);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(shell.calls).containsExactly("replay");
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(shell.calls).as("nothing while the replay runs").containsExactly("replay");
    machine.backlogReplayed(true);
    assertThat(machine.state()).isEqualTo(HaState.LOAD_BALANCING);
    assertThat(shell.calls).containsExactly("replay", "clear-backlog");
  }

  @Test
  void communicationRecovery_failedReplay_resetsThePartner() {
    prepare("LB1", HaState.COMMUNICATION_RECOVERY);
    machine.heartbeatAnswered(answer(HaState.COMMUNICATION_RECOVERY));
    machine.backlogReplayed(false);
    assertThat(shell.calls).containsExactly("replay", "ha-reset");
    machine.haResetDone(false);
    assertThat(machine.state()).isEqualTo(HaState.COMMUNICATION_RECOVERY);
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    machine.backlogReplayed(false);
    machine.haResetDone(true);
    assertThat(shell.path()).isEqualTo("waiting>syncing");
    assertThat(shell.calls).endsWith("ha-reset", "clear-backlog", "sync");
  }

  @Test
  void communicationRecovery_overflowedBacklog_resetsWithoutReplay() {
    prepare("LB1", HaState.COMMUNICATION_RECOVERY);
    machine.backlogOverflowed();
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    assertThat(shell.calls).containsExactly("ha-reset");
  }

  @Test
  void haScopes_replacesTheServedScopes_andRefusesUnknownNames() {
    prepare("LB1", HaState.LOAD_BALANCING);
    machine.serveScopes(Set.of("server1", "server2"));
    assertThat(shell.scopes).containsExactlyInAnyOrder("server1", "server2");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> machine.serveScopes(Set.of("HA_server1")))
        .hasMessage("invalid scope name 'HA_server1'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> machine.serveScopes(Set.of("server3")))
        .hasMessage("invalid scope name 'server3'");
  }

  @Test
  void skewWarning_atMostOncePerMinute() {
    build("LB1");
    CommunicationState comm = new CommunicationState(config, loop.clock());
    comm.heartbeatAnswered(answer(HaState.WAITING, Duration.ofSeconds(45), Optional.empty()));
    assertThat(comm.skewWarningDue()).isTrue();
    assertThat(comm.skewWarningDue()).isFalse();
    loop.advance(Duration.ofSeconds(61));
    assertThat(comm.skewWarningDue()).isTrue();
    assertThat(comm.skewTerminates()).isFalse();
    comm.heartbeatAnswered(answer(HaState.WAITING, Duration.ofSeconds(-30), Optional.empty()));
    assertThat(comm.skewWarningDue()).isFalse();
  }

  @Test
  void statusGet_reportsBothServers_asKeaDoes() {
    prepare("LB1", HaState.LOAD_BALANCING);
    assertThat(HaStatus.render(config, machine).toString())
        .isEqualTo(
            "{\"ha-mode\":\"load-balancing\",\"ha-servers\":{\"local\":{\"role\":\"primary\","
                + "\"scopes\":[\"server1\"],\"state\":\"load-balancing\"},\"remote\":{\"age\":0,"
                + "\"analyzed-packets\":0,\"communication-interrupted\":false,"
                + "\"connecting-clients\":0,\"in-touch\":false,\"last-scopes\":[],"
                + "\"last-state\":\"\",\"role\":\"secondary\",\"unacked-clients\":0,"
                + "\"unacked-clients-left\":0}}}");
    machine.heartbeatAnswered(answer(HaState.LOAD_BALANCING));
    interrupt();
    unackedClients(3);
    var remote = HaStatus.render(config, machine).get("ha-servers").get("remote");
    assertThat(remote.get("age").asLong()).isEqualTo(61);
    assertThat(remote.get("in-touch").asBoolean()).isTrue();
    assertThat(remote.get("last-state").asText()).isEqualTo("load-balancing");
    assertThat(remote.get("last-scopes").toString()).isEqualTo("[\"server1\"]");
    assertThat(remote.get("communication-interrupted").asBoolean()).isTrue();
    assertThat(remote.get("unacked-clients").asLong()).isEqualTo(3);
    assertThat(remote.get("unacked-clients-left").asLong()).isEqualTo(8);
    assertThat(remote.get("analyzed-packets").asLong()).isEqualTo(3);
  }

  @Test
  void statusGet_backupHasNoRemote() {
    prepare("LB3", HaState.BACKUP);
    assertThat(HaStatus.render(config, machine).get("ha-servers").has("remote")).isFalse();
  }
}
