package io.d2j.d2.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.d2j.d2.config.D2Config;
import io.d2j.d2.update.ShutdownType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the commands need from the running daemon. Implemented by the runtime; every method is
 * called on the D2 event loop. Unit tests use an in-memory implementation.
 */
public interface ControlTarget {

  /** The active configuration. */
  D2Config config();

  /** The {@code -c} file, if the daemon was started from one (config-reload, config-write). */
  Optional<Path> configFile();

  long pid();

  Instant startedAt();

  /** When the active configuration was committed (status-get's {@code reload}). */
  Instant configuredAt();

  /**
   * Parses and validates {@code {"DhcpDdns": {…}}} without applying it; never touches statistics.
   *
   * @throws io.d2j.keaconfig.ConfigException naming the JSON path of the first problem
   */
  D2Config parse(JsonNode root);

  /**
   * Reads and validates the {@code -c} file.
   *
   * @throws io.d2j.keaconfig.ConfigException when it is invalid
   * @throws IOException when it cannot be read (or there is none)
   */
  D2Config readConfigFile() throws IOException;

  /**
   * Swaps in a validated configuration: queued and in-flight NCRs are kept (d2-behaviour.md §5.6).
   *
   * @throws IOException when the new NCR address cannot be bound; the old configuration stays
   */
  void apply(D2Config config) throws IOException;

  /** Starts a shutdown of the given type; the process exits with {@code exitValue}. */
  void shutdown(ShutdownType type, int exitValue);
}
