package io.d2j.d2.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The unix control socket: from Kea 2.2's {@code control-socket} map or the unix entry of Kea
 * 2.7.2+'s {@code control-sockets} list.
 *
 * @param socketName the socket file, resolved against the configuration file's directory
 * @param mode the file mode the socket is created with (default 0600: the socket accepts config-set
 *     and shutdown, so only its owner may use it)
 */
public record ControlSocketSpec(Path socketName, int mode) {

  public static final int DEFAULT_MODE = 0600;

  public ControlSocketSpec {
    Objects.requireNonNull(socketName, "socketName");
    if (mode < 0 || mode > 0777) {
      throw new IllegalArgumentException("mode: must be an octal mode 0000..0777, got " + mode);
    }
  }
}
