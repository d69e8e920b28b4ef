package io.d2j.d2.runtime;

import io.d2j.d2.config.D2Config;
import io.d2j.d2.config.NcrAuthSettings;
import io.d2j.d2.config.SenderRateLimitSettings;
import io.d2j.d2.control.Backlog;
import io.d2j.d2.control.BacklogSource;
import io.d2j.d2.listener.NcrAuthPolicy;
import io.d2j.d2.listener.NcrListener;
import io.d2j.d2.listener.SenderFilter;
import io.d2j.d2.listener.SenderRateLimit;
import io.d2j.d2.log.D2Log;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.update.Dispatcher;
import io.d2j.d2.update.Intake;
import io.d2j.d2.update.ShutdownType;
import io.d2j.d2.update.UpdateSender;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.ncr.auth.NcrAuthKey;
import io.d2j.ncr.auth.NcrVerifier;
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

  /** Complete once the receive path is warm (or the warm-up is off, or gave up). */
  private final CompletableFuture<Void> warm = new CompletableFuture<>();

  private Thread warmer;

  /** What {@link #auth} was built from; null when off. Confined to the loop (and start). */
  private java.util.List<Object> authInForce;

  private NcrAuthPolicy auth = NcrAuthPolicy.OFF;
  private SenderRateLimitSettings rateInForce;
  private SenderRateLimit rate = SenderRateLimit.OFF;

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

  /**
   * Binds the NCR socket and starts serving, after what a previous run left in the journal; then
   * warms the receive path up in the background ({@link #warm()}).
   */
  public void start() throws IOException {
    // What the previous run left is queued before any new NCR: the journal is read in order.
    loop.execute(dispatcher::pump);
    listener = listen(new InetSocketAddress(config.ipAddress(), config.port()));
    D2Log.DHCP_DDNS_STARTED.log(
        listener.localAddress(), config.forwardDomains().size(), config.reverseDomains().size());
    warmUp(listener);
  }

  /**
   * Runs {@link #WARM_UP} datagrams through the receive path on a throwaway socket (issue 16 item
   * 3), on a thread of its own, after the NCR socket is bound: the socket takes NCRs from the first
   * moment (what arrives meanwhile waits in its kernel buffer or is read at once, and warms the
   * same code), and the rest of start-up and the first NCRs do not wait for the JIT (issue 14). The
   * warm-up gives way whenever the socket receives ({@link NcrListener#warmUp}).
   */
  private void warmUp(NcrListener serving) {
    if (WARM_UP <= 0) {
      warm.complete(null);
      return;
    }
    warmer =
        new Thread(
            () -> {
              long t0 = System.nanoTime();
              try {
                // The sample is encoded here, not on the starting thread: NCR encoding (Jackson's
                // generator, the expiry's formatter) is not on the way to serving (issue 14).
                byte[] sample = warmUpSample();
                int done = NcrListener.warmUp(codec, sample, WARM_UP, serving);
                D2Log.DHCP_DDNS_RECEIVE_WARMED.log(
                    done, serving.datagramsReceived(), (System.nanoTime() - t0) / 1_000_000);
              } catch (IOException | RuntimeException e) {
                D2Log.DHCP_DDNS_RECEIVE_WARM_UP_FAILED.log(e.toString());
              } finally {
                warm.complete(null);
              }
            },
            "d2j-receive-warmup");
    warmer.setDaemon(true);
    warmer.start();
  }

  /**
   * Completes once the receive path has been warmed up (at once when the warm-up is off): the
   * daemon then tells systemd it is ready, so units ordered after it (d2j-dhcp4) start sending to a
   * compiled receive path.
   */
  public CompletableFuture<Void> warm() {
    return warm;
  }

  private void stopWarmUp() {
    Thread t = warmer;
    if (t != null) {
      t.interrupt();
    }
  }

  private NcrListener listen(InetSocketAddress address) throws IOException {
    return NcrListener.start(
        address,
        config.d2j().receiveBufferBytes(),
        codec,
        stats,
        dispatcher::submit,
        config.d2j().acks(),
        senders(config),
        authentication(config),
        rateLimit(config));
  }

  /**
   * Datagrams run through the receive path once the NCR socket is bound, so that a burst soon after
   * start is read by compiled code (issue 16 item 3); the system property {@code
   * d2j.receive.warmup} changes it (0: none; d2-daemon's own in-process tests, which are not about
   * a cold start, use 0 to save time).
   */
  static final int WARM_UP = Integer.getInteger("d2j.receive.warmup", 20_000);

  /** A typical NCR, as DHCP servers send them, for the warm-up. */
  private byte[] warmUpSample() {
    io.d2j.ncr.NameChangeRequest ncr =
        io.d2j.ncr.NameChangeRequest.builder()
            .type(io.d2j.ncr.ChangeType.ADD)
            .fqdn("warm-up.example.org.")
            .address("192.0.2.1")
            .dhcid("0001010203040506070809")
            .forward(true)
            .reverse(true)
            .leaseLength(3600)
            .build();
    return io.d2j.ncr.NcrFraming.encode(ncr, codec);
  }

  /**
   * Signatures required or not; the policy in force (and so its replay windows) is kept while
   * neither the settings nor the keys' secrets change.
   */
  private NcrAuthPolicy authentication(D2Config c) {
    java.util.Optional<NcrAuthSettings> a = c.d2j().ncrAuthentication();
    if (a.isEmpty()) {
      authInForce = null;
      auth = NcrAuthPolicy.OFF;
      return auth;
    }
    io.d2j.tsig.TsigKeyRing ring = new io.d2j.tsig.TsigKeyRing(c.tsigKeys());
    java.util.List<NcrAuthKey> keys = new java.util.ArrayList<>();
    for (String name : a.get().keys()) {
      // The parser checked that each exists with HMAC-SHA256.
      keys.add(new NcrAuthKey(name, ring.find(name).orElseThrow().secret().bytes()));
    }
    java.util.List<Object> wanted = java.util.List.of(a.get(), keys);
    if (!wanted.equals(authInForce)) {
      authInForce = wanted;
      auth =
          NcrAuthPolicy.required(
              new NcrVerifier(keys, a.get().timeWindow(), java.time.Clock.systemUTC()),
              SenderFilter.parse(a.get().unsignedSenders()));
    }
    return auth;
  }

  /** The per-source limit, kept (with its buckets) while its settings do not change. */
  private SenderRateLimit rateLimit(D2Config c) {
    java.util.Optional<SenderRateLimitSettings> r = c.d2j().senderRateLimit();
    if (r.isEmpty()) {
      rateInForce = null;
      rate = SenderRateLimit.OFF;
    } else if (!r.get().equals(rateInForce)) {
      rateInForce = r.get();
      rate = SenderRateLimit.of(r.get().perSecond(), r.get().burst(), System::nanoTime);
    }
    return rate;
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
      listener.authentication(authentication(newConfig));
      listener.rateLimit(rateLimit(newConfig));
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
    stopWarmUp();
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
    stopWarmUp();
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
