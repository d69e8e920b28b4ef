package io.d2j.keacontrol.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keacontrol.Answer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the standard commands need from a running daemon, whatever its configuration type {@code C}
 * ({@code D2Config}, {@code Dhcp4Config}). Implemented by each daemon's composition root; every
 * method is called on the thread or loop its commands run on. Unit tests use in-memory targets.
 */
public interface DaemonTarget<C> {

  /** The active configuration. */
  C config();

  /** The {@code -c} file, if the daemon was started from one (config-reload, config-write). */
  Optional<Path> configFile();

  long pid();

  Instant startedAt();

  /** When the active configuration was committed (status-get's {@code reload}). */
  Instant configuredAt();

  /**
   * Parses and validates {@code {"<module>": {…}}} without applying it; never touches statistics.
   * Relative paths in it resolve against the configuration file's directory.
   *
   * @throws io.d2j.keaconfig.ConfigException naming the JSON path of the first problem
   */
  C parse(JsonNode root);

  /**
   * Reads and validates the {@code -c} file.
   *
   * @throws io.d2j.keaconfig.ConfigException when it is invalid
   * @throws IOException when it cannot be read, or there is none
   */
  C readConfigFile() throws IOException;

  /**
   * Swaps in a validated configuration.
   *
   * @throws IOException when it cannot be applied (an address cannot be bound, ...); the active
   *     configuration stays
   */
  void apply(C config) throws IOException;

  /** {@code {"<module>": {…}}}, as config-get shows it. */
  ObjectNode render(C config);

  /** The text config-write writes: the configuration as a file that loads again. */
  byte[] written(C config);

  /**
   * Starts the shutdown {@code arguments} ask for ({@link io.d2j.keacontrol.ShutdownArguments}
   * found them usable) and answers; a daemon may read more of them (D2's {@code type}).
   */
  Answer shutdown(JsonNode arguments, int exitValue);

  /** Adds the daemon's own members to status-get's arguments (pid, reload, uptime are shared). */
  default void status(ObjectNode arguments) {}
}
