package io.d2j.d2.runtime;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.dns.DnsUpdateClient;
import io.d2j.d2.domain.DomainMatcher;
import io.d2j.d2.listener.NcrListener;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.stats.Statistics;
import io.d2j.d2.transaction.Action;
import io.d2j.d2.transaction.Transaction;
import io.d2j.d2.transaction.TransactionPolicy;
import io.d2j.d2.transaction.TransactionResult;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.d2.update.Plan;
import io.d2j.d2.update.TransactionPlanner;
import io.d2j.d2.update.UpdateManager;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O shell around the pure core: NCRs from the listener go into the {@link UpdateManager};
 * eligible ones become {@link Transaction}s whose {@link Action.Send}s are performed by the {@link
 * DnsUpdateClient}. All of the core's state is confined to one Vert.x context (the D2 event loop);
 * the listener thread only hands decoded NCRs over to it.
 */
public final class D2Process implements AutoCloseable {

  private static final Logger QUEUE = LoggerFactory.getLogger("kea-dhcp-ddns.dhcp-to-d2");
  private static final Logger DNS = LoggerFactory.getLogger("kea-dhcp-ddns.d2-to-dns");
  private static final Logger LIFE = LoggerFactory.getLogger("kea-dhcp-ddns.dhcpddns");

  /** Kea's hard-coded limits (d2-behaviour.md §8); configurable in a later version. */
  static final int MAX_QUEUE = 1024;

  static final int MAX_TRANSACTIONS = 32;
  static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

  private final Vertx vertx;
  private final Context context;
  private final Statistics stats;
  private final DnsUpdateClient dns;
  private final TransactionPolicy policy;

  /** Confined to {@link #context}. */
  private final UpdateManager manager;

  /** Confined to {@link #context}; replaced whole on reconfiguration. */
  private D2Config config;

  private TransactionPlanner planner;
  private NcrListener listener;

  public D2Process(Vertx vertx, D2Config config, Statistics stats, Clock clock) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.stats = stats;
    this.dns = new DnsUpdateClient(vertx, stats, clock);
    this.policy = TransactionPolicy.DEFAULT;
    this.manager = new UpdateManager(MAX_QUEUE, MAX_TRANSACTIONS);
    for (String name : D2Stats.GLOBALS) {
      stats.declare(name);
    }
    apply(config);
  }

  private void apply(D2Config newConfig) {
    this.config = newConfig;
    this.planner =
        new TransactionPlanner(
            new DomainMatcher(newConfig.forwardDomains()),
            new DomainMatcher(newConfig.reverseDomains()),
            policy);
    newConfig
        .tsigKeys()
        .forEach(
            k -> {
              for (String s :
                  new String[] {
                    D2Stats.UPDATE_SENT,
                    D2Stats.UPDATE_SUCCESS,
                    D2Stats.UPDATE_TIMEOUT,
                    D2Stats.UPDATE_ERROR
                  }) {
                stats.declare(D2Stats.perKey(k.name(), s));
              }
            });
  }

  /** Binds the NCR socket and starts serving. */
  public void start() throws IOException {
    listener =
        NcrListener.start(
            new InetSocketAddress(config.ipAddress(), config.port()),
            RECEIVE_BUFFER,
            NcrJsonCodec.compatible(Clock.systemUTC()),
            stats,
            ncr -> context.runOnContext(v -> accept(ncr)));
    LIFE.info(
        "DHCP_DDNS_STARTED listening for NCRs on {}; forward domains {}, reverse domains {}",
        listener.localAddress(),
        config.forwardDomains().size(),
        config.reverseDomains().size());
  }

  public InetSocketAddress ncrAddress() {
    return listener.localAddress();
  }

  private void accept(NameChangeRequest ncr) {
    if (!manager.enqueue(ncr)) {
      stats.increment(D2Stats.QUEUE_FULL);
      QUEUE.error(
          "DHCP_DDNS_QUEUE_MGR_QUEUE_FULL request={} fqdn={} queue at its limit of {}; NCR dropped",
          ncr.requestId(),
          ncr.fqdn(),
          MAX_QUEUE);
      return;
    }
    QUEUE.debug(
        "DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE request={} fqdn={} queued", ncr.requestId(), ncr.fqdn());
    pump();
  }

  /** Starts every queued NCR that may start now. */
  private void pump() {
    for (NameChangeRequest ncr : manager.takeEligible()) {
      Plan plan = planner.plan(ncr);
      if (plan instanceof Plan.Drop drop) {
        stats.increment(drop.statistic());
        QUEUE.error(
            "{} request={} fqdn={} ip={} {}",
            drop.logId(),
            ncr.requestId(),
            ncr.fqdn(),
            IpAddresses.format(ncr.address()),
            drop.reason());
        manager.finished(ncr);
        continue;
      }
      Transaction t = ((Plan.Run) plan).transaction();
      DNS.debug(
          "DHCP_DDNS_STARTING_TRANSACTION request={} fqdn={} kind={}",
          ncr.requestId(),
          ncr.fqdn(),
          t.kind());
      drive(t, t.start());
    }
  }

  private void drive(Transaction t, Action action) {
    if (action instanceof Action.Finished f) {
      finish(t, f.result());
      return;
    }
    Action.Send send = (Action.Send) action;
    NameChangeRequest ncr = t.ncr();
    DNS.debug(
        "DHCP_DDNS_UPDATE_REQUEST_SENT request={} fqdn={} step=\"{}\" server={} attempt={}",
        ncr.requestId(),
        ncr.fqdn(),
        send.step().label(),
        send.server().label(),
        send.attempt());
    dns.perform(t.kind(), send, ncr, config.dnsServerTimeout())
        .onComplete(
            ar -> {
              UpdateOutcome outcome =
                  ar.succeeded()
                      ? ar.result()
                      : new UpdateOutcome.IoFailed(String.valueOf(ar.cause()));
              logOutcome(t, send, outcome);
              drive(t, t.onOutcome(outcome));
            });
  }

  private static void logOutcome(Transaction t, Action.Send send, UpdateOutcome outcome) {
    NameChangeRequest ncr = t.ncr();
    DNS.debug(
        "DHCP_DDNS_UPDATE_RESPONSE_RECEIVED request={} fqdn={} step=\"{}\" server={} outcome={}",
        ncr.requestId(),
        ncr.fqdn(),
        send.step().label(),
        send.server().label(),
        outcome);
    String suffix;
    if (outcome instanceof UpdateOutcome.TimedOut) {
      suffix = "TIMEOUT";
    } else if (outcome instanceof UpdateOutcome.IoFailed) {
      suffix = "IO_ERROR";
    } else if (outcome instanceof UpdateOutcome.BadResponse) {
      suffix = "RESP_CORRUPT";
    } else {
      return;
    }
    DNS.error(
        "DHCP_DDNS_{}_{} request={} fqdn={} server={} attempt={} {}",
        send.step().logId(),
        suffix,
        ncr.requestId(),
        ncr.fqdn(),
        send.server().label(),
        send.attempt(),
        outcome);
  }

  private void finish(Transaction t, TransactionResult result) {
    NameChangeRequest ncr = t.ncr();
    String kind = ncr.type() == io.d2j.ncr.ChangeType.ADD ? "ADD" : "REMOVE";
    if (result.succeeded()) {
      stats.increment(D2Stats.NCR_COMPLETED);
      DNS.info(
          "DHCP_DDNS_{}_SUCCEEDED request={} fqdn={} ip={} forward={} reverse={}",
          kind,
          ncr.requestId(),
          ncr.fqdn(),
          IpAddresses.format(ncr.address()),
          result.forward(),
          result.reverse());
    } else {
      stats.increment(D2Stats.NCR_FAILED);
      DNS.error(
          "DHCP_DDNS_{}_FAILED request={} fqdn={} ip={} event={} forward={} reverse={} {}",
          kind,
          ncr.requestId(),
          ncr.fqdn(),
          IpAddresses.format(ncr.address()),
          result.event(),
          result.forward(),
          result.reverse(),
          result.detail());
    }
    manager.finished(ncr);
    pump();
  }

  /** Stops listening; in-flight exchanges are abandoned (drain semantics come with shutdown). */
  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    LIFE.info("DCTL_SHUTDOWN d2j D2 shutting down");
  }

  /** For tests: waits until the queue is empty and nothing runs. */
  public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (System.nanoTime() < deadline) {
      CountDownLatch latch = new CountDownLatch(1);
      boolean[] idle = {false};
      context.runOnContext(
          v -> {
            idle[0] = manager.queued() == 0 && manager.running() == 0;
            latch.countDown();
          });
      latch.await(1, TimeUnit.SECONDS);
      if (idle[0]) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  Vertx vertx() {
    return vertx;
  }
}
