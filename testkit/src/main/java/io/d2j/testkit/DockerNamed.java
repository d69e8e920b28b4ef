package io.d2j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * BIND in a container, for machines without a local named: ISC's BIND 9.18 image, or the one the
 * system property {@code d2j.bind.image} names (e.g. {@code d2j/bind9:local}, Debian's bind9 built
 * by docker-compose.yml, where no registry is reachable). The container shares the host's network
 * (named listens on 127.0.0.1 and the chosen port, as the local one does: no port publishing, no
 * bridge needed); the work directory is mounted, so journals survive a restart.
 */
final class DockerNamed implements NamedRunner {
  static final String DEFAULT_IMAGE = "internetsystemsconsortium/bind9:9.18";
  private static final String DIR_IN_CONTAINER = "/d2j-bind";

  private final StringBuilder earlierLogs = new StringBuilder();
  private GenericContainer<?> container;

  /**
   * Asks Testcontainers only when a Docker endpoint plausibly exists: its own probing is slow and
   * logs loudly, and a machine without Docker must skip quietly.
   */
  static boolean dockerUsable() {
    String home = System.getProperty("user.home", "");
    boolean endpointHinted =
        System.getenv("DOCKER_HOST") != null
            || System.getProperty("DOCKER_HOST") != null
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
            || Files.exists(Path.of(home, ".testcontainers.properties"));
    if (!endpointHinted) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public void render(Path dir, int port, List<TestKey> keys) throws IOException {
    TestZones.render(dir, DIR_IN_CONTAINER, "127.0.0.1", port, keys);
  }

  @Override
  @SuppressWarnings("resource") // closed in stop()
  public void start(Path dir, int port) throws IOException {
    DockerImageName image = image();
    GenericContainer<?> started =
        new GenericContainer<>(image)
            .withFileSystemBind(dir.toString(), DIR_IN_CONTAINER, BindMode.READ_WRITE)
            .withCommand("/usr/sbin/named", "-g", "-c", DIR_IN_CONTAINER + "/named.conf")
            .withNetworkMode("host");
    try {
      started.start();
    } catch (RuntimeException e) {
      started.close();
      String message = String.valueOf(e.getMessage());
      if (message.contains("address already in use") || message.contains("port is already")) {
        throw new PortInUseException("127.0.0.1:" + port + ": " + message);
      }
      throw new IOException("cannot start " + image + ": " + message, e);
    }
    container = started;
  }

  /** Read at each start, so that a test may set the property after this class has loaded. */
  static DockerImageName image() {
    return DockerImageName.parse(System.getProperty("d2j.bind.image", DEFAULT_IMAGE));
  }

  @Override
  public boolean isAlive() {
    return container != null && container.isRunning();
  }

  @Override
  public void stop() {
    if (container != null) {
      earlierLogs.append(container.getLogs());
      container.stop();
      container = null;
    }
  }

  @Override
  public String log() {
    return container == null ? earlierLogs.toString() : earlierLogs + container.getLogs();
  }
}
