package io.d2j.d2.config;

import static io.d2j.keaconfig.ConfigChecks.asMap;
import static io.d2j.keaconfig.ConfigChecks.at;

import io.d2j.keaconfig.ConfigChecks;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kea 2.2's single {@code control-socket} map, or the unix entry of 2.7.2+'s {@code
 * control-sockets} list (at most one unix entry; http/https entries load with a warning since d2j
 * serves commands on the unix socket only). Keys as d2_parser.yy's {@code control_socket_param}.
 */
final class ControlSocketsParser {

  private static final Set<String> UNIX_SOCKET_KEYS =
      Set.of("socket-type", "socket-name", "user-context", "comment");
  private static final Set<String> HTTP_SOCKET_KEYS =
      Set.of(
          "socket-type",
          "socket-address",
          "socket-port",
          "trust-anchor",
          "cert-file",
          "key-file",
          "cert-required",
          "authentication",
          "http-headers",
          "user-context",
          "comment");

  private ControlSocketsParser() {}

  static Optional<ControlSocketSpec> parse(ConfigMap d2, Path baseDir, List<String> warnings) {
    if (d2.has("control-socket") && d2.has("control-sockets")) {
      throw at(d2, "control-sockets", "give either control-socket or control-sockets, not both");
    }
    Optional<ConfigMap> legacy = d2.optMap("control-socket");
    if (legacy.isPresent()) {
      return Optional.of(parseUnixSocket(legacy.get(), baseDir));
    }
    Optional<ConfigList> list = d2.optList("control-sockets");
    if (list.isEmpty()) {
      return Optional.empty();
    }
    ControlSocketSpec unix = null;
    for (ConfigNode item : list.get()) {
      ConfigMap socket = asMap(item);
      String type = socket.requireString("socket-type");
      if ("http".equals(type) || "https".equals(type)) {
        socket.rejectUnknownKeys(HTTP_SOCKET_KEYS);
        ConfigChecks.checkContext(socket);
        warnings.add(
            socket.path()
                + ": "
                + type
                + " control sockets are not served by d2j; use the unix socket");
        continue;
      }
      if (unix != null) {
        throw socket.error("only one unix control socket may be configured");
      }
      unix = parseUnixSocket(socket, baseDir);
    }
    return Optional.ofNullable(unix);
  }

  private static ControlSocketSpec parseUnixSocket(ConfigMap socket, Path baseDir) {
    socket.rejectUnknownKeys(UNIX_SOCKET_KEYS);
    ConfigChecks.checkContext(socket);
    String type = socket.optString("socket-type").orElse("unix");
    if (!"unix".equals(type)) {
      throw at(socket, "socket-type", "expected unix, http or https, got '" + type + "'");
    }
    String name = ConfigChecks.nonBlank(socket, "socket-name", "socket-name");
    return new ControlSocketSpec(baseDir.resolve(name), socketMode(socket));
  }

  /**
   * d2j's own setting, where Kea ignores it: {@code "user-context": {"d2j": {"socket-mode":
   * "0660"}}} in the socket map widens (or narrows) the socket file's mode from 0600.
   */
  private static int socketMode(ConfigMap socket) {
    Optional<ConfigMap> d2j =
        socket.optMap("user-context").flatMap(context -> context.optMap("d2j"));
    if (d2j.isEmpty()) {
      return ControlSocketSpec.DEFAULT_MODE;
    }
    d2j.get().rejectUnknownKeys(Set.of("socket-mode"));
    Optional<String> text = d2j.get().optString("socket-mode");
    if (text.isEmpty()) {
      return ControlSocketSpec.DEFAULT_MODE;
    }
    if (!text.get().matches("0?[0-7]{3}")) {
      throw at(
          d2j.get(),
          "socket-mode",
          "socket-mode must be an octal file mode such as \"0600\", got '" + text.get() + "'");
    }
    return Integer.parseInt(text.get(), 8);
  }
}
