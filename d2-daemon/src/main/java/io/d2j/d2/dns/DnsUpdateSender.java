package io.d2j.d2.dns;

import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.d2.update.UpdateSender;
import java.util.function.Consumer;
import org.xbill.DNS.Message;

/**
 * The dispatcher's {@link UpdateSender} in production: builds the UPDATE a transaction step asked
 * for ({@link UpdateMessages}) and has the {@link DnsUpdateClient} send it. A message that cannot
 * be built is an outcome ({@link UpdateOutcome.NotBuilt}), not an exception. Runs on the D2 event
 * loop, as the client does.
 */
public final class DnsUpdateSender implements UpdateSender {

  private final DnsUpdateClient client;

  public DnsUpdateSender(DnsUpdateClient client) {
    this.client = client;
  }

  @Override
  public void send(Request request, Consumer<UpdateOutcome> done) {
    Message update;
    try {
      update =
          UpdateMessages.build(
              request.kind(), request.send().step(), request.ncr(), request.send().domain());
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
