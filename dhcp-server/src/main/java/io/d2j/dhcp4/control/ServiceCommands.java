package io.d2j.dhcp4.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code dhcp-disable} and {@code dhcp-enable} (Kea's network state): the service stops answering
 * queries until every origin that disabled it enabled it again; {@code max-period} (seconds)
 * re-enables on its own. An HA partner disables this server around a sync with origin {@code
 * ha-partner}; an operator's origin is {@code user} (the default).
 */
public final class ServiceCommands {

  /** Switches the DHCP service for one origin. */
  public interface ServiceSwitch {
    void disable(String origin, Optional<Duration> maxPeriod);

    void enable(String origin);
  }

  private final ServiceSwitch service;

  public ServiceCommands(ServiceSwitch service) {
    this.service = service;
  }

  public void registerAll(CommandRegistry registry) {
    registry.register(Command.of("dhcp-disable", this::disable));
    registry.register(Command.of("dhcp-enable", this::enable));
  }

  private Answer disable(JsonNode args) {
    Optional<Duration> maxPeriod = Optional.empty();
    String origin = "user";
    if (args != null) {
      if (!args.isObject()) {
        return Answer.error("arguments for the 'dhcp-disable' command must be a map");
      }
      JsonNode period = args.get("max-period");
      if (period != null) {
        if (!period.isIntegralNumber()) {
          return Answer.error("'max-period' argument must be a number");
        }
        if (period.asLong() <= 0) {
          return Answer.error("'max-period' must be positive integer value");
        }
        maxPeriod = Optional.of(Duration.ofSeconds(period.asLong()));
      }
      Optional<String> o = origin(args);
      if (o.isEmpty()) {
        return Answer.error("'origin' argument must be a string");
      }
      origin = o.get();
    }
    service.disable(origin, maxPeriod);
    return Answer.ok("DHCPv4 service disabled successfully.");
  }

  private Answer enable(JsonNode args) {
    String origin = "user";
    if (args != null) {
      if (!args.isObject()) {
        return Answer.error("arguments for the 'dhcp-enable' command must be a map");
      }
      Optional<String> o = origin(args);
      if (o.isEmpty()) {
        return Answer.error("'origin' argument must be a string");
      }
      origin = o.get();
    }
    service.enable(origin);
    return Answer.ok("DHCP service successfully enabled.");
  }

  /** {@code origin}: a string (Kea 2.2) or a number (3.x's origin-id form), default user. */
  private static Optional<String> origin(JsonNode args) {
    JsonNode o = args.get("origin");
    if (o == null) {
      return Optional.of("user");
    }
    if (o.isTextual()) {
      return Optional.of(o.asText());
    }
    return o.isIntegralNumber() ? Optional.of(o.asText()) : Optional.empty();
  }
}
