package io.d2j.d2.dns;

import io.d2j.d2.domain.DnsServer;
import io.d2j.d2.transaction.UpdateOutcome;
import io.d2j.keacontrol.time.Scheduler;
import io.d2j.tsig.dnsjava.ReplyCheck;
import io.d2j.tsig.dnsjava.SignedRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.time.Duration;

/**
 * One UPDATE exchange over TCP (RFC 1035 §4.2.2): the message prefixed with its length as two
 * octets, big-endian, and the reply read the same way. One connection per exchange, closed after
 * the reply; the whole exchange (connect, send, reply) is bounded by {@code timeout}. A reply with
 * another ID is skipped and reading goes on; the reply is judged by the same {@link
 * SignedRequest#check} as over UDP, so TSIG is verified exactly as there.
 *
 * <p>Never blocks: runs on the caller's Vert.x context.
 */
final class TcpExchange {

  private final Scheduler scheduler;
  private final NetClient client;
  private final SignedRequest request;
  private final Promise<UpdateOutcome> promise = Promise.promise();
  private Buffer pending = Buffer.buffer();
  private NetSocket socket;
  private Scheduler.Timer timer;

  private TcpExchange(Scheduler scheduler, NetClient client, SignedRequest request) {
    this.scheduler = scheduler;
    this.client = client;
    this.request = request;
  }

  static Future<UpdateOutcome> run(
      Scheduler scheduler,
      NetClient client,
      SignedRequest request,
      DnsServer server,
      Duration timeout) {
    TcpExchange x = new TcpExchange(scheduler, client, request);
    x.start(server, timeout);
    return x.promise.future();
  }

  private void start(DnsServer server, Duration timeout) {
    byte[] wire = request.wire();
    if (wire.length > 0xffff) {
      finish(new UpdateOutcome.NotBuilt("message of " + wire.length + " octets exceeds 65535"));
      return;
    }
    timer = scheduler.schedule(timeout, () -> finish(new UpdateOutcome.TimedOut()));
    client
        .connect(server.port(), server.address().getHostAddress())
        .onFailure(e -> finish(new UpdateOutcome.IoFailed("TCP: " + e)))
        .onSuccess(
            s -> {
              socket = s;
              if (promise.future().isComplete()) {
                s.close();
                return;
              }
              s.handler(this::onData);
              s.exceptionHandler(e -> finish(new UpdateOutcome.IoFailed("TCP: " + e)));
              s.closeHandler(
                  v -> finish(new UpdateOutcome.IoFailed("TCP: connection closed before a reply")));
              Buffer out = Buffer.buffer(wire.length + 2);
              out.appendUnsignedShort(wire.length).appendBytes(wire);
              s.write(out);
            });
  }

  private void onData(Buffer data) {
    pending.appendBuffer(data);
    while (pending.length() >= 2) {
      int length = pending.getUnsignedShort(0);
      if (pending.length() < 2 + length) {
        return;
      }
      byte[] message = pending.getBytes(2, 2 + length);
      pending = pending.getBuffer(2 + length, pending.length());
      ReplyCheck check = request.check(message);
      if (check instanceof ReplyCheck.Valid v) {
        finish(new UpdateOutcome.Answered(v.reply().getHeader().getRcode()));
        return;
      } else if (check instanceof ReplyCheck.Invalid inv) {
        if (inv.reason() != ReplyCheck.Reason.ID_MISMATCH) {
          finish(new UpdateOutcome.BadResponse(inv.reason() + ": " + inv.detail()));
          return;
        }
      }
    }
  }

  private void finish(UpdateOutcome outcome) {
    if (promise.future().isComplete()) {
      return;
    }
    if (timer != null) {
      timer.cancel();
    }
    if (socket != null) {
      socket.closeHandler(null);
      socket.close();
    }
    promise.complete(outcome);
  }
}
