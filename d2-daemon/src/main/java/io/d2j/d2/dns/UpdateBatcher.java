package io.d2j.d2.dns;

import io.d2j.d2.domain.DnsServer;
import io.d2j.d2.domain.ReverseNames;
import io.d2j.d2.log.D2Log;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.transaction.Direction;
import io.d2j.d2.transaction.Step;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.d2.update.UpdateSender.Request;
import io.d2j.keacontrol.stats.Statistics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.xbill.DNS.Rcode;

/**
 * Optimistic batching ({@code user-context.d2j.max-names-per-update}, issue 18): steps of different
 * owner names going to the same server and zone (hence the same TSIG key) travel in one UPDATE.
 * Every step of every kind writes its prerequisites and updates at one owner name only (the FQDN
 * for the forward steps, the address's reverse name for the reverse ones; a PTR's target is data,
 * not an owner), so steps of different owner names are independent (RFC 2136 §3.2, §3.4: the
 * prerequisites are all checked against the zone as it was before the message, and one name's
 * update cannot change what another name's prerequisite sees). That holds for the adds' steps and
 * for the removes' ({@link Step#REMOVING_FWD_ADDRS}, {@link Step#REMOVING_FWD_RRS}, {@link
 * Step#REMOVING_REV_PTRS}) and for the replace after a conflict, all of which are packed.
 *
 * <p>RFC 2136 §3.4 applies a message all or nothing. A batch answered NOERROR was applied whole:
 * each step gets NOERROR, the answer it would have had alone. Any other outcome (a prerequisite
 * failed for one of the names, a time-out, an error) applied nothing, and every step of the batch
 * is sent again alone, so each transaction sees its own exchange's outcome and the conflict rules,
 * retries and failover run exactly as without batching. Per-FQDN order is the dispatcher's (one
 * transaction per FQDN at a time); a batch never holds two steps for the same owner name (two NCRs
 * for different names may share an address, hence a reverse name).
 *
 * <p>Batching never delays a step at an idle server: a step goes out at once when nothing of its
 * server and zone is outstanding; only steps that queue up behind an outstanding exchange are
 * packed, and they go out when it is answered or when {@code max-names-per-update} of them wait.
 * With the limit at 1, every step goes out alone at once, as before. A batch that got no answer at
 * all (a time-out, a send failure) is split like any other, and its server and zone then get their
 * steps alone until the server answers one: during an outage each try costs one time-out, as it
 * would unbatched.
 *
 * <p>Confined to the D2 event loop, like the client.
 */
final class UpdateBatcher {

  /** Sends one rendered, unsigned UPDATE; the client's part. */
  interface Exchange {
    void send(
        byte[] unsigned,
        DnsServer server,
        Duration timeout,
        boolean forceTcp,
        Consumer<UpdateOutcome> done);
  }

  /** The most names one UPDATE may carry (a 255-octet name costs about 330 octets per step). */
  static final int MAX_NAMES_LIMIT = 128;

  private final Exchange exchange;
  private final IntSupplier ids;
  private final Statistics stats;
  private final Map<LaneKey, Lane> lanes = new HashMap<>();

  /**
   * Lanes whose last batch got no answer (timed out or failed to send) and that have not answered
   * since: their steps go out alone, so a server that went silent costs each try one time-out, as
   * without batching, not two (the batch's and then the step's own).
   */
  private final Set<LaneKey> unanswered = new HashSet<>();

  private int maxNames = 1;

  /**
   * @param ids message IDs, one per UPDATE
   */
  UpdateBatcher(Exchange exchange, IntSupplier ids, Statistics stats) {
    this.exchange = exchange;
    this.ids = ids;
    this.stats = stats;
  }

  /** Applies {@code max-names-per-update} to the steps sent from now on. */
  void maxNames(int limit) {
    if (limit < 1 || limit > MAX_NAMES_LIMIT) {
      throw new IllegalArgumentException("limit: must be 1.." + MAX_NAMES_LIMIT + ", got " + limit);
    }
    this.maxNames = limit;
  }

  /** Sends {@code request}'s UPDATE, alone or in a batch; {@code done} gets its outcome once. */
  void send(Request request, Consumer<UpdateOutcome> done) {
    if (maxNames == 1) {
      alone(request, done);
      return;
    }
    LaneKey key =
        new LaneKey(request.send().server(), UpdateMessages.zoneText(request.send().domain()));
    if (unanswered.contains(key)) {
      alone(request, heard(key, done));
      return;
    }
    Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
    lane.waiting.add(new Item(request, done));
    if (lane.outstanding == 0 || lane.waiting.size() >= maxNames) {
      flush(key, lane);
    }
  }

  /** The step rendered on its own and sent; its outcome is its transaction's. */
  private void alone(Request request, Consumer<UpdateOutcome> done) {
    byte[] update;
    try {
      update =
          UpdateMessages.render(
              request.kind(),
              request.send().step(),
              request.ncr(),
              request.send().domain(),
              ids.getAsInt());
    } catch (RuntimeException e) {
      done.accept(new UpdateOutcome.NotBuilt(e.toString()));
      return;
    }
    exchange.send(update, request.send().server(), request.timeout(), request.forceTcp(), done);
  }

  /** Sends what waits in {@code lane} (up to the limit, one step per name) as one exchange. */
  private void flush(LaneKey key, Lane lane) {
    if (unanswered.contains(key)) {
      // The batch ahead of these got no answer: they go alone (see the field).
      while (!lane.waiting.isEmpty()) {
        Item item = lane.waiting.poll();
        alone(item.request, heard(key, item.done));
      }
      if (lane.outstanding == 0) {
        lanes.remove(key);
      }
      return;
    }
    List<Item> batch = take(lane);
    lane.outstanding++;
    Runnable finished =
        () -> {
          lane.outstanding--;
          if (!lane.waiting.isEmpty()) {
            flush(key, lane);
          } else if (lane.outstanding == 0) {
            lanes.remove(key);
          }
        };
    if (batch.size() == 1) {
      Item only = batch.get(0);
      alone(
          only.request,
          outcome -> {
            only.done.accept(outcome);
            finished.run();
          });
      return;
    }
    Request first = batch.get(0).request;
    byte[] update;
    try {
      UpdateWire wire = new UpdateWire(key.zone);
      for (Item item : batch) {
        UpdateMessages.write(
            item.request.kind(), item.request.send().step(), item.request.ncr(), wire);
      }
      update = wire.toWire(ids.getAsInt());
    } catch (RuntimeException e) {
      split(batch, key, e.toString());
      finished.run();
      return;
    }
    stats.increment(D2Stats.UPDATE_BATCHES);
    stats.add(D2Stats.UPDATE_BATCHED_NAMES, batch.size());
    exchange.send(
        update,
        key.server,
        first.timeout(),
        first.forceTcp(),
        outcome -> {
          if (outcome instanceof UpdateOutcome.Answered a && a.rcode() == Rcode.NOERROR) {
            batch.forEach(item -> item.done.accept(outcome));
          } else {
            if (outcome instanceof UpdateOutcome.TimedOut
                || outcome instanceof UpdateOutcome.IoFailed) {
              unanswered.add(key);
            }
            split(batch, key, String.valueOf(outcome));
          }
          finished.run();
        });
  }

  /** Nothing of the batch was applied: each step goes out alone, in the batch's order. */
  private void split(List<Item> batch, LaneKey key, String why) {
    stats.increment(D2Stats.UPDATE_BATCH_SPLITS);
    if (D2Log.DHCP_DDNS_UPDATE_BATCH_SPLIT.enabled()) {
      D2Log.DHCP_DDNS_UPDATE_BATCH_SPLIT.log(batch.size(), key.zone, key.server.label(), why);
    }
    for (Item item : batch) {
      alone(item.request, heard(key, item.done));
    }
  }

  /** {@code done}, after ending {@code key}'s unanswered state when the server answered. */
  private Consumer<UpdateOutcome> heard(LaneKey key, Consumer<UpdateOutcome> done) {
    return outcome -> {
      if (outcome instanceof UpdateOutcome.Answered) {
        unanswered.remove(key);
      }
      done.accept(outcome);
    };
  }

  /** Up to the limit of waiting steps, in order, at most one per name (case-insensitive). */
  private List<Item> take(Lane lane) {
    List<Item> out = new ArrayList<>(Math.min(maxNames, lane.waiting.size()));
    Set<String> names = new HashSet<>();
    for (Iterator<Item> it = lane.waiting.iterator(); it.hasNext() && out.size() < maxNames; ) {
      Item item = it.next();
      if (names.add(owner(item.request))) {
        out.add(item);
        it.remove();
      }
    }
    return out;
  }

  /** The name a step's records are at, lower-cased (RFC 4343). */
  private static String owner(Request request) {
    String name =
        request.send().step().direction() == Direction.FORWARD
            ? request.ncr().fqdn().text()
            : ReverseNames.of(request.ncr().address());
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Steps that may share a message: same server (address, port, key) and zone. Its equals and
   * hashCode are written out: a record's generated ones are bootstrapped through method handles at
   * their first call, which spun some 17 classes on the event loop on the first NCR's way (issue
   * 14, start-to-serving).
   */
  private record LaneKey(DnsServer server, String zone) {
    @Override
    public boolean equals(Object o) {
      return o instanceof LaneKey k && server.equals(k.server) && zone.equals(k.zone);
    }

    @Override
    public int hashCode() {
      return 31 * server.hashCode() + zone.hashCode();
    }
  }

  private record Item(Request request, Consumer<UpdateOutcome> done) {}

  /** One server and zone's exchanges outstanding and steps waiting to be packed. */
  private static final class Lane {
    final ArrayDeque<Item> waiting = new ArrayDeque<>();
    int outstanding;
  }
}
