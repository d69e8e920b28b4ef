package io.d2j.d2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.d2.stats.Statistics;
import io.d2j.d2.update.ShutdownType;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.ShutdownArguments;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * build-report, version-get, status-get, shutdown and the statistic-* commands, answering with
 * Kea's shapes and texts (d2-behaviour.md §9.3, §10).
 */
final class ServerCommands {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp-ddns.dhcpddns");

  private final ControlTarget target;
  private final Statistics stats;
  private final Clock clock;
  private final VersionInfo version;
  private final StatisticsView view;

  ServerCommands(ControlTarget target, Statistics stats, Clock clock, VersionInfo version) {
    this.target = target;
    this.stats = stats;
    this.clock = clock;
    this.version = version;
    this.view = new StatisticsView(clock.getZone());
  }

  void registerAll(CommandRegistry registry) {
    registry.register(Command.of("build-report", args -> Answer.ok(version.buildReport())));
    registry.register(Command.of("version-get", args -> versionGet()));
    registry.register(Command.of("status-get", args -> statusGet()));
    registry.register(Command.of("shutdown", this::shutdown));
    registry.register(Command.of("statistic-get", this::statisticGet));
    registry.register(
        Command.of("statistic-get-all", args -> Answer.ok(view.toJson(stats.snapshot()))));
    registry.register(Command.of("statistic-reset", this::statisticReset));
    registry.register(
        Command.of(
            "statistic-reset-all",
            args -> {
              stats.resetAll();
              return Answer.ok("All statistics reset to neutral values.");
            }));
  }

  private Answer versionGet() {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    args.put("extended", version.extended());
    return Answer.ok(version.version(), args);
  }

  /** Whole seconds, as Kea: pid, reload (since the last configuration), uptime. */
  private Answer statusGet() {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    args.put("pid", target.pid());
    args.put("reload", Duration.between(target.configuredAt(), clock.instant()).toSeconds());
    args.put("uptime", Duration.between(target.startedAt(), clock.instant()).toSeconds());
    return Answer.ok(args);
  }

  private Answer shutdown(JsonNode args) {
    Optional<Answer> problem = ShutdownArguments.problem(args);
    if (problem.isPresent()) {
      return problem.get();
    }
    int exitValue = ShutdownArguments.exitValue(args);
    ShutdownType type = ShutdownType.NORMAL;
    if (args != null) {
      JsonNode typeNode = args.get("type");
      if (typeNode != null) {
        String text = typeNode.isTextual() ? typeNode.textValue() : typeNode.toString();
        Optional<ShutdownType> parsed = ShutdownType.of(text);
        if (parsed.isEmpty()) {
          // Kea cancels the shutdown and keeps serving.
          return Answer.error("Invalid Shutdown type: " + text);
        }
        type = parsed.get();
      }
    }
    LOG.info("DHCP_DDNS_SHUTDOWN_COMMAND type={} exit-value={}", type.text(), exitValue);
    target.shutdown(type, exitValue);
    return Answer.ok("Shutdown initiated, type is: " + type.text());
  }

  /** Kea's check of the {@code name} argument; empty when it passes. */
  private static Optional<String> nameProblem(JsonNode args) {
    JsonNode name = args == null ? null : args.get("name");
    if (name == null) {
      return Optional.of("Missing mandatory 'name' parameter.");
    }
    if (!name.isTextual()) {
      return Optional.of("'name' parameter expected to be a string.");
    }
    return Optional.empty();
  }

  private Answer statisticGet(JsonNode args) {
    Optional<String> problem = nameProblem(args);
    if (problem.isPresent()) {
      return Answer.error(problem.get());
    }
    String name = args.get("name").textValue();
    // An unknown name is not an error in Kea: result 0 with an empty map.
    return Answer.ok(view.toJson(stats.sample(name).map(s -> Map.of(name, s)).orElse(Map.of())));
  }

  private Answer statisticReset(JsonNode args) {
    Optional<String> problem = nameProblem(args);
    if (problem.isPresent()) {
      return Answer.error(problem.get());
    }
    String name = args.get("name").textValue();
    return stats.reset(name)
        ? Answer.ok("Statistic '" + name + "' reset.")
        : Answer.error("No '" + name + "' statistic found");
  }
}
