package io.d2j.dhcp4.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * config-get, config-test, config-write and config-reload with kea-dhcp4's argument checks and
 * texts (Kea 2.2's ctrl_dhcp4_srv.cc). The configuration shown and written is the {@code Dhcp4} map
 * as read, under {@code "Dhcp4"}: what the operator wrote, not a re-rendering with defaults.
 */
public final class ConfigCommands {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcp4");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ControlTarget target;

  public ConfigCommands(ControlTarget target) {
    this.target = target;
  }

  public void registerAll(CommandRegistry registry) {
    registry.register(Command.of("config-get", args -> Answer.ok(current())));
    registry.register(Command.of("config-test", this::configTest));
    registry.register(Command.of("config-write", this::configWrite));
    registry.register(Command.of("config-reload", args -> reload(target)));
  }

  private ObjectNode current() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("Dhcp4", target.config().source().toJson());
    return out;
  }

  private Answer configTest(JsonNode args) {
    String message = null;
    if (args == null) {
      message = "Missing mandatory 'arguments' parameter.";
    } else if (!args.has("Dhcp4")) {
      message = "Missing mandatory 'Dhcp4' parameter.";
    } else if (!args.get("Dhcp4").isObject()) {
      message = "'Dhcp4' parameter expected to be a map.";
    } else {
      StringBuilder others = new StringBuilder();
      for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!"Dhcp4".equals(name)) {
          others.append(
              others.length() == 0
                  ? "Unsupported '" + name + "' parameter"
                  : " (and '" + name + "')");
        }
      }
      if (others.length() > 0) {
        message = others + ".";
      }
    }
    if (message != null) {
      return Answer.error(message);
    }
    try {
      Path base = target.configFile().map(Path::getParent).orElse(Path.of("."));
      Dhcp4ConfigParser.parse(KeaConfigReader.parse(args.toString(), "config-test"), base);
    } catch (ConfigException e) {
      return Answer.error(e.getMessage());
    }
    return Answer.ok(
        "Configuration seems sane. Control-socket, hook-libraries, and D2 configuration were"
            + " sanity checked, but not applied.");
  }

  private Answer configWrite(JsonNode args) {
    Optional<Path> file = target.configFile();
    if (args != null) {
      if (!args.isObject()) {
        return Answer.error("Argument must be a map");
      }
      JsonNode name = args.get("filename");
      if (name != null) {
        if (!name.isTextual()) {
          return Answer.error("passed parameter 'filename' is not a string");
        }
        if (!name.textValue().isEmpty()) {
          file = Optional.of(Path.of(name.textValue()));
        }
      }
    }
    if (file.isEmpty()) {
      return Answer.error("Unable to determine filename.Please specify filename explicitly.");
    }
    byte[] text;
    try {
      text =
          JSON.writerWithDefaultPrettyPrinter()
              .writeValueAsString(current())
              .concat("\n")
              .getBytes(StandardCharsets.UTF_8);
      Files.write(file.get(), text);
    } catch (JsonProcessingException e) {
      return Answer.error("Error during write-config:" + e.getOriginalMessage());
    } catch (IOException e) {
      return Answer.error("Error writing configuration to " + file.get());
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("filename", file.get().toString());
    out.put("size", text.length);
    return Answer.ok("Configuration written to " + file.get() + " successful", out);
  }

  /** config-reload, and SIGHUP: re-reads the {@code -c} file and applies it, or keeps serving. */
  public static Answer reload(ControlTarget target) {
    Optional<Path> file = target.configFile();
    if (file.isEmpty()) {
      return Answer.error("Config reload failed: no configuration file (-c) to read");
    }
    LOG.info("DHCP4_DYNAMIC_RECONFIGURATION reloading configuration from {}", file.get());
    try {
      Dhcp4Config config = Dhcp4ConfigParser.read(file.get());
      target.apply(config);
    } catch (Exception e) {
      LOG.error("DHCP4_DYNAMIC_RECONFIGURATION_FAIL {}: {}", file.get(), e.getMessage());
      return Answer.error("Config reload failed: " + e.getMessage());
    }
    LOG.info("DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS {}", file.get());
    return Answer.ok("Configuration successful.");
  }
}
