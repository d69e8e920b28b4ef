package io.d2j.d2.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.d2.config.D2Config;
import io.d2j.d2.log.D2Log;
import io.d2j.d2.update.ShutdownType;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.commands.DaemonTarget;
import io.d2j.keacontrol.commands.KeaDialect;
import io.d2j.keacontrol.commands.StandardCommands;
import io.d2j.keacontrol.commands.VersionInfo;
import io.d2j.keacontrol.stats.Statistics;
import java.time.Clock;
import java.util.Optional;

/**
 * Kea's D2 command set (d2-behaviour.md §9.3): kea-control's standard commands with kea-dhcp-ddns's
 * texts, and D2's {@code shutdown} types.
 */
public final class D2Commands {

  /** How kea-dhcp-ddns words the standard commands. */
  public static final KeaDialect DIALECT =
      new KeaDialect(
          "DhcpDdns",
          "Configuration check successful",
          others -> {
            StringBuilder text = new StringBuilder("'arguments' parameter contains unsupported '");
            text.append(others.get(0)).append("' parameter");
            others.stream().skip(1).forEach(o -> text.append(" (and '").append(o).append("')"));
            return text.toString();
          },
          "Configuration applied successfully.",
          "",
          (file, e) -> "Error during config-write: " + e,
          new KeaDialect.LogIds(
              D2Log.DHCP_DDNS_CONFIG_CHECK_FAIL,
              D2Log.DHCP_DDNS_CONFIG_FAIL,
              D2Log.DCTL_CONFIG_DEPRECATED,
              Optional.empty(),
              Optional.empty()));

  /** Starts a shutdown of a type with an exit value; on the event loop. */
  @FunctionalInterface
  public interface Shutdown {
    void start(ShutdownType type, int exitValue);
  }

  private D2Commands() {}

  /**
   * Registers build-report, config-*, shutdown, status-get, statistic-*, version-get.
   *
   * @param clock for status-get's seconds and the statistics' time zone (Kea prints local time)
   */
  public static CommandRegistry registerAll(
      CommandRegistry registry,
      DaemonTarget<D2Config> target,
      Statistics stats,
      Clock clock,
      VersionInfo version) {
    return StandardCommands.registerAll(registry, target, DIALECT, stats, clock, version);
  }

  /**
   * D2's {@code shutdown}: its {@code type} ({@code normal} by default, {@code drain_first}, {@code
   * now}); an unknown type cancels the shutdown, as Kea does, and the daemon keeps serving.
   */
  public static Answer shutdown(JsonNode args, int exitValue, Shutdown shutdown) {
    ShutdownType type = ShutdownType.NORMAL;
    if (args != null) {
      JsonNode typeNode = args.get("type");
      if (typeNode != null) {
        String text = typeNode.isTextual() ? typeNode.textValue() : typeNode.toString();
        Optional<ShutdownType> parsed = ShutdownType.of(text);
        if (parsed.isEmpty()) {
          return Answer.error("Invalid Shutdown type: " + text);
        }
        type = parsed.get();
      }
    }
    D2Log.DHCP_DDNS_SHUTDOWN_COMMAND.log(type.text(), exitValue);
    shutdown.start(type, exitValue);
    return Answer.ok("Shutdown initiated, type is: " + type.text());
  }
}
