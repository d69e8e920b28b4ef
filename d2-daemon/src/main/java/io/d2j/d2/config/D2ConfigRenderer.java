package io.d2j.d2.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keacontrol.logging.LoggerOutput;
import io.d2j.keacontrol.logging.LoggerSpec;
import io.d2j.ncr.IpAddresses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The effective configuration as Kea 2.2's {@code config-get} prints it (d2-behaviour.md §5.3):
 *
 * <pre>{@code
 * {"DhcpDdns": {"dns-server-timeout": 500, "forward-ddns": {"ddns-domains": [
 *    {"dns-servers": [{"hostname": "", "ip-address": "192.0.2.53", "port": 53}], "name": "example.org."}]},
 *  "hooks-libraries": [], "ip-address": "127.0.0.1", "ncr-format": "JSON", "ncr-protocol": "UDP",
 *  "port": 53001, "reverse-ddns": {"ddns-domains": []}, "tsig-keys": []}}
 * }</pre>
 *
 * <p>As in Kea: the five global scalars, {@code tsig-keys}, both directions and {@code
 * hooks-libraries} always appear; every key has {@code digest-bits}, every server {@code hostname}
 * and {@code port}; a domain's {@code key-name} only when not empty, a server's only when set on
 * the server itself; {@code comment} becomes {@code user-context.comment}; keys and domains are
 * listed by name and map members alphabetically (Kea keeps them in sorted maps), servers and
 * loggers in file order. A clear-text {@code secret} is shown as {@code *****} unless {@code
 * user-context.d2j.config-get-secrets} is {@code "show"}; a key read from {@code secret-file} shows
 * the file name, as Kea 2.5.8+ does.
 */
public final class D2ConfigRenderer {

  /** What a redacted secret reads as (Kea's redaction text in its logs). */
  public static final String REDACTED = "*****";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final D2jSettings.SecretDisplay secrets;

  private D2ConfigRenderer(D2jSettings.SecretDisplay secrets) {
    this.secrets = secrets;
  }

  /** Renders for config-get, showing secrets as the configuration's d2j settings ask. */
  public static ObjectNode render(D2Config config) {
    return render(config, config.d2j().configGetSecrets());
  }

  /**
   * Renders with an explicit secret display; {@code SHOW} is what a file meant to be loaded again
   * (config-write) needs, since {@code *****} is not a valid secret.
   */
  public static ObjectNode render(D2Config config, D2jSettings.SecretDisplay secrets) {
    ObjectNode root = JSON.objectNode();
    root.set("DhcpDdns", new D2ConfigRenderer(secrets).global(config));
    return root;
  }

  private ObjectNode global(D2Config config) {
    ConfigMap src = config.source();
    ObjectNode d2 = JSON.objectNode();
    context(src).ifPresent(uc -> d2.set("user-context", uc));
    d2.put("ip-address", IpAddresses.format(config.ipAddress()));
    d2.put("port", config.port());
    d2.put("dns-server-timeout", config.dnsServerTimeout().toMillis());
    d2.put("ncr-protocol", src.optString("ncr-protocol").orElse(D2Defaults.NCR_PROTOCOL));
    d2.put("ncr-format", src.optString("ncr-format").orElse(D2Defaults.NCR_FORMAT));
    d2.set("forward-ddns", direction(src.optMap("forward-ddns")));
    d2.set("reverse-ddns", direction(src.optMap("reverse-ddns")));
    ArrayNode keys = JSON.arrayNode();
    byName(src.optList("tsig-keys")).forEach(k -> keys.add(key(k)));
    d2.set("tsig-keys", keys);
    for (String socket : List.of("control-socket", "control-sockets")) {
      src.get(socket).ifPresent(s -> d2.set(socket, commentsToContext(s.toJson())));
    }
    d2.set(
        "hooks-libraries",
        src.get("hooks-libraries").map(ConfigNode::toJson).orElse(JSON.arrayNode()));
    src.optList("loggers").ifPresent(l -> d2.set("loggers", loggers(l, config.loggers())));
    return (ObjectNode) sorted(d2);
  }

  private ObjectNode direction(Optional<ConfigMap> direction) {
    ArrayNode domains = JSON.arrayNode();
    byName(direction.flatMap(d -> d.optList("ddns-domains"))).forEach(d -> domains.add(domain(d)));
    ObjectNode out = JSON.objectNode();
    out.set("ddns-domains", domains);
    return out;
  }

  private static ObjectNode domain(ConfigMap d) {
    ObjectNode out = JSON.objectNode();
    context(d).ifPresent(uc -> out.set("user-context", uc));
    out.put("name", d.requireString("name"));
    ArrayNode servers = JSON.arrayNode();
    for (ConfigNode s : d.requireList("dns-servers")) {
      servers.add(server((ConfigMap) s));
    }
    out.set("dns-servers", servers);
    d.optString("key-name").filter(k -> !k.isEmpty()).ifPresent(k -> out.put("key-name", k));
    return out;
  }

  private static ObjectNode server(ConfigMap s) {
    ObjectNode out = JSON.objectNode();
    context(s).ifPresent(uc -> out.set("user-context", uc));
    out.put("hostname", s.optString("hostname").orElse(D2Defaults.DNS_SERVER_HOSTNAME));
    out.put("ip-address", IpAddresses.format(IpAddresses.parse(s.requireString("ip-address"))));
    out.put("port", s.optLong("port").orElse(D2Defaults.DNS_SERVER_PORT));
    s.optString("key-name").filter(k -> !k.isEmpty()).ifPresent(k -> out.put("key-name", k));
    return out;
  }

  private ObjectNode key(ConfigMap k) {
    ObjectNode out = JSON.objectNode();
    context(k).ifPresent(uc -> out.set("user-context", uc));
    out.put("name", k.requireString("name"));
    out.put("algorithm", k.requireString("algorithm"));
    out.put("digest-bits", k.optLong("digest-bits").orElse(D2Defaults.DIGEST_BITS));
    Optional<String> file = k.optString("secret-file");
    if (file.isPresent()) {
      out.put("secret-file", file.get());
    } else {
      String secret = k.requireString("secret");
      out.put("secret", secrets == D2jSettings.SecretDisplay.SHOW ? secret : REDACTED);
    }
    return out;
  }

  /**
   * Loggers as Kea's LoggingInfo prints them: output options under Kea 2.2's {@code output_options}
   * (which every Kea version reads back), maxver/maxsize only for files, the severity in capitals
   * and omitted when the file leaves it to be inherited.
   */
  private static ArrayNode loggers(ConfigList source, List<LoggerSpec> specs) {
    ArrayNode out = JSON.arrayNode();
    for (int i = 0; i < source.size(); i++) {
      ConfigMap l = (ConfigMap) source.get(i);
      LoggerSpec spec = specs.get(i);
      ObjectNode logger = JSON.objectNode();
      context(l).ifPresent(uc -> logger.set("user-context", uc));
      logger.put("name", spec.name());
      Optional<ConfigList> outputs =
          l.optList("output-options").or(() -> l.optList("output_options"));
      if (outputs.isPresent()) {
        ArrayNode opts = JSON.arrayNode();
        for (int j = 0; j < outputs.get().size(); j++) {
          opts.add(output((ConfigMap) outputs.get().get(j), spec.outputs().get(j)));
        }
        logger.set("output_options", opts);
      }
      spec.severity().ifPresent(s -> logger.put("severity", s.name()));
      logger.put("debuglevel", spec.debugLevel());
      out.add(logger);
    }
    return out;
  }

  private static ObjectNode output(ConfigMap src, LoggerOutput spec) {
    ObjectNode out = JSON.objectNode();
    out.put("output", src.requireString("output"));
    out.put("flush", spec.flush());
    out.put("pattern", spec.pattern().orElse(""));
    if (spec.destination() instanceof LoggerOutput.LogFile) {
      out.put("maxver", spec.maxVersions());
      out.put("maxsize", spec.maxSize());
    }
    return out;
  }

  /** user-context with comment folded in, as Kea stores both. */
  private static Optional<ObjectNode> context(ConfigMap m) {
    Optional<ConfigMap> uc = m.optMap("user-context");
    Optional<String> comment = m.optString("comment");
    if (uc.isEmpty() && comment.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode out = uc.map(u -> (ObjectNode) u.toJson()).orElseGet(JSON::objectNode);
    comment.ifPresent(c -> out.put("comment", c));
    return Optional.of(out);
  }

  /** The same fold, through a whole control-socket tree (authentication and clients too). */
  private static JsonNode commentsToContext(JsonNode node) {
    if (node.isArray()) {
      ArrayNode out = JSON.arrayNode();
      node.forEach(n -> out.add(commentsToContext(n)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = JSON.objectNode();
    JsonNode comment = node.get("comment");
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("comment") && !e.getKey().equals("user-context")) {
                out.set(e.getKey(), commentsToContext(e.getValue()));
              }
            });
    if (comment != null || node.has("user-context")) {
      ObjectNode uc =
          node.has("user-context")
              ? ((ObjectNode) node.get("user-context")).deepCopy()
              : JSON.objectNode();
      if (comment != null) {
        uc.set("comment", comment);
      }
      out.set("user-context", uc);
    }
    return out;
  }

  private static List<ConfigMap> byName(Optional<ConfigList> list) {
    List<ConfigMap> items = new ArrayList<>();
    list.ifPresent(l -> l.forEach(n -> items.add((ConfigMap) n)));
    items.sort(Comparator.comparing(m -> m.requireString("name")));
    return items;
  }

  /** Map members in alphabetical order, recursively, as Kea's std::map-backed maps print. */
  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> members = new TreeMap<>();
      node.fields().forEachRemaining(e -> members.put(e.getKey(), sorted(e.getValue())));
      ObjectNode out = JSON.objectNode();
      members.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.arrayNode();
      node.forEach(n -> out.add(sorted(n)));
      return out;
    }
    return node;
  }
}
