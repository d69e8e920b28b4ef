package io.d2j.migrate.convert;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options a conversion knows: dhcpd's standard ones (from {@code options.tsv}) and those the
 * input defines with {@code option NAME code N = TYPE;}. Looked up by dhcpd name, with or without
 * the space prefix ({@code routers}, {@code dhcp.routers}, {@code dhcp6.name-servers}).
 */
final class OptionCatalog {
  private static final List<OptionInfo> STANDARD = load();

  /** Spaces by dhcpd name: the Kea space each maps to. */
  private final Map<String, String> spaces = new LinkedHashMap<>();

  private final Map<String, OptionInfo> byName = new LinkedHashMap<>();

  OptionCatalog() {
    spaces.put("dhcp", "dhcp4");
    spaces.put("dhcp6", "dhcp6");
    spaces.put("agent", "dhcp-agent-options-space");
    for (OptionInfo o : STANDARD) {
      byName.put(key(o.space(), o.dhcpdName()), o);
    }
  }

  private static String key(String space, String name) {
    return (space + "." + name).toLowerCase(Locale.ROOT);
  }

  /** The universe of a family's unprefixed option names: dhcpd's {@code dhcp} or {@code dhcp6}. */
  static String defaultSpace(Family family) {
    return family == Family.V4 ? "dhcp" : "dhcp6";
  }

  /**
   * The option named {@code name} as written in dhcpd.conf ({@code routers}, {@code
   * dhcp6.name-servers}, {@code myspace.foo}). Unprefixed names are in dhcpd's {@code dhcp}
   * universe whatever the family, as dhcpd reads them.
   */
  Optional<OptionInfo> find(String name) {
    int dot = name.indexOf('.');
    String space = dot < 0 ? "dhcp" : name.substring(0, dot);
    String option = dot < 0 ? name : name.substring(dot + 1);
    return Optional.ofNullable(byName.get(key(space, option)));
  }

  /** The option of {@code code} in {@code space}. */
  Optional<OptionInfo> find(String space, int code) {
    return byName.values().stream()
        .filter(o -> o.space().equalsIgnoreCase(space) && o.code() == code)
        .findFirst();
  }

  /** Whether the dhcpd space is known. */
  boolean hasSpace(String space) {
    return spaces.containsKey(space.toLowerCase(Locale.ROOT));
  }

  /** Kea's name of a dhcpd space. */
  Optional<String> keaSpace(String space) {
    return Optional.ofNullable(spaces.get(space.toLowerCase(Locale.ROOT)));
  }

  /** Declares an option space (Kea space of the same name, unless mapped already). */
  void addSpace(String space) {
    spaces.putIfAbsent(space.toLowerCase(Locale.ROOT), space);
  }

  /**
   * Maps a dhcpd space to a Kea space of another name: the space {@code vendor-option-space} names
   * becomes Kea's {@code vendor-encapsulated-options-space} (option 43's sub-options).
   */
  void mapSpace(String space, String keaSpace) {
    spaces.put(space.toLowerCase(Locale.ROOT), keaSpace);
  }

  /** Adds or replaces a definition from {@code option NAME code N = TYPE;}. */
  void define(OptionInfo info) {
    byName
        .values()
        .removeIf(o -> o.space().equalsIgnoreCase(info.space()) && o.code() == info.code());
    byName.put(key(info.space(), info.dhcpdName()), info);
  }

  private static List<OptionInfo> load() {
    List<OptionInfo> list = new ArrayList<>();
    try (InputStream in = OptionCatalog.class.getResourceAsStream("/io/d2j/migrate/options.tsv")) {
      if (in == null) {
        throw new IllegalStateException("options.tsv missing from the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        boolean v4 = f[0].equals("4");
        Optional<String> keaName = f[4].equals("-") ? Optional.empty() : Optional.of(f[4]);
        list.add(
            new OptionInfo(
                v4 ? "dhcp" : "dhcp6",
                Integer.parseInt(f[1]),
                f[2],
                f[3],
                v4 ? "dhcp4" : "dhcp6",
                keaName,
                f[5].equals("-") ? "binary" : f[5],
                f[6].equals("array")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // dhcpd's relay agent sub-options (RFC 3046), used in expressions and host identifiers.
    list.add(
        new OptionInfo(
            "agent",
            1,
            "circuit-id",
            "X",
            "dhcp-agent-options-space",
            Optional.of("circuit-id"),
            "binary",
            false));
    list.add(
        new OptionInfo(
            "agent",
            2,
            "remote-id",
            "X",
            "dhcp-agent-options-space",
            Optional.of("remote-id"),
            "binary",
            false));
    return List.copyOf(list);
  }
}
