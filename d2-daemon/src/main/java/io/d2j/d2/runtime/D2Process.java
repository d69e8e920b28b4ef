package io.d2j.d2.runtime;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.control.Backlog;
import io.d2j.d2.control.BacklogSource;
import io.d2j.d2.listener.NcrListener;
import io.d2j.d2.listener.SenderFilter;
import io.d2j.d2.log.D2Log;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.update.Dispatcher;
import io.d2j.d2.update.Intake;
import io.d2j.d2.update.ShutdownType;
import io.d2j.d2.update.UpdateSender;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.NcrJsonCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The NCR pipeline's lifecycle: binds the {@link NcrListener} in front of the {@link Dispatcher}
 * and starts it, moves the listener when a new configuration changes its address, and drains and
 * closes. What runs, and how, is the dispatcher's business; {@link D2Daemon} builds both.
 *
 * <p>Confined to the D2 event loop (the {@link Scheduler}'s thread) except {@link #start} and
 * {@link #close}; the listener's threads only hand NCRs over to the dispatcher.
 */
public final class D2Process implements AutoCloseable, BacklogSource {

  private final Dispatcher dispatcher;
  private final Intake intake;
  private final UpdateSender sender;
  private final Scheduler loop;
  private final Statistics stats;
  private final NcrJsonCodec codec;

  /** Confined to the loop; replaced whole on reconfiguration. */
  private D2Config config;

  private NcrListener listener;

  D2Process(
      D2Config config,
      Dispatcher dispatcher,
      Intake intake,
      UpdateSender sender,
      Scheduler loop,
      Statistics stats,
      NcrJsonCodec codec) {
    this.config = config;
    this.dispatcher = dispatcher;
    this.intake = intake;
    this.sender = sender;
    this.loop = loop;
    this.stats = stats;
    this.codec = codec;
    D2Stats.followKeys(stats, Set.of(), keyNames(config));
  }

  private static Set<String> keyNames(D2Config config) {
    Set<String> out = new HashSet<>();
    config.tsigKeys().forEach(k -> out.add(k.name()));
    return out;
  }

  /** Binds the NCR socket and starts serving, after what a previous run left in the journal. */
  public void start() throws IOException {
    // What the previous run left is queued before any new NCR: the journal is read in order.
    loop.execute(dispatcher::pump);
    listener = listen(new InetSocketAddress(config.ipAddress(), config.port()));
    D2Log.DHCP_DDNS_STARTED.log(
        listener.localAddress(), config.forwardDomains().size(), config.reverseDomains().size());
  }

  private NcrListener listen(InetSocketAddress address) throws IOException {
    return NcrListener.start(
        address,
        config.d2j().receiveBufferBytes(),
        codec,
        stats,
        dispatcher::submit,
        config.d2j().acks(),
        senders(config));
  }

  /** Who may send NCRs: as configured, else loopback and the listening address. */
  private static SenderFilter senders(D2Config c) {
    return c.d2j().allowedSenders().isEmpty()
        ? SenderFilter.defaultFor(c.ipAddress())
        : SenderFilter.parse(c.d2j().allowedSenders());
  }

  /**
   * Swaps in a new configuration (config-set, config-reload, SIGHUP; d2-behaviour.md §5.6). Queued
   * NCRs stay queued and in-flight transactions finish with the domains and servers they started
   * with; new ones are planned with the new domains. When the NCR address or port changed, the new
   * socket is bound before the old one closes, so a failure leaves everything as it was. On the
   * event loop.
   *
   * @throws IOException when the new NCR address cannot be bound; nothing changed
   */
  public void reconfigure(D2Config newConfig) throws IOException {
    InetSocketAddress oldAddress = new InetSocketAddress(config.ipAddress(), config.port());
    InetSocketAddress newAddress = new InetSocketAddress(newConfig.ipAddress(), newConfig.port());
    if (listener != null && !dispatcher.draining() && !oldAddress.equals(newAddress)) {
      NcrListener moved = listen(newAddress);
      D2Log.DHCP_DDNS_QUEUE_MGR_RECONFIGURING.log(
          listener.localAddress(), moved.localAddress(), dispatcher.queued());
      listener.close();
      listener = moved;
    }
    if (!newConfig.d2j().journal().equals(config.d2j().journal())) {
      D2Log.DHCP_DDNS_JOURNAL_SETTINGS_KEPT.log();
    }
    D2Stats.followKeys(stats, keyNames(config), keyNames(newConfig));
    config = newConfig;
    dispatcher.configure(newConfig);
    if (listener != null) {
      listener.acks(newConfig.d2j().acks());
      listener.allowedSenders(senders(newConfig));
    }
    dispatcher.pump();
  }

  /** The bound NCR address; on the event loop. */
  public InetSocketAddress ncrAddress() {
    return listener.localAddress();
  }

  /**
   * Starts a shutdown (d2-behaviour.md §8.3): stops listening and completes the returned future
   * once the type's criterion holds (see {@link Dispatcher#drain}). On the event loop.
   */
  public CompletableFuture<Void> shutdown(ShutdownType type) {
    if (!dispatcher.draining() && listener != null) {
      listener.close();
    }
    return dispatcher.drain(type);
  }

  /**
   * Stops listening; in-flight exchanges are abandoned (for a graceful end, see {@link #shutdown}).
   */
  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    intake.close();
    loop.execute(sender::close);
    D2Log.DCTL_SHUTDOWN.log();
  }

  /** The active configuration; on the event loop. */
  public D2Config config() {
    return config;
  }

  /** NCRs waiting; on the event loop. */
  public int queued() {
    return dispatcher.queued();
  }

  /** Transactions running; on the event loop. */
  public int running() {
    return dispatcher.running();
  }

  /** The backlog for d2j-queue-get; on the event loop. */
  @Override
  public Backlog backlog() {
    return new Backlog(
        dispatcher.queued(),
        dispatcher.running(),
        dispatcher.waitingForRetry(),
        dispatcher.journaled(),
        dispatcher.oldestAge().toSeconds(),
        dispatcher.waitingByDomain());
  }

  /** d2j-retry-now: every NCR waiting for a retry gets its next try now; on the event loop. */
  @Override
  public int retryNow() {
    return dispatcher.retryNow();
  }
}
