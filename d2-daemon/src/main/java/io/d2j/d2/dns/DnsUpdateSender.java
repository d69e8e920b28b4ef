package io.d2j.d2.dns;

import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.d2.update.UpdateSender;
import io.d2j.keacontrol.stats.Statistics;
import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * The dispatcher's {@link UpdateSender} in production: renders the UPDATE a transaction step asked
 * for ({@link UpdateMessages#render}, d2j's own renderer), alone or packed with others ({@link
 * UpdateBatcher}, {@code max-names-per-update}), and has the {@link DnsUpdateClient} send it. A
 * message that cannot be built is an outcome ({@link UpdateOutcome.NotBuilt}), not an exception.
 * Runs on the D2 event loop, as the client does.
 */
public final class DnsUpdateSender implements UpdateSender {

  private final DnsUpdateClient client;
  private final UpdateBatcher batcher;
  private final SecureRandom ids;

  public DnsUpdateSender(DnsUpdateClient client, Statistics stats) {
    this.client = client;
    // A fresh, unpredictable ID per UPDATE (RFC 5452 §9.2), as dnsjava's own messages get.
    this.ids = new SecureRandom();
    this.batcher =
        new UpdateBatcher(
            (update, server, timeout, forceTcp, done) ->
                client
                    .send(update, server, timeout, forceTcp)
                    .onComplete(
                        ar ->
                            done.accept(
                                ar.succeeded()
                                    ? ar.result()
                                    : new UpdateOutcome.IoFailed(String.valueOf(ar.cause())))),
            () -> ids.nextInt(0x10000),
            stats);
  }

  /**
   * Draws one ID and drops it: the generator's first draw seeds its mixing generator (SHA1PRNG over
   * /dev/urandom), which would otherwise happen on the first UPDATE's way (issue 14). Call on the
   * D2 event loop at start.
   */
  public void prime() {
    ids.nextInt(0x10000);
  }

  @Override
  public void send(Request request, Consumer<UpdateOutcome> done) {
    batcher.send(request, done);
  }

  @Override
  public void maxUpdatesPerServer(int limit) {
    client.maxUpdatesPerServer(limit);
  }

  @Override
  public void maxNamesPerUpdate(int limit) {
    batcher.maxNames(limit);
  }

  @Override
  public void close() {
    client.close();
  }
}
