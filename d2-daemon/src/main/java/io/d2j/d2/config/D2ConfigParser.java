package io.d2j.d2.config;

import static io.d2j.keaconfig.ConfigChecks.asMap;
import static io.d2j.keaconfig.ConfigChecks.at;
import static io.d2j.keaconfig.ConfigChecks.nonBlank;
import static io.d2j.keaconfig.ConfigChecks.rangeChecked;

import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.domain.DnsServer;
import io.d2j.keaconfig.ConfigChecks;
import io.d2j.keaconfig.ConfigException;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keacontrol.logging.LoggerSpec;
import io.d2j.keacontrol.logging.LoggersParser;
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
  // Kea's grammar allows no user-context or comment in forward-ddns / reverse-ddns.
  private static final Set<String> DIRECTION_KEYS = Set.of("ddns-domains");
  private static final Set<String> HOOK_KEYS = Set.of("library", "parameters");
  private static final Set<String> DOMAIN_KEYS =
      Set.of("name", "key-name", "dns-servers", "user-context", "comment");
  private static final Set<String> SERVER_KEYS =
      Set.of("ip-address", "hostname", "port", "key-name", "user-context", "comment");

  private final List<String> warnings = new ArrayList<>();
  private final Path baseDir;
  private D2jSettings d2j = D2jSettings.DEFAULTS;

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
    ConfigChecks.checkContext(d2);
    d2j = D2jSettingsParser.parse(d2, baseDir);
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
    Optional<ControlSocketSpec> control = ControlSocketsParser.parse(d2, baseDir, warnings);
    parseHooks(d2.optList("hooks-libraries"));
    List<LoggerSpec> loggers = new LoggersParser(baseDir, warnings).parse(d2.optList("loggers"));
    return new D2Config(
        ip,
        port,
        Duration.ofMillis(timeout),
        keys,
        forward,
        reverse,
        control,
        loggers,
        d2j,
        d2,
        List.copyOf(warnings));
  }

  private InetAddress parseListenAddress(ConfigMap d2) {
    String text = d2.optString("ip-address").orElse(D2Defaults.IP_ADDRESS);
    InetAddress ip = ipLiteral(d2, "ip-address", text);
    if (ip.isAnyLocalAddress()) {
      warnings.add(
          "DHCP_DDNS_LISTENING_ON_ALL_INTERFACES "
              + d2.path()
              + "/ip-address: listening for NCRs on "
              + text
              + " accepts them from every interface; prefer the loopback address");
    } else if (!ip.isLoopbackAddress()) {
      warnings.add(
          "DHCP_DDNS_NOT_ON_LOOPBACK "
              + d2.path()
              + "/ip-address: listening for NCRs on "
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
      ConfigChecks.checkContext(key);
      String name = nonBlank(key, "name", "TSIG key name");
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
        algorithm = TsigAlgorithm.fromKeaName(nonBlank(key, "algorithm", "TSIG key algorithm"));
      } catch (IllegalArgumentException e) {
        throw at(key, "algorithm", e.getMessage());
      }
      long bits = key.optLong("digest-bits").orElse(D2Defaults.DIGEST_BITS);
      TsigSecret secret = parseSecret(key);
      try {
        keys.add(new TsigKeySpec(name, algorithm, (int) Math.min(bits, 1 << 20), secret));
      } catch (IllegalArgumentException e) {
        String field = key.has("digest-bits") ? "digest-bits" : "name";
        throw at(key, field, withoutField(field, e));
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
        throw at(key, "secret-file", withoutField("secret-file", e));
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
      throw at(key, "secret", withoutField("secret", e));
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
      ConfigChecks.checkContext(domain);
      String written = nonBlank(domain, "name", "domain name");
      String name = effectiveName(domain, written);
      // Kea compares domain names as exact strings here ("A." and "a." are both accepted).
      ConfigNode first = seen.putIfAbsent(name, domain.require("name"));
      if (first != null) {
        throw at(
            domain,
            "name",
            "duplicate domain name '" + name + "' (first at " + first.position() + ")");
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
    ConfigChecks.checkContext(server);
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

  /**
   * The name the domain is matched and updated under. Kea matches names as strings, so one written
   * without the trailing dot never matches (§6.1); d2j says so by name at load time (§6.5) and,
   * when {@code normalize-domain-names} is on, adds the dot.
   */
  private String effectiveName(ConfigMap domain, String written) {
    if (written.endsWith(".") || DdnsDomain.WILDCARD.equals(written)) {
      return written;
    }
    String path = domain.path() + "/name: domain '" + written + "' has no trailing dot; ";
    if (d2j.normalizeDomainNames()) {
      warnings.add(path + "normalize-domain-names is on, so it is matched as '" + written + ".'");
      return written + ".";
    }
    warnings.add(
        path
            + "names are matched as strings, so it can never match a fully qualified name;"
            + " write '"
            + written
            + ".'");
    return written;
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

  /**
   * Kea's hook libraries are shared objects for Kea's C++ process; d2j accepts the list (so the
   * file stays Kea's) and says, per library, that it is not loaded.
   */
  private void parseHooks(Optional<ConfigList> list) {
    if (list.isEmpty()) {
      return;
    }
    for (ConfigNode item : list.get()) {
      ConfigMap hook = asMap(item);
      hook.rejectUnknownKeys(HOOK_KEYS);
      String library = nonBlank(hook, "library", "library");
      hook.optMap("parameters");
      String consequence =
          library.contains("gss_tsig")
              ? "; updates for servers it would sign with GSS-TSIG go out unsigned"
              : "";
      warnings.add(
          hook.path()
              + ": hook library '"
              + library
              + "' is not loaded; d2j runs no Kea hooks"
              + consequence);
    }
  }

  /** The tsig library names the field in its messages; the JSON path already does. */
  private static String withoutField(String field, RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    return message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
  }

  private static String absolute(String name) {
    return name.endsWith(".") ? name : name + ".";
  }

  /** Parses an address literal; never resolves a host name. */
  private static InetAddress ipLiteral(ConfigMap map, String key, String text) {
    try {
      return IpAddresses.parse(text);
    } catch (IllegalArgumentException e) {
      throw at(map, key, "'" + text + "' is not an IPv4 or IPv6 address");
    }
  }
}
