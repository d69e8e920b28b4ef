package io.d2j.keacontrol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands a daemon answers, by name. An instance, filled in the composition root; {@code
 * list-commands} is built in and lists every name alphabetically, as Kea does.
 *
 * <p>A request is checked as Kea checks it: a map with a string {@code command}, optional {@code
 * arguments}, and the tolerated {@code service} (sent by Kea's control agent and by Stork; ignored)
 * and {@code remote-address}; any other member is an error.
 */
public final class CommandRegistry {

  private static final Set<String> REQUEST_MEMBERS =
      Set.of("command", "arguments", "service", "remote-address");

  /**
   * Commands that only read: health checks (a container's HEALTHCHECK, Stork, a load balancer) and
   * monitoring polls send these every few seconds, so their {@code COMMAND_RECEIVED} is DEBUG, not
   * the INFO line Kea writes for each (a log line per probe would bury the lines that matter).
   * Every other command, and an unknown one, is still logged at INFO.
   */
  static final Set<String> READ_ONLY =
      Set.of(
          "build-report",
          "config-get",
          "config-hash-get",
          "list-commands",
          "status-get",
          "statistic-get",
          "statistic-get-all",
          "version-get",
          "lease4-get",
          "lease4-get-all",
          "lease4-get-page",
          "lease4-get-by-hw-address",
          "lease4-get-by-client-id",
          "lease4-get-by-hostname");

  /** Written while the runtime builds the registry, read-only once the socket serves. */
  private final Map<String, Command> commands = new TreeMap<>();

  private final String daemon;
  private final Logger log;

  /**
   * @param daemon the Kea process name the channel logs under, as Kea does: {@code kea-dhcp-ddns}
   *     or {@code kea-dhcp4} (logger {@code <daemon>.commands}), so an operator's {@code loggers}
   *     block selects these lines by Kea's names
   */
  public CommandRegistry(String daemon) {
    this.daemon = Objects.requireNonNull(daemon, "daemon");
    this.log = LoggerFactory.getLogger(daemon + ".commands");
    register(Command.of("list-commands", args -> Answer.ok(listNames())));
  }

  /** The daemon name given at construction. */
  public String daemon() {
    return daemon;
  }

  Logger log() {
    return log;
  }

  /** Adds a command; a second command of the same name is a programming error. */
  public void register(Command command) {
    if (commands.putIfAbsent(command.name(), command) != null) {
      throw new IllegalArgumentException("command '" + command.name() + "' registered twice");
    }
  }

  /** Every name, alphabetically. */
  public List<String> names() {
    return List.copyOf(commands.keySet());
  }

  private ArrayNode listNames() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    commands.keySet().forEach(out::add);
    return out;
  }

  /**
   * Parses a request's text. Unparseable text yields the parser's message (Kea answers result 1
   * with its JSON parser's message, d2-behaviour.md §9.2).
   *
   * @throws RequestException when the text is not one JSON value
   */
  public static JsonNode parse(String text) {
    try {
      JsonNode node = Json.mapper().readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new RequestException("invalid command: no command specified");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new RequestException(describe(e));
    }
  }

  /** A parser's message with its position, as the answer text for unparseable input. */
  static String describe(JsonProcessingException e) {
    return e.getOriginalMessage()
        + (e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr());
  }

  /** Answers one parsed request. Runs on the daemon's thread (see {@link CommandExecutor}). */
  public Answer execute(JsonNode request) {
    String name;
    try {
      name = commandName(request);
    } catch (RequestException e) {
      log.warn("COMMAND_PROCESS_ERROR2 {}", e.getMessage());
      return Answer.error("Error during command processing: " + e.getMessage());
    }
    Command command = commands.get(name);
    if (command == null) {
      log.info("COMMAND_RECEIVED command={} (not supported)", name);
      return Answer.unsupported(name);
    }
    if (READ_ONLY.contains(name)) {
      log.debug("COMMAND_RECEIVED command={}", name);
    } else {
      log.info("COMMAND_RECEIVED command={}", name);
    }
    JsonNode arguments = request.get("arguments");
    try {
      return command.handle(arguments == null || arguments.isNull() ? null : arguments);
    } catch (RuntimeException e) {
      // A handler bug must cost one answer, never the socket or the event loop.
      log.error("COMMAND_PROCESS_ERROR2 command={} failed: {}", name, e.toString());
      return Answer.error("Error during command processing: " + e.getMessage());
    }
  }

  private static String commandName(JsonNode request) {
    if (!request.isObject()) {
      throw new RequestException(
          "invalid command: expected toplevel entry to be a map, got "
              + request.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + " instead");
    }
    if (!request.has("command")) {
      throw new RequestException("invalid command: does not contain mandatory 'command'");
    }
    for (var it = request.fieldNames(); it.hasNext(); ) {
      String member = it.next();
      if (!REQUEST_MEMBERS.contains(member)) {
        throw new RequestException("invalid command: unsupported parameter '" + member + "'");
      }
    }
    JsonNode command = request.get("command");
    if (!command.isTextual()) {
      throw new RequestException("invalid command: expected 'command' to be a string");
    }
    return command.textValue();
  }

  /** A request that is not valid JSON, or not a valid command; the message is the answer text. */
  public static final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RequestException(String message) {
      super(message);
    }
  }
}
