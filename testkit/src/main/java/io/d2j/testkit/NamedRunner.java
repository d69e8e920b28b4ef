package io.d2j.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How a {@link BindServer} runs named: the local binary, or the ISC image under Docker. */
sealed interface NamedRunner permits LocalNamed, DockerNamed {

  /**
   * The local named if installed, else Docker if it is usable, else nothing. With the system
   * property {@code d2j.named=docker}, Docker only (the tests of the Docker path, where a local
   * named exists too).
   */
  static Optional<NamedRunner> detect() {
    if ("docker".equals(System.getProperty("d2j.named"))) {
      return DockerNamed.dockerUsable() ? Optional.of(new DockerNamed()) : Optional.empty();
    }
    Optional<Path> named = LocalNamed.locate();
    if (named.isPresent()) {
      return Optional.of(new LocalNamed(named.get()));
    }
    if (DockerNamed.dockerUsable()) {
      return Optional.of(new DockerNamed());
    }
    return Optional.empty();
  }

  /**
   * Writes named.conf and the zone files into {@code dir} for a named on 127.0.0.1:{@code port}.
   */
  void render(Path dir, int port, List<TestKey> keys) throws IOException;

  /**
   * Starts named on the files of {@link #render}; returns without waiting for it to answer.
   *
   * @throws PortInUseException when the port turned out to be taken
   */
  void start(Path dir, int port) throws IOException;

  boolean isAlive();

  /** Stops named; its directory and journals stay. Does nothing if it is not running. */
  void stop();

  /** Everything named logged, over all starts. */
  String log();

  /** The port was free when chosen but someone bound it first; retry with another. */
  final class PortInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String message) {
      super(message);
    }
  }
}
