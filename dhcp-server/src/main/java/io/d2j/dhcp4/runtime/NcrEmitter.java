package io.d2j.dhcp4.runtime;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.ddns.DdnsParams;
import io.d2j.dhcp4.ddns.DhcpDdns;
import io.d2j.dhcp4.ddns.NcrPolicy;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.auth.NcrSigner;
import io.d2j.ncr.udp.AckPolicy;
import io.d2j.ncr.udp.NcrUdpSender;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DDNS shell: lease events in, NameChangeRequests out through a non-blocking {@link
 * NcrUdpSender} (the packet thread only queues; the sender's own thread writes). Which NCRs is
 * {@link NcrPolicy}'s business, with the parameters of the lease's subnet.
 *
 * <p>Unlike Kea (spec §1.2), a failed send never switches DDNS off: the NCR is offered again, up to
 * {@link #MAX_ATTEMPTS} times with a growing pause, and when that fails too it is counted ({@code
 * ncr-send-failed}) and logged with the NCR ({@code DHCP4_DDNS_REQUEST_SEND_FAILED}); every other
 * NCR still goes. Counters: {@code ncr-sent}, {@code ncr-send-retried}, {@code ncr-send-failed},
 * {@code ncr-build-failed}.
 */
final class NcrEmitter implements LeaseEvents, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.ddns");

  /** Tries per NCR in plain UDP mode (ack mode retransmits on its own, to its deadline). */
  static final int MAX_ATTEMPTS = 3;

  static final Duration FIRST_RETRY = Duration.ofMillis(500);

  /** Where NCRs go: the UDP sender in production. */
  interface Sink {
    /** Queues one NCR without blocking; the future says whether it left. */
    CompletableFuture<Void> send(NameChangeRequest ncr);

    void close();
  }

  /** Runs retries later: a timer thread in production, the test's hand in tests. */
  interface Retries {
    /** Runs {@code task} after {@code delay}; false when closed. */
    boolean schedule(Runnable task, Duration delay);

    void close();
  }

  private final Dhcp4Config config;
  private final Sink sender;
  private final Dhcp4Stats stats;
  private final Retries retries;
  private final int attempts;

  /**
   * @param attempts tries per NCR before it counts as failed
   */
  NcrEmitter(Dhcp4Config config, Sink sender, Dhcp4Stats stats, Retries retries, int attempts) {
    this.config = config;
    this.sender = sender;
    this.stats = stats;
    this.retries = retries;
    this.attempts = attempts;
  }

  /** Opens the sender {@code config.dhcpDdns()} describes; it must have updates enabled. */
  static NcrEmitter open(Dhcp4Config config, Dhcp4Stats stats, Clock clock) throws IOException {
    DhcpDdns link = config.dhcpDdns();
    if (!link.enableUpdates()) {
      throw new IllegalArgumentException("dhcp-ddns: enable-updates is false");
    }
    NcrJsonCodec codec = NcrJsonCodec.compatible(clock);
    NcrUdpSender sender =
        link.acks()
            ? NcrUdpSender.openAcked(
                link.server(), link.sender(), codec, link.maxQueueSize(), AckPolicy.DEFAULT)
            : NcrUdpSender.open(link.server(), link.sender(), codec, link.maxQueueSize());
    link.signingKey().ifPresent(k -> sender.signWith(new NcrSigner(k, clock)));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "d2j-dhcp4-ncr-retry");
              t.setDaemon(true);
              return t;
            });
    LOG.info(
        "DHCP4_DDNS_SENDER_STARTED NCRs to {} port {}{}",
        IpAddresses.format(link.server().getAddress()),
        link.server().getPort(),
        (link.acks() ? " (d2j acknowledged delivery)" : "")
            + link.signingKey().map(k -> " signed with key " + k.name()).orElse(""));
    Sink sink =
        new Sink() {
          @Override
          public CompletableFuture<Void> send(NameChangeRequest ncr) {
            return sender.send(ncr);
          }

          @Override
          public void close() {
            sender.close();
          }
        };
    Retries retries =
        new Retries() {
          @Override
          public boolean schedule(Runnable task, Duration delay) {
            try {
              timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
              return true;
            } catch (RejectedExecutionException closed) {
              return false;
            }
          }

          @Override
          public void close() {
            timer.shutdownNow();
          }
        };
    // Ack mode retransmits on its own until its deadline; plain UDP gets our bounded retries.
    return new NcrEmitter(config, sink, stats, retries, link.acks() ? 1 : MAX_ATTEMPTS);
  }

  @Override
  public void onAllocated(Lease4 lease) {
    emit(lease, () -> NcrPolicy.allocated(lease, params(lease)));
  }

  @Override
  public void onRenewed(Lease4 previous, Lease4 renewed) {
    emit(renewed, () -> NcrPolicy.renewed(previous, params(previous), renewed, params(renewed)));
  }

  @Override
  public void onReleased(Lease4 lease) {
    emit(lease, () -> NcrPolicy.removed(lease, params(lease)));
  }

  @Override
  public void onDeclined(Lease4 previous) {
    emit(previous, () -> NcrPolicy.removed(previous, params(previous)));
  }

  @Override
  public void onReclaimed(Lease4 lease) {
    emit(lease, () -> NcrPolicy.removed(lease, params(lease)));
  }

  /** The lease's subnet's parameters; a subnet gone from the configuration sends as the globals. */
  private DdnsParams params(Lease4 lease) {
    return config
        .subnet(lease.subnetId())
        .map(Subnet4::ddns)
        .orElse(DdnsParams.DEFAULTS.withUpdatesEnabled(true));
  }

  private void emit(Lease4 lease, Supplier<List<NameChangeRequest>> policy) {
    List<NameChangeRequest> ncrs;
    try {
      ncrs = policy.get();
    } catch (IllegalArgumentException e) {
      stats.increment("ncr-build-failed");
      LOG.warn(
          "DHCP4_DDNS_NCR_BUILD_FAILED lease {} name '{}': {}",
          IpAddresses.format(lease.address()),
          lease.hostname(),
          e.getMessage());
      return;
    }
    for (NameChangeRequest ncr : ncrs) {
      send(ncr, 1);
    }
  }

  private void send(NameChangeRequest ncr, int attempt) {
    sender
        .send(ncr)
        .whenComplete(
            (ok, thrown) -> {
              Throwable failure =
                  thrown instanceof java.util.concurrent.CompletionException
                          && thrown.getCause() != null
                      ? thrown.getCause()
                      : thrown;
              if (failure == null) {
                stats.increment("ncr-sent");
                LOG.debug("DHCP4_DDNS_REQUEST_SENT {}", ncr);
              } else if (attempt < attempts) {
                Duration delay = FIRST_RETRY.multipliedBy(1L << (attempt - 1));
                if (retries.schedule(() -> send(ncr, attempt + 1), delay)) {
                  stats.increment("ncr-send-retried");
                  LOG.info(
                      "DHCP4_DDNS_REQUEST_SEND_RETRY attempt {} of {} failed, next in {} ms: {}",
                      attempt,
                      attempts,
                      delay.toMillis(),
                      failure.getMessage());
                } else {
                  failed(ncr, attempt, failure);
                }
              } else {
                failed(ncr, attempt, failure);
              }
            });
  }

  private void failed(NameChangeRequest ncr, int attempt, Throwable failure) {
    stats.increment("ncr-send-failed");
    LOG.warn(
        "DHCP4_DDNS_REQUEST_SEND_FAILED after {} attempt(s), DDNS stays on for other requests: {}"
            + " ({})",
        attempt,
        ncr,
        failure.getMessage());
  }

  @Override
  public void close() {
    retries.close();
    sender.close();
  }
}
