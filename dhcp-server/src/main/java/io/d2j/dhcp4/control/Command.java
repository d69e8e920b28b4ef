package io.d2j.dhcp4.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Function;

/**
 * One control command. Handlers run on the server's one command thread (the {@link
 * UnixControlServer} hands them over through a {@link CommandExecutor}); the lease store they share
 * with the packet thread is synchronized.
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
