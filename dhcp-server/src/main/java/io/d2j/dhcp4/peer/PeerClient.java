package io.d2j.dhcp4.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.ha.HaPeer;
import io.d2j.ncr.IpAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends commands to one peer (spec §6.7): {@code POST /} to its URL, {@code Content-Type:
 * application/json}, the peer's {@code Authorization: Basic} when configured, TLS with the peer's
 * PEM files for an {@code https} URL, keep-alive. The answer is the parsed body, whatever its shape
 * ({@link io.d2j.dhcp4.ha.PeerMessages} reads it); a refused connection, an HTTP status other than
 * 200, a body that is not JSON and a time-out fail the future with a reason for the log.
 */
public final class PeerClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers larger than this are refused (a sync page of 10000 leases is about 3 MB). */
  static final int MAX_ANSWER = 64 << 20;

  private final HttpClientAgent http;
  private final HaPeer peer;

  /**
   * @param peer the peer this client talks to; its own {@code tls} files (inherited from the
   *     relationship when not set per peer) are what this server trusts and presents
   */
  public PeerClient(Vertx vertx, HaPeer peer) {
    this.peer = peer;
    HttpClientOptions options =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setConnectTimeout(10_000)
            .setDefaultHost(IpAddresses.format(peer.url().address()))
            .setDefaultPort(peer.url().port());
    if (peer.url().https()) {
      peer.tls().ifPresent(tls -> PeerTls.client(options, tls));
    }
    // One connection is what Kea uses per peer without multi-threading; lease updates pipeline on
    // it in order, as the partner applies them.
    this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(2));
  }

  public HaPeer peer() {
    return peer;
  }

  /**
   * Sends {@code command} (an envelope from {@link io.d2j.dhcp4.ha.PeerMessages#command}) and
   * completes with the parsed answer body; fails after {@code timeout}.
   */
  public CompletableFuture<JsonNode> send(ObjectNode command, Duration timeout) {
    CompletableFuture<JsonNode> out = new CompletableFuture<>();
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI("/")
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    peer.basicAuth().ifPresent(a -> request.putHeader(HttpHeaders.AUTHORIZATION, a.header()));
    Buffer body = Buffer.buffer(command.toString());
    http.request(request)
        .compose(r -> r.send(body))
        .compose(
            response -> {
              if (response.statusCode() != 200) {
                return response
                    .body()
                    .compose(
                        b ->
                            Future.failedFuture(
                                new IOException(
                                    "HTTP "
                                        + response.statusCode()
                                        + " "
                                        + response.statusMessage()
                                        + snippet(b))));
              }
              return response.body();
            })
        .timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
        .onSuccess(
            b -> {
              if (b.length() > MAX_ANSWER) {
                out.completeExceptionally(new IOException("answer larger than " + MAX_ANSWER));
                return;
              }
              try {
                JsonNode parsed = JSON.readTree(b.getBytes());
                if (parsed == null || parsed.isMissingNode()) {
                  out.completeExceptionally(new IOException("empty answer"));
                } else {
                  out.complete(parsed);
                }
              } catch (IOException e) {
                out.completeExceptionally(new IOException("answer is not JSON: " + e.getMessage()));
              }
            })
        .onFailure(out::completeExceptionally);
    return out;
  }

  private static String snippet(Buffer body) {
    String text = body.toString().strip();
    return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text);
  }

  @Override
  public void close() {
    try {
      http.close().await(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      // closing: nothing more to send
    }
  }
}
