package io.d2j.d2.dns;

import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.d2.update.UpdateSender;
import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * The dispatcher's {@link UpdateSender} in production: renders the UPDATE a transaction step asked
 * for ({@link UpdateMessages#render}, d2j's own renderer) and has the {@link DnsUpdateClient} send
 * it. A message that cannot be built is an outcome ({@link UpdateOutcome.NotBuilt}), not an
 * exception. Runs on the D2 event loop, as the client does.
 */
public final class DnsUpdateSender implements UpdateSender {

  private final DnsUpdateClient client;
  private final SecureRandom ids = new SecureRandom();

  public DnsUpdateSender(DnsUpdateClient client) {
    this.client = client;
  }

  @Override
  public void send(Request request, Consumer<UpdateOutcome> done) {
    byte[] update;
    try {
      // A fresh, unpredictable ID per attempt (RFC 5452 §9.2), as dnsjava's own messages get.
      update =
          UpdateMessages.render(
              request.kind(),
              request.send().step(),
              request.ncr(),
              request.send().domain(),
              ids.nextInt(0x10000));
    } catch (RuntimeException e) {
      done.accept(new UpdateOutcome.NotBuilt(e.toString()));
      return;
    }
    client
        .send(update, request.send().server(), request.timeout(), request.forceTcp())
        .onComplete(
            ar ->
                done.accept(
                    ar.succeeded()
                        ? ar.result()
                        : new UpdateOutcome.IoFailed(String.valueOf(ar.cause()))));
  }

  @Override
  public void maxUpdatesPerServer(int limit) {
    client.maxUpdatesPerServer(limit);
  }

  @Override
  public void close() {
    client.close();
  }
}
