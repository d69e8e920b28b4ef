package io.d2j.keacontrol.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.ShutdownArguments;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.keacontrol.stats.StatisticsView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * build-report, version-get, status-get, shutdown and the statistic-* commands, answering with
 * Kea's shapes and texts (d2-behaviour.md §9.3, §10; the same in Kea's DHCPv4 server).
 */
final class ServerCommands {

  private final DaemonTarget<?> target;
  private final Statistics stats;
  private final Clock clock;
  private final VersionInfo version;

  /** Made at the first statistics command: its zone is looked up then ({@code SystemClock}). */
  private volatile StatisticsView view;

  ServerCommands(DaemonTarget<?> target, Statistics stats, Clock clock, VersionInfo version) {
    this.target = target;
    this.stats = stats;
    this.clock = clock;
    this.version = version;
  }

  private StatisticsView view() {
    StatisticsView v = view;
    if (v == null) {
      v = new StatisticsView(clock.getZone());
      view = v;
    }
    return v;
  }

  void registerAll(CommandRegistry registry) {
    registry.register(Command.of("build-report", args -> Answer.ok(version.buildReport())));
    registry.register(Command.of("version-get", args -> versionGet()));
    registry.register(Command.of("status-get", args -> statusGet()));
    registry.register(Command.of("shutdown", this::shutdown));
    registry.register(Command.of("statistic-get", this::statisticGet));
    registry.register(
        Command.of("statistic-get-all", args -> Answer.ok(view().toJson(stats.snapshot()))));
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

  /**
   * Whole seconds, as Kea: pid, reload (since the last configuration), uptime, and the daemon's own
   * members; sorted by name, as Kea prints its maps.
   */
  private Answer statusGet() {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    args.put("pid", target.pid());
    args.put("reload", Duration.between(target.configuredAt(), clock.instant()).toSeconds());
    args.put("uptime", Duration.between(target.startedAt(), clock.instant()).toSeconds());
    target.status(args);
    List<String> names = new ArrayList<>();
    args.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    ObjectNode sorted = JsonNodeFactory.instance.objectNode();
    names.forEach(n -> sorted.set(n, args.get(n)));
    return Answer.ok(sorted);
  }

  private Answer shutdown(JsonNode args) {
    Optional<Answer> problem = ShutdownArguments.problem(args);
    if (problem.isPresent()) {
      return problem.get();
    }
    return target.shutdown(args, ShutdownArguments.exitValue(args));
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
    return Answer.ok(view().toJson(stats.sample(name).map(s -> Map.of(name, s)).orElse(Map.of())));
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
