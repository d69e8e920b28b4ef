package io.d2j.d2.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.domain.DnsServer;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.testkit.Await;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.FakeDnsServer.Reply;
import io.d2j.testkit.Received;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * {@link DnsUpdateClient}'s TCP side ({@link TcpConnections}): one kept-open, pipelined connection
 * per server, replies matched by ID in any order, the resend after a server hangs up mid-stream,
 * reconnecting after the server closed, and the idle close. The BIND side is {@code
 * it.TcpTransportIT} and {@code scenario.BatchingIT} (batches over 512 octets go over TCP).
 */
class TcpConnectionsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private Vertx vertx;
  private Context context;
  private Statistics stats;
  private DnsUpdateClient client;
  private FakeDnsServer dns;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    stats = new Statistics(Clock.systemUTC());
    D2Stats.declareGlobals(stats);
    client =
        new DnsUpdateClient(
            vertx,
            DnsUpdateClientIT.onVertxTimers(vertx),
            stats,
            Clock.systemUTC(),
            Duration.ofMillis(300));
    dns = FakeDnsServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    dns.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void concurrentExchanges_shareOneConnection() throws Exception {
    List<UpdateOutcome> outcomes = sendAll(server(dns), 20);

    assertThat(outcomes).containsOnly(new UpdateOutcome.Answered(Rcode.NOERROR));
    assertThat(dns.received()).hasSize(20).allMatch(Received::tcp);
    assertThat(dns.received().stream().map(Received::from).distinct()).hasSize(1);
    assertThat(stats.value(D2Stats.UPDATE_TCP_CONNECTIONS)).isEqualTo(1);
    assertThat(stats.value(D2Stats.UPDATE_TCP)).isEqualTo(20);
  }

  @Test
  void requestsArePipelined_andRepliesInAnotherOrderGoToTheirOwnExchange() throws Exception {
    // This server reads three requests before it answers any (a client that waits for each reply
    // before writing the next would time out), then answers them last first, each with its own
    // RCODE.
    int[] rcodes = {Rcode.NOERROR, Rcode.NXRRSET, Rcode.YXDOMAIN};
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(() -> answerInReverse(listener, rcodes));
      DnsServer server =
          new DnsServer(
              InetAddress.getLoopbackAddress(),
              listener.getLocalPort(),
              Optional.empty(),
              Optional.empty());

      List<UpdateOutcome> outcomes = sendAll(server, 3);

      served.get(10, TimeUnit.SECONDS);
      assertThat(outcomes)
          .containsExactly(
              new UpdateOutcome.Answered(Rcode.NOERROR),
              new UpdateOutcome.Answered(Rcode.NXRRSET),
              new UpdateOutcome.Answered(Rcode.YXDOMAIN));
      assertThat(stats.value(D2Stats.UPDATE_TCP_CONNECTIONS)).isEqualTo(1);
    }
  }

  @Test
  void serverHangsUpMidStream_theUnansweredRequestsGoOutOnceMoreOnANewConnection()
      throws Exception {
    dns.script(Reply.hangUp()); // the first request read: no answer, connection reset

    List<UpdateOutcome> outcomes = sendAll(server(dns), 5);

    assertThat(outcomes).hasSize(5).containsOnly(new UpdateOutcome.Answered(Rcode.NOERROR));
    List<Received> got = dns.received();
    // The first on the first connection; then all five (the first again) on a second one.
    assertThat(got).hasSize(6);
    assertThat(got.get(1).raw()).isEqualTo(got.get(0).raw());
    assertThat(got.get(1).from()).isNotEqualTo(got.get(0).from());
    assertThat(got.subList(1, 6).stream().map(Received::from).distinct()).hasSize(1);
    assertThat(stats.value(D2Stats.UPDATE_TCP_CONNECTIONS)).isEqualTo(2);
  }

  @Test
  void closedBeforeTheReplyTwice_isAnIoFailure() throws Exception {
    dns.script(Reply.hangUp(), Reply.hangUp());

    List<UpdateOutcome> outcomes = sendAll(server(dns), 1);

    assertThat(outcomes.get(0)).isInstanceOf(UpdateOutcome.IoFailed.class);
    assertThat(dns.received()).hasSize(2);
    assertThat(stats.value(D2Stats.UPDATE_ERROR)).isEqualTo(1);
  }

  @Test
  void serverClosesAfterItsAnswer_theNextExchangeOpensANewConnection() throws Exception {
    dns.script(Reply.answerThenHangUp(Reply.rcode(Rcode.NOERROR)));

    assertThat(sendAll(server(dns), 1)).containsExactly(new UpdateOutcome.Answered(Rcode.NOERROR));
    Await.until(TIMEOUT, "the closed connection forgotten", () -> openConnections() == 0);
    assertThat(sendAll(server(dns), 1)).containsExactly(new UpdateOutcome.Answered(Rcode.NOERROR));

    assertThat(dns.received()).hasSize(2); // nothing resent
    assertThat(dns.received().get(1).from()).isNotEqualTo(dns.received().get(0).from());
    assertThat(stats.value(D2Stats.UPDATE_TCP_CONNECTIONS)).isEqualTo(2);
  }

  @Test
  void anIdleConnectionIsClosed_andTheNextExchangeOpensAnother() throws Exception {
    assertThat(sendAll(server(dns), 1)).containsExactly(new UpdateOutcome.Answered(Rcode.NOERROR));
    assertThat(openConnections()).isEqualTo(1);

    Await.until(TIMEOUT, "the idle connection closed", () -> openConnections() == 0);
    assertThat(sendAll(server(dns), 1)).containsExactly(new UpdateOutcome.Answered(Rcode.NOERROR));

    assertThat(stats.value(D2Stats.UPDATE_TCP_CONNECTIONS)).isEqualTo(2);
  }

  /** Sends {@code count} UPDATEs over TCP at once and returns their outcomes in order. */
  private List<UpdateOutcome> sendAll(DnsServer server, int count) throws Exception {
    List<byte[]> updates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Message m = update("h" + i + ".example.org.");
      m.getHeader().setID(0x1000 + i); // distinct: one connection carries them all
      updates.add(m.toWire());
    }
    return onContext(
        () -> {
          List<Future<UpdateOutcome>> all = new ArrayList<>();
          for (byte[] u : updates) {
            all.add(client.send(u, server, TIMEOUT, true));
          }
          return Future.all(all).map(f -> f.<UpdateOutcome>list());
        });
  }

  private int openConnections() {
    try {
      return onContext(() -> Future.succeededFuture(client.openTcpConnections()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void answerInReverse(ServerSocket listener, int[] rcodes) {
    try (Socket conn = listener.accept();
        DataInputStream in = new DataInputStream(conn.getInputStream());
        DataOutputStream out = new DataOutputStream(conn.getOutputStream())) {
      List<Message> requests = new ArrayList<>();
      for (int i = 0; i < rcodes.length; i++) {
        byte[] raw = new byte[in.readUnsignedShort()];
        in.readFully(raw);
        requests.add(new Message(raw));
      }
      for (int i = rcodes.length - 1; i >= 0; i--) {
        Message reply = new Message(requests.get(i).getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setOpcode(Opcode.UPDATE);
        reply.getHeader().setRcode(rcodes[i]);
        reply.addRecord(requests.get(i).getQuestion(), org.xbill.DNS.Section.ZONE);
        byte[] wire = reply.toWire();
        out.writeShort(wire.length);
        out.write(wire);
      }
      out.flush();
      in.read(); // until the client closes
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static DnsServer server(FakeDnsServer dns) {
    return new DnsServer(dns.address(), dns.port(), Optional.empty(), Optional.empty());
  }

  private <T> T onContext(Supplier<Future<T>> work) throws Exception {
    return DnsUpdateClientIT.onContext(context, work);
  }

  private static Message update(String name) {
    try {
      Update update = new Update(Name.fromString("example.org."));
      update.add(Name.fromString(name), Type.A, 0, "192.0.2.10");
      return update;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
