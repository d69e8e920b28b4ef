package io.d2j.dhcp4.ddns;

import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.ExecutorScheduler;
import io.d2j.keacontrol.time.Scheduler;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The DDNS shell: lease events in, NameChangeRequests out through a non-blocking {@link
 * NcrUdpSender} (the packet thread only queues; the sender's own thread writes). Which NCRs is
 * {@link NcrPolicy}'s business, with the parameters of the lease's subnet; retries wait on the
 * shared {@link Scheduler} (one thread of their own in production, virtual time in tests).
 *
 * <p>Unlike Kea (spec §1.2), a failed send never switches DDNS off: the NCR is offered again, up to
 * {@link #MAX_ATTEMPTS} times with a growing pause, and when that fails too it is counted ({@code
 * ncr-send-failed}) and logged with the NCR ({@code DHCP4_DDNS_REQUEST_SEND_FAILED}); every other
 * NCR still goes. Counters: {@code ncr-sent}, {@code ncr-send-retried}, {@code ncr-send-failed},
 * {@code ncr-build-failed}.
 */
public final class NcrEmitter implements LeaseEvents, AutoCloseable {

  /** Tries per NCR in plain UDP mode (ack mode retransmits on its own, to its deadline). */
  public static final int MAX_ATTEMPTS = 3;

  public static final Duration FIRST_RETRY = Duration.ofMillis(500);

  /** Where NCRs go: the UDP sender in production. */
  public interface Sink {
    /** Queues one NCR without blocking; the future says whether it left. */
    CompletableFuture<Void> send(NameChangeRequest ncr);

    void close();
  }

  private final LongFunction<Optional<DdnsParams>> subnets;
  private final Sink sender;
  private final Statistics stats;
  private final Scheduler retries;
  private final int attempts;
  private volatile boolean closed;

  /**
   * @param subnets each subnet's DDNS parameters by subnet id (empty: the subnet is gone)
   * @param retries where a failed send waits for its next try
   * @param attempts tries per NCR before it counts as failed
   */
  public NcrEmitter(
      LongFunction<Optional<DdnsParams>> subnets,
      Sink sender,
      Statistics stats,
      Scheduler retries,
      int attempts) {
    this.subnets = subnets;
    this.sender = sender;
    this.stats = stats;
    this.retries = retries;
    this.attempts = attempts;
  }

  /**
   * Opens the sender {@code link} describes (it must have updates enabled), with its retries on a
   * thread of their own.
   */
  public static NcrEmitter open(
      DhcpDdns link, LongFunction<Optional<DdnsParams>> subnets, Statistics stats, Clock clock)
      throws IOException {
    if (!link.enableUpdates()) {
      throw new IllegalArgumentException("dhcp-ddns: enable-updates is false");
    }
    NcrJsonCodec codec = NcrJsonCodec.compatible(clock);
    NcrUdpSender sender;
    try {
      sender =
          link.acks()
              ? NcrUdpSender.openAcked(
                  link.server(), link.sender(), codec, link.maxQueueSize(), AckPolicy.DEFAULT)
              : NcrUdpSender.open(link.server(), link.sender(), codec, link.maxQueueSize());
    } catch (java.net.BindException e) {
      throw new IOException("/Dhcp4/dhcp-ddns (sender-ip, sender-port): " + e.getMessage(), e);
    }
    link.signingKey().ifPresent(k -> sender.signWith(new NcrSigner(k, clock)));
    Dhcp4Log.DHCP4_DDNS_SENDER_STARTED.log(
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
    // Ack mode retransmits on its own until its deadline; plain UDP gets our bounded retries.
    return new NcrEmitter(
        subnets,
        sink,
        stats,
        new ExecutorScheduler("d2j-dhcp4-ncr-retry"),
        link.acks() ? 1 : MAX_ATTEMPTS);
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
    return subnets.apply(lease.subnetId()).orElse(DdnsParams.DEFAULTS.withUpdatesEnabled(true));
  }

  private void emit(Lease4 lease, Supplier<List<NameChangeRequest>> policy) {
    List<NameChangeRequest> ncrs;
    try {
      ncrs = policy.get();
    } catch (IllegalArgumentException e) {
      stats.increment("ncr-build-failed");
      Dhcp4Log.DHCP4_DDNS_NCR_BUILD_FAILED.log(
          IpAddresses.format(lease.address()), lease.hostname(), e.getMessage());
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
                Dhcp4Log.DHCP4_DDNS_REQUEST_SENT.log(ncr);
              } else if (attempt < attempts) {
                Duration delay = FIRST_RETRY.multipliedBy(1L << (attempt - 1));
                if (!closed) {
                  retries.schedule(delay, () -> send(ncr, attempt + 1));
                  stats.increment("ncr-send-retried");
                  Dhcp4Log.DHCP4_DDNS_REQUEST_SEND_RETRY.log(
                      attempt, attempts, delay.toMillis(), failure.getMessage());
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
    Dhcp4Log.DHCP4_DDNS_REQUEST_SEND_FAILED.log(attempt, ncr, failure.getMessage());
  }

  /** Stops sending; a retry still waiting is not made (the NCR counts as failed if it comes). */
  @Override
  public void close() {
    closed = true;
    if (retries instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the retry scheduler", e);
      }
    }
    sender.close();
  }
}
