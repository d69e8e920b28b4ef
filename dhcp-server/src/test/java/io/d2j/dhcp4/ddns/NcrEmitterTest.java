package io.d2j.dhcp4.ddns;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.udp.NcrSendException;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The DDNS shell without sockets: a send failure is retried with a bound, then counted and logged
 * with the NCR, and never switches DDNS off for the next lease (spec §1.2, §3.4 #2).
 */
class NcrEmitterTest {

  private final Dhcp4Config config =
      Dhcp4ConfigParser.parse(
          KeaConfigReader.parse(
              """
              {"Dhcp4": {"dhcp-ddns": {"enable-updates": true},
                         "subnet4": [{"id": 1, "subnet": "10.0.0.0/24"}]}}
              """,
              "kea.json"),
          Path.of("/tmp"));
  private final Statistics stats = new Statistics(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  private final List<NameChangeRequest> sent = new ArrayList<>();
  private final List<Runnable> scheduled = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();
  private int failuresLeft;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("kea-dhcp4.ddns");

  private final NcrEmitter.Sink sink =
      new NcrEmitter.Sink() {
        @Override
        public CompletableFuture<Void> send(NameChangeRequest ncr) {
          if (failuresLeft > 0) {
            failuresLeft--;
            return CompletableFuture.failedFuture(
                new NcrSendException(
                    "NCR " + ncr.requestId() + ": send queue is full (1 requests waiting)"));
          }
          sent.add(ncr);
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {}
      };

  /** The shared scheduler, by hand: what is scheduled runs when the test says so. */
  private final Scheduler retries =
      new Scheduler() {
        @Override
        public Timer schedule(Duration delay, Runnable task) {
          scheduled.add(task);
          delays.add(delay);
          return () -> scheduled.remove(task);
        }

        @Override
        public void execute(Runnable task) {
          schedule(Duration.ZERO, task);
        }
      };

  private final NcrEmitter emitter =
      new NcrEmitter(
          id -> config.subnet(id).map(Subnet4::ddns),
          sink,
          stats,
          retries,
          NcrEmitter.MAX_ATTEMPTS);

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  private static Lease4 lease(String address, String hostname, String clientId) {
    return new Lease4(
        (Inet4Address) IpAddresses.parse(address),
        Octets.parseColonHex("00:0c:01:02:03:04"),
        Octets.parseColonHex(clientId),
        3600,
        1_795_810_619L,
        1,
        true,
        true,
        hostname,
        LeaseState.DEFAULT,
        "");
  }

  private void runScheduled() {
    while (!scheduled.isEmpty()) {
      scheduled.remove(0).run();
    }
  }

  @Test
  void failedSend_isRetriedWithGrowingPauses_thenSent() {
    failuresLeft = 2;
    emitter.onAllocated(lease("10.0.0.5", "h1.example.com.", "01:00:0c:01:02:03:04"));
    runScheduled();
    assertThat(sent).extracting(n -> n.fqdn().text()).containsExactly("h1.example.com.");
    assertThat(delays).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(stats.value("ncr-send-retried")).isEqualTo(2);
    assertThat(stats.value("ncr-sent")).isEqualTo(1);
    assertThat(stats.value("ncr-send-failed")).isZero();
  }

  @Test
  void sendFailingEveryTime_isCountedAndLogged_andDdnsStaysOnForTheNextLease() {
    failuresLeft = NcrEmitter.MAX_ATTEMPTS;
    Lease4 first = lease("10.0.0.5", "h1.example.com.", "01:00:0c:01:02:03:04");
    emitter.onAllocated(first);
    runScheduled();
    assertThat(stats.value("ncr-send-failed")).isEqualTo(1);
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(m -> m.startsWith("DHCP4_DDNS_REQUEST_SEND_FAILED"))
        .singleElement()
        .asString()
        .contains("after 3 attempt(s)")
        .contains("fqdn=h1.example.com.")
        .contains("address=10.0.0.5")
        .contains("send queue is full (1 requests waiting)");

    emitter.onAllocated(lease("10.0.0.6", "h2.example.com.", "01:00:0c:01:02:03:05"));
    assertThat(sent).extracting(n -> n.fqdn().text()).containsExactly("h2.example.com.");
    assertThat(stats.value("ncr-sent")).isEqualTo(1);
  }

  @Test
  void leaseWhoseIdentifierMakesNoDhcid_isCountedAsABuildFailure() {
    emitter.onReleased(lease("10.0.0.5", "h1.example.com.", "ff:01:02:03:04"));
    assertThat(sent).isEmpty();
    assertThat(stats.value("ncr-build-failed")).isEqualTo(1);
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "DHCP4_DDNS_NCR_BUILD_FAILED lease 10.0.0.5 name 'h1.example.com.': embedded DUID"
                + " length of: 5, is too short");
  }

  @Test
  void clientMovedWithTheSameName_removesTheOldAddressAndAddsTheNew() {
    emitter.onRenewed(
        lease("10.0.0.5", "h1.example.com.", "01:00:0c:01:02:03:04"),
        lease("10.0.0.9", "h1.example.com.", "01:00:0c:01:02:03:04"));
    assertThat(sent)
        .extracting(n -> n.type() + " " + IpAddresses.format(n.address()))
        .containsExactly("REMOVE 10.0.0.5", "ADD 10.0.0.9");
  }
}
