package io.d2j.dhcp4.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.config.MultiThreading;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.ShutdownArguments;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * version-get, status-get, shutdown, statistic-get and statistic-get-all as kea-dhcp4 answers them
 * (Kea 2.2's ctrl_dhcp4_srv.cc texts and shapes).
 */
public final class ServerCommands {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcp4");

  /** Kea's statistic timestamps: local time with microseconds. */
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private final ControlTarget target;
  private final Clock clock;

  public ServerCommands(ControlTarget target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  public void registerAll(CommandRegistry registry) {
    registry.register(Command.of("version-get", args -> versionGet()));
    registry.register(Command.of("status-get", args -> statusGet()));
    registry.register(Command.of("shutdown", this::shutdown));
    registry.register(Command.of("statistic-get", this::statisticGet));
    registry.register(
        Command.of("statistic-get-all", args -> Answer.ok(statistics(target.statistics()))));
  }

  private Answer versionGet() {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    args.put("extended", target.extendedVersion());
    return Answer.ok(target.version(), args);
  }

  /** Whole seconds, as Kea; with multi-threading, its settings and the queue's averages. */
  private Answer statusGet() {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    MultiThreading mt = target.config().multiThreading();
    args.put("multi-threading-enabled", mt.enabled());
    if (mt.enabled()) {
      args.put("thread-pool-size", mt.threads());
      args.put("packet-queue-size", mt.packetQueueSize());
      ArrayNode averages = args.putArray("packet-queue-statistics");
      for (double a : target.packetQueueAverages()) {
        averages.add(a);
      }
    }
    args.put("pid", target.pid());
    args.put("reload", Duration.between(target.configuredAt(), clock.instant()).toSeconds());
    args.putObject("sockets").put("status", "ready");
    args.put("uptime", Duration.between(target.startedAt(), clock.instant()).toSeconds());
    return Answer.ok(args);
  }

  private Answer shutdown(JsonNode args) {
    Optional<Answer> problem = ShutdownArguments.problem(args);
    if (problem.isPresent()) {
      return problem.get();
    }
    int exitValue = ShutdownArguments.exitValue(args);
    LOG.info("DHCP4_SHUTDOWN_REQUEST shutdown requested, exit-value {}", exitValue);
    target.shutdown(exitValue);
    return Answer.ok("Shutting down.");
  }

  private Answer statisticGet(JsonNode args) {
    JsonNode name = args == null ? null : args.get("name");
    if (name == null) {
      return Answer.error("Missing mandatory 'name' parameter.");
    }
    if (!name.isTextual()) {
      return Answer.error("'name' parameter expected to be a string.");
    }
    // An unknown name is not an error in Kea: result 0 with an empty map.
    ControlTarget.StatSample s = target.statistics().get(name.textValue());
    return Answer.ok(statistics(s == null ? Map.of() : Map.of(name.textValue(), s)));
  }

  /** Kea's shape: {@code {"pkt4-received": [[12, "2026-11-27 10:04:28.386733"]]}}. */
  private ObjectNode statistics(Map<String, ControlTarget.StatSample> samples) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    new java.util.TreeMap<>(samples)
        .forEach(
            (name, s) -> {
              ArrayNode sample = out.putArray(name).addArray();
              sample.add(s.value());
              sample.add(STAMP.format(LocalDateTime.ofInstant(s.changed(), clock.getZone())));
            });
    return out;
  }
}
