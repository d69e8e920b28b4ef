package io.d2j.d2.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.d2.config.DnsServer;
import io.d2j.d2.stats.Statistics;
import io.d2j.d2.transaction.UpdateOutcome;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * {@code max-updates-per-server}: UPDATEs beyond the limit wait in the client (BIND drops those
 * beyond its update-quota unanswered), and their timeout only starts when they are sent.
 */
class PerServerLimitIT {
  private Vertx vertx;
  private Context context;
  private DnsUpdateClient client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    client = new DnsUpdateClient(vertx, new Statistics(Clock.systemUTC()), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void beyondTheLimit_updatesWaitAndTheirTimeoutStartsWhenSent() throws Exception {
    Gate release = new Gate();
    try (FakeDnsServer dns = FakeDnsServer.start();
        FakeDnsServer other = FakeDnsServer.start()) {
      dns.otherwise(Reply.heldUntil(release, Reply.rcode(Rcode.NOERROR)));
      DnsServer server = server(dns);
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
                client.send(update(), server, timeout).onComplete(ar -> out.complete(ar.result())));
      }
      dns.awaitReceived(2, Duration.ofSeconds(5));
      // Another server is not held back by this one's queue.
      assertThat(
              this.<UpdateOutcome>onContext(
                  () -> client.send(update(), server(other), Duration.ofSeconds(5))))
          .isEqualTo(new UpdateOutcome.Answered(Rcode.NOERROR));
      Thread.sleep(2_000);
      assertThat(dns.received()).hasSize(2);
      assertThat(this.<Integer>onContext(() -> Future.succeededFuture(client.waitingUpdates())))
          .isEqualTo(4);

      release.open();

      for (CompletableFuture<UpdateOutcome> out : outcomes) {
        assertThat(out.get(10, TimeUnit.SECONDS))
            .isEqualTo(new UpdateOutcome.Answered(Rcode.NOERROR));
      }
      assertThat(dns.received()).hasSize(6);
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

  private <T> T onContext(Supplier<Future<T>> work) throws Exception {
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
      update.add(Name.fromString("h.example.org."), Type.A, 0, "192.0.2.10");
      return update;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
