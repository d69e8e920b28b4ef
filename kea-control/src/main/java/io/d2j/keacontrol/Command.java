package io.d2j.keacontrol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Function;

/**
 * One control command. Handlers run on the D2 event loop (the {@link UnixControlServer} hands them
 * over through a {@link CommandExecutor}), so they may read and change daemon state directly.
 */
public interface Command {

  /** The name clients send in {@code "command"}, exactly as Kea spells it. */
  String name();

  /**
   * Handles one request.
   *
   * @param arguments the request's {@code "arguments"} member, or null when it had none
   */
  Answer handle(JsonNode arguments);

  /** A command from a name and a function. */
  static Command of(String name, Function<JsonNode, Answer> handler) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    return new Command() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Answer handle(JsonNode arguments) {
        return handler.apply(arguments);
      }
    };
  }
}
