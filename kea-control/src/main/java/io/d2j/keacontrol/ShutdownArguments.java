package io.d2j.keacontrol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The arguments every Kea daemon's {@code shutdown} command accepts: absent, or a map whose
 * optional {@code exit-value} is an integer (the process's exit status). A daemon may read more
 * keys from the same map (D2's {@code type}).
 *
 * <pre>{@code
 * {"command": "shutdown", "arguments": {"exit-value": 3}}
 * }</pre>
 */
public final class ShutdownArguments {

  private ShutdownArguments() {}

  /** Kea's error answer for unusable arguments; empty when they are fine. */
  public static Optional<Answer> problem(JsonNode args) {
    if (args == null) {
      return Optional.empty();
    }
    if (!args.isObject()) {
      return Optional.of(Answer.error("Argument must be a map"));
    }
    JsonNode exit = args.get("exit-value");
    if (exit != null && (!exit.isIntegralNumber() || !exit.canConvertToInt())) {
      return Optional.of(Answer.error("parameter 'exit-value' is not an integer"));
    }
    return Optional.empty();
  }

  /** The exit value asked for, 0 when none; call after {@link #problem} found none. */
  public static int exitValue(JsonNode args) {
    JsonNode exit = args == null ? null : args.get("exit-value");
    return exit == null ? 0 : exit.intValue();
  }
}
