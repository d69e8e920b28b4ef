package io.d2j.d2.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.domain.DnsServer;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.testkit.Await;
import io.d2j.testkit.FakeDnsServer;
import io.d2j.testkit.FakeDnsServer.Reply;
import io.d2j.testkit.Gate;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Update;

/**
 * {@link DnsUpdateClient}'s UDP side against a scripted DNS server: the shared sockets of {@link
 * UdpSockets} and the per-server limit.
 */
class DnsUpdateClientIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private Vertx vertx;
  private Context context;
  private DnsUpdateClient client;
  private FakeDnsServer dns;
  private DnsServer server;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    client =
        new DnsUpdateClient(
            vertx, onVertxTimers(vertx), new Statistics(Clock.systemUTC()), Clock.systemUTC());
    dns = FakeDnsServer.start();
    server = server(dns);
  }

  /** Vert.x timers set on the calling context, as the runtime's scheduler sets them. */
  static Scheduler onVertxTimers(Vertx vertx) {
    return new Scheduler() {
      @Override
      public Timer schedule(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
        return () -> vertx.cancelTimer(id);
      }

      @Override
      public void execute(Runnable task) {
        vertx.getOrCreateContext().runOnContext(v -> task.run());
      }
    };
  }

  @AfterEach
  void stop() throws Exception {
    dns.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void manyConcurrentExchangesShareAFewSockets() throws Exception {
    int count = 300;
    List<UpdateOutcome> outcomes =
        onContext(
            () -> {
              List<Future<UpdateOutcome>> all = new ArrayList<>();
              for (int i = 0; i < count; i++) {
                all.add(client.send(update(), server, TIMEOUT));
              }
              return Future.all(all).map(f -> f.<UpdateOutcome>list());
            });

    assertThat(outcomes).hasSize(count).containsOnly(new UpdateOutcome.Answered(Rcode.NOERROR));
    assertThat(sourcePorts()).hasSizeLessThanOrEqualTo(UdpSockets.SOCKETS_PER_FAMILY);
    assertThat(this.<Integer>onContext(() -> Future.succeededFuture(client.openUdpSockets())))
        .isEqualTo(UdpSockets.SOCKETS_PER_FAMILY);
  }

  @Test
  void socketsAreReplacedAfterTheirShareOfExchanges() throws Exception {
    int rounds = UdpSockets.EXCHANGES_PER_SOCKET + 1;
    for (int r = 0; r < rounds; r++) {
      List<UpdateOutcome> outcomes =
          onContext(
              () -> {
                List<Future<UpdateOutcome>> all = new ArrayList<>();
                for (int i = 0; i < UdpSockets.SOCKETS_PER_FAMILY; i++) {
                  all.add(client.send(update(), server, TIMEOUT));
                }
                return Future.all(all).map(f -> f.<UpdateOutcome>list());
              });
      assertThat(outcomes).containsOnly(new UpdateOutcome.Answered(Rcode.NOERROR));
    }

    // Every socket of the first generation sent its 1,024 IDs and was closed once drained (one
    // retired by the last exchange may not be replaced until the next one comes).
    assertThat(sourcePorts()).hasSizeGreaterThan(UdpSockets.SOCKETS_PER_FAMILY);
    assertThat(this.<Integer>onContext(() -> Future.succeededFuture(client.openUdpSockets())))
        .isBetween(1, UdpSockets.SOCKETS_PER_FAMILY);
  }

  @Test
  void aReplyWithAnotherIdDoesNotEndTheWait() throws Exception {
    dns.script(Reply.wrongIdThen(Rcode.NOERROR));

    UpdateOutcome outcome = onContext(() -> client.send(update(), server, TIMEOUT));

    assertThat(outcome).isEqualTo(new UpdateOutcome.Answered(Rcode.NOERROR));
  }

  @Test
  void garbageWithAnIdNobodyWaitsFor_isIgnored() throws Exception {
    dns.script(Reply.garbage(new byte[] {0x12, 0x34, 0x00}));
    Message message = update();
    message.getHeader().setID(0x4321);

    UpdateOutcome outcome = onContext(() -> client.send(message, server, Duration.ofMillis(300)));

    assertThat(outcome).isEqualTo(new UpdateOutcome.TimedOut());
  }

  @Test
  void garbageWithItsId_isABadResponse() throws Exception {
    dns.script(Reply.garbageAfterId(new byte[] {0x00}));

    UpdateOutcome outcome = onContext(() -> client.send(update(), server, TIMEOUT));

    assertThat(outcome).isInstanceOf(UpdateOutcome.BadResponse.class);
  }

  @Test
  void aLateReplyToAnAbandonedAttemptIsNeverTakenForALaterOneWithTheSameId() throws Exception {
    // The first attempt times out. Its REFUSED is released only after the second attempt, which
    // carries the very same message (same ID), has been sent; the second's NOERROR comes last.
    Gate late = new Gate();
    Gate second = new Gate();
    dns.script(
        Reply.heldUntil(late, Reply.rcode(Rcode.REFUSED)),
        Reply.heldUntil(second, Reply.rcode(Rcode.NOERROR)));
    Message message = update();

    UpdateOutcome first = onContext(() -> client.send(message, server, Duration.ofMillis(200)));
    assertThat(first).isEqualTo(new UpdateOutcome.TimedOut());

    CompletableFuture<UpdateOutcome> retry = new CompletableFuture<>();
    context.runOnContext(
        v ->
            client
                .send(message, server, TIMEOUT)
                .onComplete(ar -> retry.complete(ar.succeeded() ? ar.result() : null)));
    dns.awaitReceived(2, TIMEOUT);
    late.open(); // REFUSED for the first attempt's ID, to the first attempt's socket
    Thread.sleep(200);
    second.open();

    assertThat(retry.get(10, TimeUnit.SECONDS))
        .isEqualTo(new UpdateOutcome.Answered(Rcode.NOERROR));
    assertThat(sourcePorts()).hasSize(2);
  }

  /**
   * {@code max-updates-per-server}: UPDATEs beyond the limit wait in the client (BIND drops those
   * beyond its update-quota unanswered), and their timeout only starts when they are sent.
   */
  @Test
  void beyondThePerServerLimit_updatesWaitAndTheirTimeoutStartsWhenSent() throws Exception {
    Gate release = new Gate();
    try (FakeDnsServer held = FakeDnsServer.start();
        FakeDnsServer other = FakeDnsServer.start()) {
      held.otherwise(Reply.heldUntil(release, Reply.rcode(Rcode.NOERROR)));
      DnsServer heldServer = server(held);
      onContext(
          () -> {
            client.maxUpdatesPerServer(2);
            return Future.succeededFuture(null);
          });

      List<CompletableFuture<UpdateOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        CompletableFuture<UpdateOutcome> out = new CompletableFuture<>();
        outcomes.add(out);
        // The two sent at once may wait long; the four that wait for a turn have 1.5 s each and
        // wait 2 s: they would time out if their clock ran while they wait.
        Duration timeout = i < 2 ? Duration.ofSeconds(20) : Duration.ofMillis(1_500);
        context.runOnContext(
            v ->
                client
                    .send(update(), heldServer, timeout)
                    .onComplete(ar -> out.complete(ar.result())));
      }
      held.awaitReceived(2, Duration.ofSeconds(5));
      // Another server is not held back by this one's queue.
      assertThat(
              this.<UpdateOutcome>onContext(
                  () -> client.send(update(), server(other), Duration.ofSeconds(5))))
          .isEqualTo(new UpdateOutcome.Answered(Rcode.NOERROR));
      Thread.sleep(2_000);
      assertThat(held.received()).hasSize(2);
      assertThat(this.<Integer>onContext(() -> Future.succeededFuture(client.waitingUpdates())))
          .isEqualTo(4);

      release.open();

      for (CompletableFuture<UpdateOutcome> out : outcomes) {
        assertThat(out.get(10, TimeUnit.SECONDS))
            .isEqualTo(new UpdateOutcome.Answered(Rcode.NOERROR));
      }
      assertThat(held.received()).hasSize(6);
      Await.until(
          Duration.ofSeconds(5),
          "no UPDATE left waiting",
          () -> onContextUnchecked(() -> Future.succeededFuture(client.waitingUpdates())) == 0);
    }
  }

  private static DnsServer server(FakeDnsServer dns) {
    return new DnsServer(dns.address(), dns.port(), Optional.empty(), Optional.empty());
  }

  private <T> T onContextUnchecked(Supplier<Future<T>> work) {
    try {
      return onContext(work);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Set<Integer> sourcePorts() {
    return dns.received().stream().map(r -> r.from().getPort()).collect(Collectors.toSet());
  }

  private <T> T onContext(Supplier<Future<T>> work) throws Exception {
    return onContext(context, work);
  }

  /** Runs {@code work} on {@code context} and waits (30 s at most) for its future's result. */
  static <T> T onContext(Context context, Supplier<Future<T>> work) throws Exception {
    CompletableFuture<T> out = new CompletableFuture<>();
    context.runOnContext(
        v ->
            work.get()
                .onComplete(
                    ar -> {
                      if (ar.succeeded()) {
                        out.complete(ar.result());
                      } else {
                        out.completeExceptionally(ar.cause());
                      }
                    }));
    return out.get(30, TimeUnit.SECONDS);
  }

  private static Message update() {
    try {
      Update update = new Update(Name.fromString("example.org."));
      update.add(Name.fromString("h.example.org."), org.xbill.DNS.Type.A, 0, "192.0.2.10");
      return update;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
