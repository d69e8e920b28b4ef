package io.d2j.dhcp4.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON of the HA peer protocol (spec §6.7–§6.8), without the transport: the command envelope a
 * server sends to its partner, the {@code ha-heartbeat} answer it gives, and the reading of the
 * partner's heartbeat answer.
 *
 * <pre>
 * → {"command": "ha-heartbeat", "service": ["dhcp4"]}
 * ← [{"arguments": {"date-time": "Thu, 07 Nov 2019 08:49:37 GMT", "scopes": ["server1"],
 *     "state": "load-balancing", "unsent-update-count": 0},
 *    "result": 0, "text": "HA peer status returned."}]
 * </pre>
 */
public final class PeerMessages {

  /** Kea's text of a heartbeat answer. */
  public static final String HEARTBEAT_TEXT = "HA peer status returned.";

  /** RFC 1123 dates as Kea writes them: a two-digit day, always GMT. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PeerMessages() {}

  /** What the partner's heartbeat answer said. */
  public sealed interface HeartbeatReply permits Answered, Failed {}

  /** A valid answer. */
  public record Answered(CommunicationState.Heartbeat heartbeat) implements HeartbeatReply {}

  /** Anything else: the partner counts as unavailable; {@code reason} is for the log. */
  public record Failed(String reason) implements HeartbeatReply {}

  /**
   * The first answer of a peer's reply to any command: its result, text and arguments. A reply that
   * is not a list of answers reads as result 1 (Kea 2.2 forces it so), with the defect as text.
   */
  public record Reply(int result, String text, Optional<JsonNode> arguments) {}

  /** Reads a peer's reply to a command other than the heartbeat. */
  public static Reply readReply(JsonNode body) {
    if (body == null || !body.isArray() || body.isEmpty() || !body.get(0).isObject()) {
      return new Reply(1, "the answer is not a list of answers: " + body, Optional.empty());
    }
    JsonNode answer = body.get(0);
    JsonNode result = answer.get("result");
    if (result == null || !result.isIntegralNumber()) {
      return new Reply(1, "the answer has no integer result", Optional.empty());
    }
    return new Reply(
        result.asInt(),
        answer.path("text").asText(""),
        Optional.ofNullable(answer.get("arguments")));
  }

  /**
   * A command for the partner: {@code {"command": NAME, "service": ["dhcp4"], "arguments": ...}},
   * {@code arguments} left out when there are none (as Kea 2.2 sends them).
   */
  public static ObjectNode command(String name, Optional<ObjectNode> arguments) {
    ObjectNode out = JSON.objectNode();
    out.put("command", name);
    out.set("service", JSON.arrayNode().add("dhcp4"));
    arguments.filter(a -> !a.isEmpty()).ifPresent(a -> out.set("arguments", a));
    return out;
  }

  /** The {@code arguments} of this server's answer to {@code ha-heartbeat}. */
  public static ObjectNode heartbeatArguments(
      HaState state, Instant now, Set<String> scopes, long unsentUpdateCount) {
    ObjectNode out = JSON.objectNode();
    out.put("date-time", httpDate(now));
    ArrayNode list = out.putArray("scopes");
    new TreeSet<>(scopes).forEach(list::add);
    out.put("state", state.wire());
    out.put("unsent-update-count", unsentUpdateCount);
    return out;
  }

  /** {@code Thu, 07 Nov 2019 08:49:37 GMT}. */
  public static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  /**
   * Reads the partner's answer to {@code ha-heartbeat}. It must be a list, as Kea's control agent
   * and dedicated listener answer (Kea 2.2 counts a bare object as a failure, and so does d2j),
   * whose first element has result 0 and {@code arguments} with a valid {@code state} and {@code
   * date-time}; {@code scopes} and {@code unsent-update-count} are optional.
   */
  public static HeartbeatReply readHeartbeat(JsonNode body) {
    if (body == null || !body.isArray()) {
      return new Failed(
          "the answer is "
              + (body == null
                  ? "empty"
                  : "a JSON " + body.getNodeType().toString().toLowerCase(Locale.ROOT))
              + ", not a list");
    }
    if (body.isEmpty() || !body.get(0).isObject()) {
      return new Failed("the answer list holds no answer");
    }
    JsonNode answer = body.get(0);
    JsonNode result = answer.get("result");
    if (result == null || !result.isIntegralNumber()) {
      return new Failed("the answer has no integer result");
    }
    if (result.asInt() != 0) {
      return new Failed(
          "result "
              + result.asInt()
              + Optional.ofNullable(answer.get("text")).map(t -> ": " + t.asText()).orElse(""));
    }
    JsonNode args = answer.get("arguments");
    if (args == null || !args.isObject()) {
      return new Failed("the answer has no arguments");
    }
    JsonNode stateNode = args.get("state");
    Optional<HaState> state =
        stateNode != null && stateNode.isTextual()
            ? HaState.fromWire(stateNode.asText()).filter(s -> s != HaState.UNAVAILABLE)
            : Optional.empty();
    if (state.isEmpty()) {
      return new Failed("arguments.state is missing or not a state: " + stateNode);
    }
    JsonNode date = args.get("date-time");
    Instant dateTime;
    try {
      if (date == null || !date.isTextual()) {
        throw new DateTimeParseException("missing", String.valueOf(date), 0);
      }
      dateTime = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.asText()));
    } catch (DateTimeParseException e) {
      return new Failed("arguments.date-time is missing or not an RFC 1123 date: " + date);
    }
    Set<String> scopes = new HashSet<>();
    JsonNode scopeList = args.get("scopes");
    if (scopeList != null) {
      if (!scopeList.isArray()) {
        return new Failed("arguments.scopes is not a list");
      }
      for (JsonNode s : scopeList) {
        if (!s.isTextual()) {
          return new Failed("arguments.scopes holds a non-string: " + s);
        }
        scopes.add(s.asText());
      }
    }
    JsonNode unsent = args.get("unsent-update-count");
    if (unsent != null
        && (!unsent.canConvertToLong() || !unsent.isIntegralNumber() || unsent.asLong() < 0)) {
      return new Failed("arguments.unsent-update-count is not a count: " + unsent);
    }
    return new Answered(
        new CommunicationState.Heartbeat(
            state.get(),
            dateTime,
            scopes,
            unsent == null ? Optional.empty() : Optional.of(unsent.asLong())));
  }
}
