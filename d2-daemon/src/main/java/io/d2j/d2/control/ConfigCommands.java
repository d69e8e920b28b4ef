package io.d2j.d2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.d2.config.D2Config;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.files.PathRefusedException;
import io.d2j.keacontrol.files.PathRules;
import io.d2j.keacontrol.files.SafeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * config-get, config-hash-get, config-test, config-set, config-reload and config-write, with Kea's
 * texts (d2-behaviour.md §9.3). An invalid configuration is answered with result 1 and the parser's
 * message (JSON path, reason, position); the active configuration stays.
 */
final class ConfigCommands {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp-ddns.dhcpddns");
  private static final String MODULE = "DhcpDdns";

  private final ControlTarget target;

  ConfigCommands(ControlTarget target) {
    this.target = target;
  }

  void registerAll(CommandRegistry registry) {
    registry.register(Command.of("config-get", args -> configGet()));
    registry.register(Command.of("config-hash-get", args -> hashOnly()));
    registry.register(Command.of("config-test", this::configTest));
    registry.register(Command.of("config-set", this::configSet));
    registry.register(Command.of("config-reload", args -> configReload()));
    registry.register(Command.of("config-write", this::configWrite));
  }

  private Answer configGet() {
    ObjectNode out = ConfigView.render(target.config());
    out.put("hash", ConfigView.hash(target.config()));
    return Answer.ok(out);
  }

  private Answer hashOnly() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("hash", ConfigView.hash(target.config()));
    return Answer.ok(out);
  }

  /** Kea's argument checks, shared by config-test and config-set; empty when they pass. */
  private static Optional<String> argumentProblem(JsonNode args) {
    if (args == null) {
      return Optional.of("Missing mandatory 'arguments' parameter.");
    }
    JsonNode module = args.get(MODULE);
    if (module == null) {
      return Optional.of("Missing mandatory '" + MODULE + "' parameter.");
    }
    if (!module.isObject()) {
      return Optional.of("'" + MODULE + "' parameter expected to be a map.");
    }
    return Optional.empty();
  }

  /** Only the DhcpDdns member is parsed; Kea reports (test) or logs (set) any sibling. */
  private static ObjectNode moduleOnly(JsonNode args) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set(MODULE, args.get(MODULE));
    return root;
  }

  private static List<String> others(JsonNode args) {
    List<String> out = new ArrayList<>();
    args.fieldNames()
        .forEachRemaining(
            n -> {
              if (!MODULE.equals(n)) {
                out.add(n);
              }
            });
    return out;
  }

  private Answer configTest(JsonNode args) {
    Optional<String> problem = argumentProblem(args);
    if (problem.isPresent()) {
      return Answer.error(problem.get());
    }
    List<String> others = others(args);
    if (!others.isEmpty()) {
      StringBuilder text = new StringBuilder("'arguments' parameter contains unsupported '");
      text.append(others.get(0)).append("' parameter");
      others.stream().skip(1).forEach(o -> text.append(" (and '").append(o).append("')"));
      return Answer.error(text.toString());
    }
    try {
      target.parse(moduleOnly(args));
    } catch (ConfigException e) {
      LOG.error("DHCP_DDNS_CONFIG_CHECK_FAIL {}", e.getMessage());
      return Answer.error(e.getMessage());
    }
    return Answer.ok("Configuration check successful");
  }

  private Answer configSet(JsonNode args) {
    Optional<String> problem = argumentProblem(args);
    if (problem.isPresent()) {
      return Answer.error(problem.get());
    }
    others(args)
        .forEach(
            o ->
                LOG.error(
                    "DCTL_CONFIG_DEPRECATED config-set: '{}' ignored; only '{}' is read",
                    o,
                    MODULE));
    D2Config config;
    try {
      config = target.parse(moduleOnly(args));
    } catch (ConfigException e) {
      LOG.error("DHCP_DDNS_CONFIG_FAIL config-set rejected: {}", e.getMessage());
      return Answer.error(e.getMessage());
    }
    return apply(config, "config-set");
  }

  private Answer configReload() {
    D2Config config;
    try {
      config = target.readConfigFile();
    } catch (ConfigException e) {
      LOG.error("DHCP_DDNS_CONFIG_FAIL config-reload rejected: {}", e.getMessage());
      return Answer.error(e.getMessage());
    } catch (IOException e) {
      LOG.error("DHCP_DDNS_CONFIG_FAIL config-reload: {}", e.getMessage());
      return Answer.error(e.getMessage());
    }
    return apply(config, "config-reload");
  }

  private Answer apply(D2Config config, String how) {
    try {
      target.apply(config);
    } catch (IOException e) {
      LOG.error("DHCP_DDNS_CONFIG_FAIL {} rejected: {}", how, e.getMessage());
      return Answer.error(e.getMessage());
    }
    ObjectNode hash = JsonNodeFactory.instance.objectNode();
    hash.put("hash", ConfigView.hash(config));
    return Answer.ok("Configuration applied successfully.", hash);
  }

  private Answer configWrite(JsonNode args) {
    String name = null;
    if (args != null) {
      if (!args.isObject()) {
        return Answer.error("Argument must be a map");
      }
      JsonNode filename = args.get("filename");
      if (filename != null) {
        if (!filename.isTextual()) {
          return Answer.error("passed parameter 'filename' is not a string");
        }
        name = filename.textValue();
      }
    }
    Path file;
    if (name == null || name.isEmpty()) {
      Optional<Path> configFile = target.configFile();
      if (configFile.isEmpty()) {
        // Kea's text, missing space included: clients match it.
        return Answer.error("Unable to determine filename.Please specify filename explicitly.");
      }
      file = PathRules.configFileTarget(configFile.get());
    } else {
      try {
        file = PathRules.configWriteTarget(name, target.fileAreas());
      } catch (PathRefusedException e) {
        LOG.error("DHCP_DDNS_CONFIG_WRITE_REFUSED {}", e.getMessage());
        return Answer.error("config-write " + e.getMessage());
      }
    }
    byte[] text = ConfigView.pretty(target.config());
    try {
      SafeFiles.replace(file, text);
    } catch (IOException | RuntimeException e) {
      return Answer.error("Error during config-write: " + e);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("filename", file.toString());
    out.put("size", text.length);
    return Answer.ok("Configuration written to " + file + " successful", out);
  }
}
