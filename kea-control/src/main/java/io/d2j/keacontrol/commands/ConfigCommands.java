package io.d2j.keacontrol.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.keacontrol.Json;
import io.d2j.keacontrol.files.PathRefusedException;
import io.d2j.keacontrol.files.PathRules;
import io.d2j.keacontrol.files.SafeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * config-get, config-hash-get, config-test, config-set, config-reload and config-write over any
 * {@link DaemonTarget}, with the daemon's texts ({@link KeaDialect}; d2-behaviour.md §9.3). An
 * invalid configuration is answered with result 1 and the parser's message (JSON path, reason,
 * position); the active configuration stays.
 */
final class ConfigCommands<C> {

  private final DaemonTarget<C> target;
  private final KeaDialect dialect;
  private final KeaDialect.LogIds ids;

  ConfigCommands(DaemonTarget<C> target, KeaDialect dialect) {
    this.target = target;
    this.dialect = dialect;
    this.ids = dialect.ids();
  }

  void registerAll(CommandRegistry registry) {
    registry.register(Command.of("config-get", args -> configGet()));
    registry.register(Command.of("config-hash-get", args -> hashOnly()));
    registry.register(Command.of("config-test", this::configTest));
    registry.register(Command.of("config-set", this::configSet));
    registry.register(Command.of("config-reload", args -> configReload()));
    registry.register(Command.of("config-write", this::configWrite));
  }

  /**
   * SHA-256 of the rendered configuration's compact JSON text, in upper-case hex as Kea prints it
   * (Kea hashes its own text form, so the values differ from Kea's for the same file; what clients
   * rely on is that the hash changes exactly when the configuration does).
   */
  static String hash(ObjectNode rendered) {
    try {
      byte[] text = Json.mapper().writeValueAsBytes(rendered);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text);
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private String hash(C config) {
    return hash(target.render(config));
  }

  private Answer configGet() {
    ObjectNode out = target.render(target.config());
    out.put("hash", hash(out));
    return Answer.ok(out);
  }

  private Answer hashOnly() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("hash", hash(target.config()));
    return Answer.ok(out);
  }

  /** Kea's argument checks, shared by config-test and config-set; empty when they pass. */
  private Optional<String> argumentProblem(JsonNode args) {
    if (args == null) {
      return Optional.of("Missing mandatory 'arguments' parameter.");
    }
    JsonNode module = args.get(dialect.module());
    if (module == null) {
      return Optional.of("Missing mandatory '" + dialect.module() + "' parameter.");
    }
    if (!module.isObject()) {
      return Optional.of("'" + dialect.module() + "' parameter expected to be a map.");
    }
    return Optional.empty();
  }

  /** Only the module's member is parsed; Kea reports (test) or logs (set) any sibling. */
  private ObjectNode moduleOnly(JsonNode args) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set(dialect.module(), args.get(dialect.module()));
    return root;
  }

  private List<String> others(JsonNode args) {
    List<String> out = new ArrayList<>();
    args.fieldNames()
        .forEachRemaining(
            n -> {
              // config-get's own "hash" comes back when its answer is sent to config-set/-test.
              if (!dialect.module().equals(n) && !"hash".equals(n)) {
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
      return Answer.error(dialect.unsupported().apply(others));
    }
    try {
      target.parse(moduleOnly(args));
    } catch (ConfigException e) {
      ids.configCheckFailed().log(e.getMessage());
      return Answer.error(e.getMessage());
    }
    return Answer.ok(dialect.configTestOk());
  }

  private Answer configSet(JsonNode args) {
    Optional<String> problem = argumentProblem(args);
    if (problem.isPresent()) {
      return Answer.error(problem.get());
    }
    others(args).forEach(o -> ids.argumentIgnored().log(o, dialect.module()));
    C config;
    try {
      config = target.parse(moduleOnly(args));
    } catch (ConfigException e) {
      ids.configRejected().log("config-set rejected: " + e.getMessage());
      return Answer.error(e.getMessage());
    }
    return apply(config, "config-set", "");
  }

  private Answer configReload() {
    Optional<Path> file = target.configFile();
    ids.reloading().ifPresent(id -> id.log(file.map(Path::toString).orElse("-")));
    C config;
    try {
      config = target.readConfigFile();
    } catch (ConfigException e) {
      ids.configRejected().log("config-reload rejected: " + e.getMessage());
      return Answer.error(dialect.reloadFailedPrefix() + e.getMessage());
    } catch (IOException e) {
      ids.configRejected().log("config-reload: " + e.getMessage());
      return Answer.error(dialect.reloadFailedPrefix() + e.getMessage());
    }
    return apply(config, "config-reload", dialect.reloadFailedPrefix());
  }

  private Answer apply(C config, String how, String failedPrefix) {
    try {
      target.apply(config);
    } catch (IOException | RuntimeException e) {
      ids.configRejected().log(how + " rejected: " + e.getMessage());
      return Answer.error(failedPrefix + e.getMessage());
    }
    ids.configApplied().ifPresent(id -> id.log(how));
    ObjectNode hash = JsonNodeFactory.instance.objectNode();
    hash.put("hash", hash(config));
    return Answer.ok(dialect.configApplied(), hash);
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
        ids.configWriteRefused().log(e.getMessage());
        return Answer.error("config-write " + e.getMessage());
      }
    }
    byte[] text = target.written(target.config());
    try {
      SafeFiles.replace(file, text);
    } catch (IOException | RuntimeException e) {
      return Answer.error(dialect.writeFailed().apply(file, e));
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("filename", file.toString());
    out.put("size", text.length);
    return Answer.ok("Configuration written to " + file + " successful", out);
  }
}
