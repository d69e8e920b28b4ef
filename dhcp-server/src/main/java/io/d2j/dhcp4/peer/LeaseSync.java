package io.d2j.dhcp4.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.ha.HaConfig;
import io.d2j.dhcp4.ha.PeerMessages;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.keacontrol.Answer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One lease database synchronisation from a peer (spec §6.10): for each page, {@code dhcp-disable}
 * to the peer ({@code max-period} = sync-timeout in seconds, at least 1, origin {@code
 * ha-partner}), then {@code lease4-get-page} ({@code from} {@code start}, then the last address of
 * the previous page; {@code limit} = sync-page-limit; time-out sync-timeout), merged into the own
 * store; a short page ends it. Then {@code ha-sync-complete-notify} (or {@code dhcp-enable} when
 * the peer does not know it); after a failure {@code dhcp-enable}. Completes with whether it
 * succeeded; it never fails exceptionally.
 */
final class LeaseSync {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final PeerClient from;
  private final HaConfig config;
  private final Function<List<JsonNode>, CompletableFuture<int[]>> merge;
  private final Clock clock;
  private final int[] totals = new int[3];
  private int leases;

  LeaseSync(
      PeerClient from,
      HaConfig config,
      Function<List<JsonNode>, CompletableFuture<int[]>> merge,
      Clock clock) {
    this.from = from;
    this.config = config;
    this.merge = merge;
    this.clock = clock;
  }

  CompletableFuture<Boolean> run() {
    Instant start = clock.instant();
    Dhcp4Log.HA_SYNC_START.log(from.peer().name());
    return page("start")
        .thenCompose(v -> finish())
        .handle(
            (ok, e) -> {
              if (e == null) {
                Dhcp4Log.HA_SYNC_SUCCESSFUL.log(
                    from.peer().name(),
                    Duration.between(start, clock.instant()).toMillis(),
                    leases,
                    totals[0],
                    totals[1],
                    totals[2]);
                return CompletableFuture.completedFuture(true);
              }
              Dhcp4Log.HA_SYNC_FAILED.log(from.peer().name(), HaShell.reason(e));
              return send("dhcp-enable", Optional.of(JSON.objectNode().put("origin", "ha-partner")))
                  .handle((r, e2) -> false);
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<Void> page(String after) {
    long maxPeriod = Math.max(1, config.syncTimeout().toSeconds());
    ObjectNode disable = JSON.objectNode().put("max-period", maxPeriod).put("origin", "ha-partner");
    ObjectNode get = JSON.objectNode().put("from", after).put("limit", config.syncPageLimit());
    return send("dhcp-disable", Optional.of(disable))
        .thenCompose(r -> expect(r, "dhcp-disable", Answer.SUCCESS))
        .thenCompose(
            v ->
                from.send(
                        PeerMessages.command("lease4-get-page", Optional.of(get)),
                        config.syncTimeout())
                    .thenApply(PeerMessages::readReply))
        .thenCompose(
            r -> {
              if (r.result() != Answer.SUCCESS && r.result() != Answer.EMPTY) {
                return CompletableFuture.failedFuture(
                    new IOException("lease4-get-page: result " + r.result() + ": " + r.text()));
              }
              JsonNode list = r.arguments().map(a -> a.get("leases")).orElse(null);
              List<JsonNode> page = new ArrayList<>();
              if (list != null && list.isArray()) {
                list.forEach(page::add);
              } else if (r.result() == Answer.SUCCESS) {
                return CompletableFuture.failedFuture(
                    new IOException("lease4-get-page: no 'leases' list in the answer"));
              }
              leases += page.size();
              return merge
                  .apply(page)
                  .thenCompose(
                      counts -> {
                        for (int i = 0; i < 3; i++) {
                          totals[i] += counts[i];
                        }
                        if (page.size() < config.syncPageLimit() || page.isEmpty()) {
                          return CompletableFuture.completedFuture(null);
                        }
                        return page(page.get(page.size() - 1).path("ip-address").asText());
                      });
            });
  }

  private CompletableFuture<Void> finish() {
    return send("ha-sync-complete-notify", Optional.empty())
        .thenCompose(
            r ->
                r.result() == Answer.UNSUPPORTED
                    ? send(
                            "dhcp-enable",
                            Optional.of(JSON.objectNode().put("origin", "ha-partner")))
                        .thenCompose(e -> expect(e, "dhcp-enable", Answer.SUCCESS))
                    : expect(r, "ha-sync-complete-notify", Answer.SUCCESS));
  }

  private CompletableFuture<PeerMessages.Reply> send(String command, Optional<ObjectNode> args) {
    return from.send(PeerMessages.command(command, args), HaShell.REQUEST_TIMEOUT)
        .thenApply(PeerMessages::readReply);
  }

  private static CompletableFuture<Void> expect(PeerMessages.Reply r, String what, int result) {
    return r.result() == result
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(
            new IOException(what + ": result " + r.result() + ": " + r.text()));
  }
}
