package io.d2j.dhcp4.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.ha.BasicAuth;
import io.d2j.dhcp4.ha.HaConfig;
import io.d2j.dhcp4.ha.HaPeer;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.CommandExecutor;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.ncr.IpAddresses;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP(S) listener on this server's peer URL (spec §6.7): it takes Kea's command requests
 * {@code {"command": ..., "service": ["dhcp4"], "arguments": ...}} with {@code POST}, runs them
 * through the daemon's command registry and answers as kea-ctrl-agent does, with a JSON list of one
 * answer, so a Kea partner (which forces a bare object to a failure) and a d2j partner both read
 * it.
 *
 * <pre>
 * POST / HTTP/1.1                       HTTP/1.1 200 OK
 * Authorization: Basic aGF1c2VyOmhhcGFzcw==   Content-Type: application/json
 * {"command": "ha-heartbeat",           [{"arguments": {"date-time": "...", "scopes": ["server1"],
 *  "service": ["dhcp4"]}                   "state": "load-balancing", "unsent-update-count": 0},
 *                                         "result": 0, "text": "HA peer status returned."}]
 * </pre>
 *
 * <p>Unlike Kea 2.2's dedicated listener, credentials are verified: when this server's own peer
 * entry has {@code basic-auth-user}, a request without that user and password is answered with HTTP
 * 401 (and logged). With an {@code https} URL the listener presents this server's certificate and,
 * with {@code require-client-certs}, refuses clients without one the trust anchor signed. With
 * {@code restrict-commands} only the commands a partner sends are served.
 */
public final class PeerListener implements AutoCloseable {

  /** What a partner sends (Kea's restrict-commands list, spec §6.2). */
  static final Set<String> PARTNER_COMMANDS =
      Set.of(
          "list-commands",
          "status-get",
          "dhcp-disable",
          "dhcp-enable",
          "ha-reset",
          "ha-heartbeat",
          "lease4-update",
          "lease4-del",
          "lease4-get-all",
          "lease4-get-page",
          "ha-maintenance-notify",
          "ha-sync-complete-notify");

  /** Requests larger than this are refused: a partner's commands are a few hundred bytes. */
  static final int MAX_BODY = 1 << 20;

  /** A command that takes longer is answered with an error (the partner times out at 10 s). */
  private static final long COMMAND_TIMEOUT_SECONDS = 30;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final HttpServer server;
  private final String url;

  private PeerListener(HttpServer server, String url) {
    this.server = server;
    this.url = url;
  }

  /**
   * Binds this server's peer URL ({@code this-server-name}'s {@code url}) and serves commands
   * through {@code registry} on {@code executor}.
   *
   * @throws IOException when the address cannot be bound or the TLS files cannot be read
   */
  public static PeerListener start(
      Vertx vertx, HaConfig config, CommandRegistry registry, CommandExecutor executor)
      throws IOException {
    HaPeer self = config.thisServer();
    HttpServerOptions options = new HttpServerOptions().setMaxFormAttributeSize(MAX_BODY);
    if (self.url().https()) {
      PeerTls.server(
          options,
          self.tls().orElseThrow(() -> new IOException(self.url() + ": https without TLS files")),
          config.requireClientCerts());
    }
    Context context = vertx.getOrCreateContext();
    Handler handler =
        new Handler(self.basicAuth(), config.restrictCommands(), registry, executor, context);
    HttpServer server =
        vertx
            .createHttpServer(options)
            .requestHandler(handler::handle)
            .exceptionHandler(
                e -> Dhcp4Log.HTTP_CONNECTION_HANDSHAKE_FAILED.log(self.url(), e.toString()));
    try {
      server
          .listen(self.url().port(), IpAddresses.format(self.url().address()))
          .await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException(self.url() + ": listener did not start in 10 s", e);
    } catch (RuntimeException e) {
      throw new IOException("cannot listen on " + self.url() + ": " + e.getMessage(), e);
    }
    Dhcp4Log.HA_PEER_LISTENER_STARTED.log(
        self.url(),
        self.basicAuth().isPresent() ? "basic auth required" : "no basic auth",
        self.url().https()
            ? (config.requireClientCerts() ? "TLS, client certificates required" : "TLS")
            : "plain HTTP");
    return new PeerListener(server, self.url().text());
  }

  /** The bound port (the configured one). */
  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    try {
      server.close().await(5, TimeUnit.SECONDS);
    } catch (TimeoutException | RuntimeException e) {
      Dhcp4Log.DHCP4_TIMER_FAILED.log("peer listener close " + url, e.toString(), e);
    }
  }

  /** One request: auth, body, command, answer list. */
  private record Handler(
      Optional<BasicAuth> auth,
      boolean restrict,
      CommandRegistry registry,
      CommandExecutor executor,
      Context context) {

    void handle(HttpServerRequest request) {
      String from = String.valueOf(request.remoteAddress());
      if (request.method() != HttpMethod.POST) {
        answer(request, 405, error(Answer.ERROR, "only POST is served"));
        return;
      }
      if (auth.isPresent() && !authorized(request, from)) {
        request
            .response()
            .setStatusCode(401)
            .putHeader("WWW-Authenticate", "Basic realm=\"kea-dhcp4\"")
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end("{ \"result\": 401, \"text\": \"Unauthorized\" }");
        return;
      }
      readBounded(request);
    }

    /**
     * Reads the body up to {@link #MAX_BODY} octets, then runs it. A longer one (declared in
     * Content-Length, or found so while it streams in) is answered 413 at once and the rest of it
     * is read and thrown away: never held, whatever its size.
     */
    private void readBounded(HttpServerRequest request) {
      Buffer body = Buffer.buffer();
      boolean[] refused = {false};
      Runnable refuse =
          () -> {
            refused[0] = true;
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
            answer(request, 413, error(Answer.ERROR, "request larger than " + MAX_BODY + " bytes"));
          };
      String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
      if (declared != null && declaredOver(declared)) {
        refuse.run();
      }
      request.handler(
          chunk -> {
            if (refused[0]) {
              return;
            }
            if (body.length() + chunk.length() > MAX_BODY) {
              refuse.run();
              return;
            }
            body.appendBuffer(chunk);
          });
      request.exceptionHandler(
          e -> {
            if (!refused[0] && !request.response().ended()) {
              answer(request, 400, error(Answer.ERROR, String.valueOf(e.getMessage())));
            }
          });
      request.endHandler(
          v -> {
            if (!refused[0]) {
              command(request, body);
            }
          });
    }

    private static boolean declaredOver(String contentLength) {
      try {
        return Long.parseLong(contentLength.trim()) > MAX_BODY;
      } catch (NumberFormatException e) {
        return false; // the codec refuses a malformed length itself
      }
    }

    private boolean authorized(HttpServerRequest request, String from) {
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      if (header == null) {
        Dhcp4Log.HTTP_CLIENT_REQUEST_NO_AUTH_HEADER.log(from);
        return false;
      }
      byte[] expected = auth.get().header().getBytes(StandardCharsets.UTF_8);
      if (MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
        return true;
      }
      Dhcp4Log.HTTP_CLIENT_REQUEST_NOT_AUTHORIZED.log(from, userOf(header));
      return false;
    }

    /** The user a Basic header names, for the log line (never the password). */
    private static String userOf(String header) {
      if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return "(not Basic)";
      }
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return printable(colon < 0 ? pair : pair.substring(0, colon));
      } catch (IllegalArgumentException e) {
        return "(not base64)";
      }
    }

    /** Control characters and quotes as {@code \xNN}: a user name must not forge a log line. */
    static String printable(String text) {
      StringBuilder out = new StringBuilder();
      for (char c : text.toCharArray()) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\'' || c == '"' || c == '\\') {
          out.append(String.format("\\x%02x", (int) c));
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private void command(HttpServerRequest request, Buffer body) {
      JsonNode parsed;
      try {
        parsed = CommandRegistry.parse(body.toString(StandardCharsets.UTF_8));
      } catch (CommandRegistry.RequestException e) {
        answer(request, 400, error(Answer.ERROR, e.getMessage()));
        return;
      }
      Optional<String> refusal = refusal(parsed);
      if (refusal.isPresent()) {
        answer(request, 200, error(Answer.ERROR, refusal.get()));
        return;
      }
      if (restrict && !PARTNER_COMMANDS.contains(parsed.path("command").asText())) {
        answer(request, 200, Answer.unsupported(parsed.path("command").asText()));
        return;
      }
      // The command runs where the daemon runs commands (holding the lease lock); the answer
      // leaves from the listener's event loop.
      executor
          .submit(() -> registry.execute(parsed))
          .orTimeout(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .whenComplete(
              (a, e) -> {
                Answer done = e == null ? a : error(Answer.ERROR, "command failed: " + e);
                context.runOnContext(v -> answer(request, 200, done));
              });
    }

    /** A {@code service} that names another daemon is not ours to answer. */
    private static Optional<String> refusal(JsonNode request) {
      JsonNode service = request.get("service");
      if (service == null || !request.isObject()) {
        return Optional.empty();
      }
      if (!service.isArray()) {
        return Optional.of("service value must be a list");
      }
      for (JsonNode s : service) {
        if (!"dhcp4".equals(s.asText())) {
          return Optional.of(
              "service '" + s.asText() + "' is not served here (only dhcp4 answers on this URL)");
        }
      }
      return Optional.empty();
    }

    private static Answer error(int result, String text) {
      return new Answer(result, Optional.of(text), Optional.empty());
    }

    private static void answer(HttpServerRequest request, int status, Answer answer) {
      ArrayNode list = JSON.arrayNode();
      ObjectNode one = answer.toJson();
      list.add(one);
      request
          .response()
          .setStatusCode(status)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(list.toString());
    }
  }
}
