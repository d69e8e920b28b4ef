package io.d2j.dhcp4.ha;

import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keacontrol.files.FileArea;
import io.d2j.keacontrol.files.PathGuard;
import io.d2j.keacontrol.files.PathKind;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the {@code parameters} of a {@code libdhcp_ha.so} hook entry into a {@link HaConfig}, with
 * Kea 2.2's defaults, ranges and role rules (spec §6.2). Every error names the JSON path and source
 * position of the offending value; unknown keys are errors. The keys Kea 2.3+ added ({@code
 * max-rejected-lease-updates}, {@code basic-auth-user-file}) are read too.
 */
public final class HaConfigParser {

  private static final long UINT16 = 0xFFFFL;
  private static final long UINT32 = 0xFFFF_FFFFL;
  private static final Set<String> RELATIONSHIP_KEYS =
      Set.of(
          "this-server-name",
          "mode",
          "heartbeat-delay",
          "max-response-delay",
          "max-ack-delay",
          "max-unacked-clients",
          "max-rejected-lease-updates",
          "delayed-updates-limit",
          "send-lease-updates",
          "sync-leases",
          "sync-timeout",
          "sync-page-limit",
          "wait-backup-ack",
          "restrict-commands",
          "require-client-certs",
          "trust-anchor",
          "cert-file",
          "key-file",
          "multi-threading",
          "state-machine",
          "peers",
          "comment",
          "user-context");
  private static final Set<String> PEER_KEYS =
      Set.of(
          "name",
          "url",
          "role",
          "auto-failover",
          "basic-auth-user",
          "basic-auth-user-file",
          "basic-auth-password",
          "basic-auth-password-file",
          "trust-anchor",
          "cert-file",
          "key-file",
          "comment",
          "user-context");
  private static final Set<String> MT_KEYS =
      Set.of(
          "enable-multi-threading",
          "http-dedicated-listener",
          "http-listener-threads",
          "http-client-threads",
          "comment",
          "user-context");

  private final List<String> warnings;
  private final PathGuard guard;
  private final Path baseDir;

  /**
   * @param warnings where settings accepted with a warning are reported, each starting with its
   *     path
   * @param guard admits the password and TLS file paths (a command's configuration is restricted)
   * @param baseDir where relative file names resolve
   */
  public HaConfigParser(List<String> warnings, PathGuard guard, Path baseDir) {
    this.warnings = warnings;
    this.guard = guard;
    this.baseDir = baseDir;
  }

  /** Parses a {@code libdhcp_ha.so} entry's {@code parameters} map. */
  public HaConfig parse(ConfigMap parameters) {
    parameters.rejectUnknownKeys(Set.of("high-availability"));
    ConfigList list = parameters.requireList("high-availability");
    if (list.items().size() != 1) {
      throw list.error(
          "exactly one relationship is supported (as in Kea 2.2), got " + list.items().size());
    }
    return relationship(asMap(list.items().get(0)));
  }

  private HaConfig relationship(ConfigMap c) {
    c.rejectUnknownKeys(RELATIONSHIP_KEYS);
    HaMode mode = enumValue(c, "mode", HaMode.fromWire(c.requireString("mode")), modeNames());
    String thisName = trimmedName(c, "this-server-name");
    Duration heartbeat = Duration.ofMillis(ranged(c, "heartbeat-delay", 10_000, 0, UINT16));
    Duration maxResponse = Duration.ofMillis(ranged(c, "max-response-delay", 60_000, 0, UINT16));
    Duration maxAck = Duration.ofMillis(ranged(c, "max-ack-delay", 10_000, 0, UINT16));
    long maxUnacked = ranged(c, "max-unacked-clients", 10, 0, UINT32);
    long maxRejected = ranged(c, "max-rejected-lease-updates", 10, 0, UINT32);
    long delayedLimit =
        ranged(c, "delayed-updates-limit", mode == HaMode.LOAD_BALANCING ? 100 : 0, 0, UINT32);
    // 0 would make every sync fail at run time (Kea 2.2 accepts it); refused here instead.
    Duration syncTimeout = Duration.ofMillis(ranged(c, "sync-timeout", 60_000, 1, UINT32));
    long syncPageLimit = ranged(c, "sync-page-limit", 10_000, 1, UINT32);
    boolean waitBackupAck = c.optBool("wait-backup-ack").orElse(false);
    HaConfig.MultiThreading mt = multiThreading(c);
    Map<HaState, StatePausing> pausing = stateMachine(c);
    List<HaPeer> peers = peers(c, thisName);
    if (peers.stream().noneMatch(p -> p.name().equals(thisName))) {
      throw c.require("this-server-name")
          .error("no peer is named '" + thisName + "' (this-server-name must name one of peers[])");
    }
    checkRoles(c, mode, peers, waitBackupAck, delayedLimit);
    if (heartbeat.toMillis() > 0 && maxResponse.compareTo(heartbeat) <= 0) {
      warnings.add(
          c.path()
              + ": max-response-delay ("
              + maxResponse.toMillis()
              + " ms) is not above heartbeat-delay ("
              + heartbeat.toMillis()
              + " ms): one late heartbeat makes communication count as interrupted");
    }
    return new HaConfig(
        thisName,
        mode,
        heartbeat,
        maxResponse,
        maxAck,
        maxUnacked,
        maxRejected,
        delayedLimit,
        c.optBool("send-lease-updates").orElse(true),
        c.optBool("sync-leases").orElse(true),
        syncTimeout,
        syncPageLimit,
        waitBackupAck,
        c.optBool("restrict-commands").orElse(false),
        c.optBool("require-client-certs").orElse(true),
        mt,
        pausing,
        peers);
  }

  private HaConfig.MultiThreading multiThreading(ConfigMap c) {
    Optional<ConfigMap> found = c.optMap("multi-threading");
    if (found.isEmpty()) {
      return HaConfig.MultiThreading.DEFAULTS;
    }
    ConfigMap mt = found.get();
    mt.rejectUnknownKeys(MT_KEYS);
    return new HaConfig.MultiThreading(
        mt.optBool("enable-multi-threading").orElse(false),
        mt.optBool("http-dedicated-listener").orElse(false),
        ranged(mt, "http-listener-threads", 0, 0, UINT32),
        ranged(mt, "http-client-threads", 0, 0, UINT32));
  }

  private static Map<HaState, StatePausing> stateMachine(ConfigMap c) {
    Map<HaState, StatePausing> out = new EnumMap<>(HaState.class);
    Optional<ConfigMap> machine = c.optMap("state-machine");
    if (machine.isEmpty()) {
      return out;
    }
    machine.get().rejectUnknownKeys(Set.of("states", "comment", "user-context"));
    for (ConfigNode item :
        machine.get().optList("states").map(ConfigList::items).orElse(List.of())) {
      ConfigMap s = asMap(item);
      s.rejectUnknownKeys(Set.of("state", "pause", "comment", "user-context"));
      String name = s.requireString("state");
      HaState state =
          HaState.fromWire(name)
              .filter(x -> x != HaState.UNAVAILABLE)
              .orElseThrow(
                  () ->
                      s.require("state")
                          .error(
                              "unknown state '"
                                  + name
                                  + "'; expected one of "
                                  + String.join(", ", stateNames())));
      if (out.containsKey(state)) {
        throw s.require("state").error("state '" + name + "' is configured twice");
      }
      StatePausing pause =
          s.has("pause")
              ? enumValue(
                  s,
                  "pause",
                  StatePausing.fromWire(s.requireString("pause")),
                  List.of("always", "never", "once"))
              : StatePausing.NEVER;
      out.put(state, pause);
    }
    out.values().removeIf(p -> p == StatePausing.NEVER);
    return out;
  }

  private List<HaPeer> peers(ConfigMap c, String thisName) {
    ConfigList list = c.requireList("peers");
    List<HaPeer> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : list.items()) {
      ConfigMap p = asMap(item);
      p.rejectUnknownKeys(PEER_KEYS);
      String name = trimmedName(p, "name");
      if (!names.add(name)) {
        throw p.require("name").error("peer '" + name + "' is listed twice");
      }
      PeerUrl url = url(p);
      HaRole role =
          enumValue(
              p,
              "role",
              HaRole.fromWire(p.requireString("role")),
              List.of("primary", "secondary", "standby", "backup"));
      Optional<TlsFiles> tls = tls(p, c, url, name.equals(thisName));
      out.add(
          new HaPeer(
              name, url, role, p.optBool("auto-failover").orElse(true), basicAuth(p, name), tls));
    }
    if (out.isEmpty()) {
      throw list.error("peers must list this server and its partner");
    }
    return out;
  }

  /**
   * The TLS files for one peer: each of the three from the peer entry when it sets it, else from
   * the relationship; an empty string is "none".
   */
  private Optional<TlsFiles> tls(ConfigMap peer, ConfigMap rel, PeerUrl url, boolean self) {
    ConfigMap caOwner = peer.has("trust-anchor") ? peer : rel;
    ConfigMap certOwner = peer.has("cert-file") ? peer : rel;
    ConfigMap keyOwner = peer.has("key-file") ? peer : rel;
    String ca = caOwner.optString("trust-anchor").orElse("");
    String cert = certOwner.optString("cert-file").orElse("");
    String key = keyOwner.optString("key-file").orElse("");
    if (ca.isEmpty() && cert.isEmpty() && key.isEmpty()) {
      if (url.https()) {
        throw peer.require("url")
            .error(
                "an https:// URL needs TLS: set trust-anchor, cert-file and key-file (here or for"
                    + " the relationship)");
      }
      return Optional.empty();
    }
    String what = self ? "this server's peer listener" : "the connection to this peer";
    if (ca.isEmpty() || cert.isEmpty() || key.isEmpty()) {
      String missing = ca.isEmpty() ? "trust-anchor" : cert.isEmpty() ? "cert-file" : "key-file";
      throw peer.error(
          "TLS for "
              + what
              + " needs trust-anchor, cert-file and key-file together; "
              + missing
              + " is missing or empty");
    }
    return Optional.of(
        new TlsFiles(
            existing(caOwner, "trust-anchor", true),
            existing(certOwner, "cert-file", false),
            existing(keyOwner, "key-file", false)));
  }

  /** A file (or, for a trust anchor, a directory of CA certificates) that must exist now. */
  private Path existing(ConfigMap owner, String key, boolean directoryAllowed) {
    Path path = guard.admit(owner, key, baseDir, FileArea.CONFIG, PathKind.READ_FILE);
    if (!Files.isRegularFile(path) && !(directoryAllowed && Files.isDirectory(path))) {
      throw owner
          .require(key)
          .error("'" + owner.requireString(key) + "' is not a readable file (" + path + ")");
    }
    return path;
  }

  private Optional<BasicAuth> basicAuth(ConfigMap p, String name) {
    if (p.has("basic-auth-password") && p.has("basic-auth-password-file")) {
      throw p.require("basic-auth-password-file")
          .error("set basic-auth-password or basic-auth-password-file, not both");
    }
    if (p.has("basic-auth-user") && p.has("basic-auth-user-file")) {
      throw p.require("basic-auth-user-file")
          .error("set basic-auth-user or basic-auth-user-file, not both");
    }
    String password =
        p.has("basic-auth-password-file")
            ? fileContent(p, "basic-auth-password-file")
            : p.optString("basic-auth-password").orElse("");
    String user =
        p.has("basic-auth-user-file")
            ? fileContent(p, "basic-auth-user-file")
            : p.optString("basic-auth-user").orElse("");
    String userKey = p.has("basic-auth-user-file") ? "basic-auth-user-file" : "basic-auth-user";
    if (user.indexOf(':') >= 0) {
      throw p.require(userKey).error("the user of peer '" + name + "' must not contain a ':'");
    }
    if (user.isEmpty()) {
      if (p.has("basic-auth-password") || p.has("basic-auth-password-file")) {
        warnings.add(
            p.path()
                + ": a basic-auth password without a user: no credentials are sent to peer '"
                + name
                + "'");
      }
      return Optional.empty();
    }
    return Optional.of(new BasicAuth(user, password));
  }

  /** The whole content of a credentials file, as Kea reads it (a final newline is kept). */
  private String fileContent(ConfigMap owner, String key) {
    Path path = guard.admit(owner, key, baseDir, FileArea.CONFIG, PathKind.READ_FILE);
    if (!Files.isRegularFile(path)) {
      throw owner
          .require(key)
          .error("'" + owner.requireString(key) + "' is not a readable file (" + path + ")");
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw owner.require(key).error("cannot read '" + path + "': " + e.getMessage());
    }
  }

  /**
   * {@code http://ADDRESS[:PORT][/path]} or {@code https://...}; ADDRESS is an IPv4 literal or an
   * IPv6 literal in brackets.
   */
  static PeerUrl url(ConfigMap p) {
    String text = p.requireString("url");
    ConfigNode at = p.require("url");
    int colon = text.indexOf("://");
    String scheme = colon < 0 ? "" : text.substring(0, colon);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw at.error("'" + text + "' must start with http:// or https://");
    }
    String rest = text.substring(colon + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String host;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw at.error("'" + text + "': ']' expected after the IPv6 address");
      }
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw at.error("'" + text + "': ':' or '/' expected after ']'");
        }
        port = after.substring(1);
      }
    } else {
      if (authority.indexOf(':') != authority.lastIndexOf(':')) {
        throw at.error(
            "'" + text + "': an IPv6 address goes in brackets, e.g. http://[2001:db8::1]:8000/");
      }
      int c = authority.indexOf(':');
      host = c < 0 ? authority : authority.substring(0, c);
      port = c < 0 ? null : authority.substring(c + 1);
    }
    if (host.isEmpty()) {
      throw at.error("'" + text + "' names no host");
    }
    InetAddress address;
    try {
      address = io.d2j.ncr.IpAddresses.parse(host);
    } catch (IllegalArgumentException e) {
      address = null;
    }
    boolean bracketed = authority.startsWith("[");
    if (address == null || (bracketed != (address instanceof java.net.Inet6Address))) {
      throw at.error(
          "'"
              + text
              + "': '"
              + host
              + "' is not an IP address literal (host names are not accepted; IPv6 goes in [])");
    }
    int number = "https".equals(scheme) ? 443 : 80;
    if (port != null) {
      if (port.isEmpty()
          || !port.chars().allMatch(ch -> ch >= '0' && ch <= '9')
          || port.length() > 5
          || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        throw at.error("'" + text + "': port '" + port + "' is not a number between 1 and 65535");
      }
      number = Integer.parseInt(port);
    }
    return new PeerUrl("https".equals(scheme), address, number, text);
  }

  private static void checkRoles(
      ConfigMap c, HaMode mode, List<HaPeer> peers, boolean waitBackupAck, long delayedLimit) {
    Map<HaRole, Integer> count = new EnumMap<>(HaRole.class);
    for (HaPeer p : peers) {
      count.merge(p.role(), 1, Integer::sum);
    }
    ConfigNode at = c.require("peers");
    for (HaRole unique : EnumSet.of(HaRole.PRIMARY, HaRole.SECONDARY, HaRole.STANDBY)) {
      if (count.getOrDefault(unique, 0) > 1) {
        throw at.error("more than one peer has the role " + unique.wire());
      }
    }
    String in = " in " + mode.wire() + " mode";
    Set<HaRole> required =
        switch (mode) {
          case LOAD_BALANCING -> EnumSet.of(HaRole.PRIMARY, HaRole.SECONDARY);
          case HOT_STANDBY -> EnumSet.of(HaRole.PRIMARY, HaRole.STANDBY);
          case PASSIVE_BACKUP -> EnumSet.of(HaRole.PRIMARY);
        };
    Set<HaRole> allowed = EnumSet.copyOf(required);
    allowed.add(HaRole.BACKUP);
    for (HaPeer p : peers) {
      if (!allowed.contains(p.role())) {
        throw at.error(
            "peer '"
                + p.name()
                + "' has the role "
                + p.role().wire()
                + ", not allowed"
                + in
                + " (allowed: "
                + String.join(", ", allowed.stream().map(HaRole::wire).toList())
                + ")");
      }
    }
    for (HaRole r : required) {
      if (!count.containsKey(r)) {
        throw at.error("a " + r.wire() + " peer is required" + in);
      }
    }
    if (waitBackupAck && mode != HaMode.PASSIVE_BACKUP) {
      throw c.require("wait-backup-ack").error("wait-backup-ack must be false" + in);
    }
    if (delayedLimit > 0 && mode != HaMode.LOAD_BALANCING) {
      throw c.require("delayed-updates-limit")
          .error(
              "delayed-updates-limit must be 0"
                  + in
                  + " (communication-recovery is load-balancing only)");
    }
  }

  private static String trimmedName(ConfigMap m, String key) {
    String name = m.requireString(key).strip();
    if (name.isEmpty()) {
      throw m.require(key).error(key + " must not be blank");
    }
    return name;
  }

  private static long ranged(ConfigMap m, String key, long dflt, long min, long max) {
    if (!m.has(key)) {
      return dflt;
    }
    long v = m.requireLong(key);
    if (v < min || v > max) {
      String why = max == UINT16 ? " (Kea 2.2 reads it as a 16-bit number)" : "";
      throw m.require(key)
          .error(key + " must be between " + min + " and " + max + why + ", got " + v);
    }
    return v;
  }

  private static <E> E enumValue(ConfigMap m, String key, Optional<E> value, List<String> names) {
    return value.orElseThrow(
        () ->
            m.require(key)
                .error(
                    "unknown "
                        + key
                        + " '"
                        + m.requireString(key)
                        + "'; expected one of "
                        + String.join(", ", names)));
  }

  private static List<String> modeNames() {
    return java.util.Arrays.stream(HaMode.values()).map(HaMode::wire).toList();
  }

  private static List<String> stateNames() {
    return java.util.Arrays.stream(HaState.values())
        .filter(s -> s != HaState.UNAVAILABLE)
        .map(HaState::wire)
        .toList();
  }

  private static ConfigMap asMap(ConfigNode node) {
    if (node instanceof ConfigMap map) {
      return map;
    }
    throw node.error("expected a map, got " + node.typeName());
  }
}
