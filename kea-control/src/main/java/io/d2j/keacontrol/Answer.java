package io.d2j.keacontrol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer on the control channel, in Kea's shape (d2-behaviour.md §9.2): {@code {"arguments": …,
 * "result": 0, "text": "…"}}, where {@code text} and {@code arguments} are optional. Existing
 * clients (Stork, kea-shell, scripts) parse the result codes and the texts, so both are facts to
 * reproduce, not wording to improve.
 *
 * @param result one of Kea's control result codes: 0 success, 1 error, 2 unsupported command, 3
 *     empty, 4 conflict (lease_cmds rejecting an update, Kea 2.3.1+), 1001 (the HA hook's
 *     "maintenance not allowed", the answer to {@code ha-maintenance-notify} in a state that
 *     refuses it)
 * @param text the message; mandatory unless the result is 0 (Kea refuses an error without one)
 * @param arguments the payload, if any
 */
public record Answer(int result, Optional<String> text, Optional<JsonNode> arguments) {

  public static final int SUCCESS = 0;
  public static final int ERROR = 1;
  public static final int UNSUPPORTED = 2;
  public static final int EMPTY = 3;
  public static final int CONFLICT = 4;
  public static final int HA_MAINTENANCE_NOT_ALLOWED = 1001;

  public Answer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(arguments, "arguments");
    if ((result < SUCCESS || result > CONFLICT) && result != HA_MAINTENANCE_NOT_ALLOWED) {
      throw new IllegalArgumentException("result: expected 0..4 or 1001, got " + result);
    }
    if (result != SUCCESS && text.isEmpty()) {
      throw new IllegalArgumentException("text: mandatory for result " + result);
    }
  }

  public static Answer ok(String text) {
    return new Answer(SUCCESS, Optional.of(text), Optional.empty());
  }

  public static Answer ok(JsonNode arguments) {
    return new Answer(SUCCESS, Optional.empty(), Optional.of(arguments));
  }

  public static Answer ok(String text, JsonNode arguments) {
    return new Answer(SUCCESS, Optional.of(text), Optional.of(arguments));
  }

  public static Answer error(String text) {
    return new Answer(ERROR, Optional.of(text), Optional.empty());
  }

  /** Kea's text for a command nobody registered: {@code 'foo' command not supported.} */
  public static Answer unsupported(String command) {
    return new Answer(
        UNSUPPORTED, Optional.of("'" + command + "' command not supported."), Optional.empty());
  }

  /** The members in Kea's (alphabetical) order, so answers diff cleanly against Kea's. */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    arguments.ifPresent(a -> out.set("arguments", a));
    out.put("result", result);
    text.ifPresent(t -> out.put("text", t));
    return out;
  }

  /** The answer as one line of JSON text, as written to the socket. */
  public String render() {
    try {
      return Json.mapper().writeValueAsString(toJson());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
