package io.d2j.d2.config;

import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.ConfigString;
import io.d2j.ncr.IpAddresses;
import io.d2j.tsig.TsigAlgorithm;
import io.d2j.tsig.TsigKeyRing;
import io.d2j.tsig.TsigKeySpec;
import io.d2j.tsig.TsigSecret;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed Kea configuration file into a {@link D2Config}: one parse method per scope, every
 * rule reported with the JSON path and source position of the offending value.
 */
public final class D2ConfigParser {

  private static final Set<String> TOP_LEVEL_IGNORED =
      Set.of("Dhcp4", "Dhcp6", "Control-agent", "Logging");
  private static final Set<String> GLOBAL_KEYS =
      Set.of(
          "ip-address",
          "port",
          "dns-server-timeout",
          "ncr-protocol",
          "ncr-format",
          "tsig-keys",
          "forward-ddns",
          "reverse-ddns",
          "control-socket",
          "control-sockets",
          "hooks-libraries",
          "loggers",
          "user-context",
          "comment");
  private static final Set<String> KEY_KEYS =
      Set.of(
          "name", "algorithm", "digest-bits", "secret", "secret-file", "user-context", "comment");
  private static final Set<String> DIRECTION_KEYS =
      Set.of("ddns-domains", "user-context", "comment");
  private static final Set<String> DOMAIN_KEYS =
      Set.of("name", "key-name", "dns-servers", "user-context", "comment");
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
  private static final Set<String> SERVER_KEYS =
      Set.of("ip-address", "hostname", "port", "key-name", "user-context", "comment");

  private final List<String> warnings = new ArrayList<>();
  private final Path baseDir;

  private D2ConfigParser(Path baseDir) {
    this.baseDir = baseDir;
  }

  /**
   * Parses a whole configuration file's root map ({@code {"DhcpDdns": {...}}}).
   *
   * @param baseDir where relative {@code secret-file} paths are resolved
   * @throws ConfigException naming the JSON path and position of the first problem
   */
  public static D2Config parse(ConfigMap root, Path baseDir) {
    return new D2ConfigParser(baseDir).parseRoot(root);
  }

  private D2Config parseRoot(ConfigMap root) {
    for (String key : root.keys()) {
      if (TOP_LEVEL_IGNORED.contains(key)) {
        warnings.add("/" + key + ": ignored; this file is read by the DHCP-DDNS server only");
      } else if (!"DhcpDdns".equals(key)) {
        ConfigNode node = root.get(key).orElseThrow();
        throw new ConfigException(
            node.path(), node.position(), "unknown top-level object '" + key + "'");
      }
    }
    return parseGlobal(root.requireMap("DhcpDdns"));
  }

  private D2Config parseGlobal(ConfigMap d2) {
    d2.rejectUnknownKeys(GLOBAL_KEYS);
    InetAddress ip = parseListenAddress(d2);
    int port = (int) rangeChecked(d2, "port", D2Defaults.PORT, 1, 65535);
    long timeout =
        rangeChecked(
            d2, "dns-server-timeout", D2Defaults.DNS_SERVER_TIMEOUT_MS, 1, Integer.MAX_VALUE);
    String protocol = d2.optString("ncr-protocol").orElse(D2Defaults.NCR_PROTOCOL);
    if ("TCP".equals(protocol)) {
      throw at(
          d2, "ncr-protocol", "TCP is not supported for NameChangeRequests (nor by Kea); use UDP");
    } else if (!"UDP".equals(protocol)) {
      throw at(d2, "ncr-protocol", "expected UDP or TCP, got '" + protocol + "'");
    }
    String format = d2.optString("ncr-format").orElse(D2Defaults.NCR_FORMAT);
    if (!"JSON".equals(format)) {
      throw at(d2, "ncr-format", "only JSON is supported, got '" + format + "'");
    }
    List<TsigKeySpec> keys = parseKeys(d2.optList("tsig-keys"));
    TsigKeyRing ring = new TsigKeyRing(keys);
    List<DdnsDomain> forward = parseDirection(d2.optMap("forward-ddns"), ring);
    List<DdnsDomain> reverse = parseDirection(d2.optMap("reverse-ddns"), ring);
    Optional<ControlSocketSpec> control = parseControlSockets(d2);
    noteNotYetHonoured(d2);
    return new D2Config(
        ip,
        port,
        Duration.ofMillis(timeout),
        keys,
        forward,
        reverse,
        control,
        d2,
        List.copyOf(warnings));
  }

  private InetAddress parseListenAddress(ConfigMap d2) {
    String text = d2.optString("ip-address").orElse(D2Defaults.IP_ADDRESS);
    InetAddress ip = ipLiteral(d2, "ip-address", text);
    if (ip.isAnyLocalAddress()) {
      warnings.add(
          "DHCP_DDNS_LISTENING_ON_ALL_INTERFACES /ip-address: listening for NCRs on "
              + text
              + " accepts them from every interface; prefer the loopback address");
    } else if (!ip.isLoopbackAddress()) {
      warnings.add(
          "DHCP_DDNS_NOT_ON_LOOPBACK /ip-address: listening for NCRs on "
              + text
              + ", which is not a loopback address; NCRs are not authenticated");
    }
    return ip;
  }

  private List<TsigKeySpec> parseKeys(Optional<ConfigList> list) {
    List<TsigKeySpec> keys = new ArrayList<>();
    Map<String, ConfigNode> seen = new HashMap<>();
    if (list.isEmpty()) {
      return keys;
    }
    for (ConfigNode item : list.get()) {
      ConfigMap key = asMap(item);
      key.rejectUnknownKeys(KEY_KEYS);
      String name = key.requireString("name");
      if (name.isBlank()) {
        throw at(key, "name", "TSIG key name must not be blank");
      }
      String canonical = absolute(name).toLowerCase(java.util.Locale.ROOT);
      ConfigNode first = seen.putIfAbsent(canonical, key.require("name"));
      if (first != null) {
        throw at(
            key,
            "name",
            "duplicate TSIG key name '" + name + "' (first at " + first.position() + ")");
      }
      TsigAlgorithm algorithm;
      try {
        algorithm = TsigAlgorithm.fromKeaName(key.requireString("algorithm"));
      } catch (IllegalArgumentException e) {
        throw at(key, "algorithm", e.getMessage());
      }
      long bits = key.optLong("digest-bits").orElse(D2Defaults.DIGEST_BITS);
      TsigSecret secret = parseSecret(key);
      try {
        keys.add(new TsigKeySpec(name, algorithm, (int) Math.min(bits, 1 << 20), secret));
      } catch (IllegalArgumentException e) {
        throw at(key, key.has("digest-bits") ? "digest-bits" : "name", e.getMessage());
      }
    }
    return keys;
  }

  private TsigSecret parseSecret(ConfigMap key) {
    // secret-file wins over secret (Kea 2.5.8+).
    Optional<String> file = key.optString("secret-file");
    if (file.isPresent()) {
      Path path = baseDir.resolve(file.get());
      try {
        return TsigSecret.fromFile(path);
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        throw at(key, "secret-file", e.getMessage());
      }
    }
    if (!key.has("secret")) {
      throw key.error("missing mandatory 'secret' (or 'secret-file')");
    }
    String b64 = key.requireString("secret");
    if (b64.isBlank()) {
      throw at(key, "secret", "TSIG key secret must not be blank");
    }
    try {
      return TsigSecret.fromBase64(b64);
    } catch (IllegalArgumentException e) {
      throw at(key, "secret", e.getMessage());
    }
  }

  private List<DdnsDomain> parseDirection(Optional<ConfigMap> direction, TsigKeyRing ring) {
    List<DdnsDomain> domains = new ArrayList<>();
    if (direction.isEmpty()) {
      return domains;
    }
    direction.get().rejectUnknownKeys(DIRECTION_KEYS);
    Optional<ConfigList> list = direction.get().optList("ddns-domains");
    if (list.isEmpty()) {
      return domains;
    }
    Map<String, ConfigNode> seen = new HashMap<>();
    for (ConfigNode item : list.get()) {
      ConfigMap domain = asMap(item);
      domain.rejectUnknownKeys(DOMAIN_KEYS);
      String name = domain.requireString("name");
      if (name.isBlank()) {
        throw at(domain, "name", "domain name must not be blank");
      }
      // Kea compares domain names as exact strings here ("A." and "a." are both accepted).
      ConfigNode first = seen.putIfAbsent(name, domain.require("name"));
      if (first != null) {
        throw at(
            domain,
            "name",
            "duplicate domain name '" + name + "' (first at " + first.position() + ")");
      }
      if (!name.endsWith(".") && !DdnsDomain.WILDCARD.equals(name)) {
        warnings.add(
            domain.path()
                + "/name: domain '"
                + name
                + "' has no trailing dot; names are matched as strings, so it can never match"
                + " a fully qualified name; write '"
                + name
                + ".'");
      }
      Optional<TsigKeySpec> domainKey = keyRef(domain, ring);
      if (!domain.has("dns-servers")) {
        throw domain.error("missing mandatory 'dns-servers' for domain '" + name + "'");
      }
      ConfigList serverList = domain.requireList("dns-servers");
      if (serverList.size() == 0) {
        throw at(domain, "dns-servers", "domain '" + name + "' must list at least one DNS server");
      }
      List<DnsServer> servers = new ArrayList<>();
      for (ConfigNode s : serverList) {
        servers.add(parseServer(asMap(s), domainKey, ring));
      }
      Optional<String> keyName = domain.optString("key-name").filter(k -> !k.isEmpty());
      domains.add(new DdnsDomain(name, keyName, servers));
    }
    return domains;
  }

  private DnsServer parseServer(
      ConfigMap server, Optional<TsigKeySpec> domainKey, TsigKeyRing ring) {
    server.rejectUnknownKeys(SERVER_KEYS);
    String hostname = server.optString("hostname").orElse("");
    if (!hostname.isEmpty()) {
      throw at(
          server,
          "hostname",
          "DNS servers by hostname are not supported (nor by Kea); give the server's ip-address");
    }
    String ipText = server.requireString("ip-address");
    InetAddress ip = ipLiteral(server, "ip-address", ipText);
    int port = (int) rangeChecked(server, "port", D2Defaults.DNS_SERVER_PORT, 1, 65535);
    Optional<TsigKeySpec> ownKey = keyRef(server, ring);
    Optional<String> ownKeyName =
        ownKey.isPresent() ? Optional.of(server.requireString("key-name")) : Optional.empty();
    return new DnsServer(ip, port, ownKeyName, ownKey.or(() -> domainKey));
  }

  /** Resolves an optional key-name; an empty string means "no key", as Kea's defaults write it. */
  private static Optional<TsigKeySpec> keyRef(ConfigMap map, TsigKeyRing ring) {
    Optional<String> name = map.optString("key-name");
    if (name.isEmpty() || name.get().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        ring.find(name.get())
            .orElseThrow(
                () -> at(map, "key-name", "no TSIG key named '" + name.get() + "' is defined")));
  }

  private void noteNotYetHonoured(ConfigMap d2) {
    if (d2.optList("hooks-libraries").map(l -> l.size() > 0).orElse(false)) {
      warnings.add("/DhcpDdns/hooks-libraries: accepted but not loaded; d2j runs no Kea hooks");
    }
    for (String key : List.of("loggers")) {
      if (d2.has(key)) {
        warnings.add("/DhcpDdns/" + key + ": accepted but not yet applied by this d2j version");
      }
    }
  }

  /**
   * Kea 2.2's single {@code control-socket} map, or the unix entry of 2.7.2+'s {@code
   * control-sockets} list (at most one unix entry; http/https entries load with a warning since d2j
   * serves commands on the unix socket only).
   */
  private Optional<ControlSocketSpec> parseControlSockets(ConfigMap d2) {
    if (d2.has("control-socket") && d2.has("control-sockets")) {
      throw at(d2, "control-sockets", "give either control-socket or control-sockets, not both");
    }
    Optional<ConfigMap> legacy = d2.optMap("control-socket");
    if (legacy.isPresent()) {
      return Optional.of(parseUnixSocket(legacy.get()));
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
      unix = parseUnixSocket(socket);
    }
    return Optional.ofNullable(unix);
  }

  private ControlSocketSpec parseUnixSocket(ConfigMap socket) {
    socket.rejectUnknownKeys(UNIX_SOCKET_KEYS);
    String type = socket.optString("socket-type").orElse("unix");
    if (!"unix".equals(type)) {
      throw at(socket, "socket-type", "expected unix, http or https, got '" + type + "'");
    }
    String name = socket.requireString("socket-name");
    if (name.isBlank()) {
      throw at(socket, "socket-name", "socket-name must not be blank");
    }
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

  private static long rangeChecked(ConfigMap map, String key, long dflt, long min, long max) {
    long value = map.optLong(key).orElse(dflt);
    if (value < min || value > max) {
      throw at(map, key, key + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** Parses an address literal; never resolves a host name. */
  private static InetAddress ipLiteral(ConfigMap map, String key, String text) {
    try {
      return IpAddresses.parse(text);
    } catch (IllegalArgumentException e) {
      throw at(map, key, "'" + text + "' is not an IPv4 or IPv6 address");
    }
  }

  private static ConfigMap asMap(ConfigNode node) {
    if (node instanceof ConfigMap m) {
      return m;
    }
    throw new ConfigException(
        node.path(), node.position(), "expected a map, got " + node.typeName());
  }

  private static ConfigException at(ConfigMap map, String key, String reason) {
    ConfigNode node = map.get(key).orElse(null);
    if (node == null) {
      return map.error(reason);
    }
    if (node instanceof ConfigString s) {
      return s.error(reason);
    }
    return new ConfigException(node.path(), node.position(), reason);
  }

  private static String absolute(String name) {
    return name.endsWith(".") ? name : name + ".";
  }
}
