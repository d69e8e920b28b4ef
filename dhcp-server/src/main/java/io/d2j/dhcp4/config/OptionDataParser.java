package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.options.OptionDef;
import io.d2j.dhcp4.options.OptionSpaces;
import io.d2j.dhcp4.options.OptionValues;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses an {@code option-data} list of any scope (by name, by code, or both; in any space) with
 * the definitions in force there, and packs each {@code dhcp4} option that encapsulates a space
 * with the same scope's options of that space (Kea's per-scope encapsulation: option 43 defined as
 * a container of space "339" carries the scope's "339" options).
 */
final class OptionDataParser {

  private static final Set<String> KEYS =
      Set.of(
          "name",
          "code",
          "data",
          "csv-format",
          "always-send",
          "space",
          "comment",
          "user-context",
          "metadata");

  private final KeyPolicy policy;

  OptionDataParser(KeyPolicy policy) {
    this.policy = policy;
  }

  /** A parsed entry before encapsulation: its definition (if any) and where it was written. */
  private record Parsed(OptionData option, OptionDef def, ConfigMap at) {}

  List<OptionData> parse(Optional<ConfigList> list, OptionSpaces defs) {
    if (list.isEmpty()) {
      return new ArrayList<>();
    }
    List<Parsed> parsed = new ArrayList<>();
    Map<String, ConfigNode> seen = new HashMap<>();
    for (ConfigNode item : list.get()) {
      ConfigMap map = Dhcp4ConfigParser.asMap(item);
      Parsed p = parseOne(map, defs);
      ConfigNode first = seen.putIfAbsent(p.option().space() + "/" + p.option().code(), item);
      if (first != null) {
        policy.warn(
            item,
            "option "
                + p.option().code()
                + " of space "
                + p.option().space()
                + " is already set in this scope (at "
                + first.position()
                + "); the first one is sent, as Kea does");
      }
      parsed.add(p);
    }
    List<OptionData> out = new ArrayList<>();
    for (Parsed p : parsed) {
      out.add(encapsulate(p, parsed, defs, new HashSet<>()));
    }
    return out;
  }

  /** {@code p} with the options of its encapsulated space (from the same scope) appended. */
  private OptionData encapsulate(
      Parsed p, List<Parsed> scope, OptionSpaces defs, Set<String> visiting) {
    OptionDef def = p.def();
    if (def == null
        || !def.encapsulates()
        || (OptionSpaces.DHCP4.equals(def.space()) && (def.code() == 124 || def.code() == 125))
        || !visiting.add(def.encapsulate())) {
      return p.option();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(p.option().data().toByteArray());
    for (Parsed sub : scope) {
      if (sub.option().space().equals(def.encapsulate())) {
        OptionData packed = encapsulate(sub, scope, defs, visiting);
        Octets d = packed.data();
        if (d.length() > 255) {
          throw sub.at()
              .error(
                  "option "
                      + packed.code()
                      + " of space "
                      + packed.space()
                      + " is "
                      + d.length()
                      + " octets; a sub-option holds at most 255");
        }
        out.write(packed.code());
        out.write(d.length());
        out.writeBytes(d.toByteArray());
      }
    }
    visiting.remove(def.encapsulate());
    return new OptionData(
        p.option().space(),
        p.option().code(),
        Octets.of(out.toByteArray()),
        p.option().alwaysSend());
  }

  private Parsed parseOne(ConfigMap map, OptionSpaces defs) {
    policy.check(map, KEYS, false);
    String space = map.optString("space").orElse(OptionSpaces.DHCP4);
    if (!OptionSpaces.validName(space)) {
      throw map.require("space").error("invalid option space name '" + space + "'");
    }
    if ("dhcp6".equals(space)) {
      throw map.require("space").error("option space 'dhcp6' is for the DHCPv6 server");
    }
    Optional<String> name = map.optString("name");
    Optional<Long> code = map.optLong("code");
    if (name.isEmpty() && code.isEmpty()) {
      throw map.error("an option needs a 'name' or a 'code'");
    }
    if (name.isPresent() && name.get().indexOf(' ') >= 0) {
      throw map.require("name").error("invalid option name '" + name.get() + "': it has a space");
    }
    if (code.isPresent() && (code.get() < 0 || code.get() > 255)) {
      throw map.require("code").error("option code must be between 0 and 255, got " + code.get());
    }
    Optional<Boolean> csvGiven = map.optBool("csv-format");
    boolean csv = csvGiven.orElse(true);
    boolean alwaysSend = map.optBool("always-send").orElse(false);
    String data = map.optString("data").orElse("");
    ConfigNode at = map.get("data").orElse(map);
    OptionDef def =
        code.isPresent()
            ? defs.byCode(space, code.get().intValue()).orElse(null)
            : defs.byName(space, name.get()).orElse(null);
    if (def == null) {
      if (name.isPresent() && code.isEmpty()) {
        throw map.require("name")
            .error("no option named '" + name.get() + "' in space " + space + " (see option-def)");
      }
      if (csv) {
        throw map.get("code")
            .orElse(map)
            .error(
                "option "
                    + code.get()
                    + " of space "
                    + space
                    + " has no definition: define it in option-def, or give its data as hex"
                    + " with \"csv-format\": false");
      }
    } else if (name.isPresent() && !def.name().equals(name.get())) {
      throw map.require("name")
          .error(
              "option "
                  + def.code()
                  + " of space "
                  + space
                  + " is named '"
                  + def.name()
                  + "', not '"
                  + name.get()
                  + "'");
    }
    int c = def == null ? code.get().intValue() : def.code();
    if (OptionSpaces.DHCP4.equals(space) && (c == 0 || c == 255)) {
      throw map.error("option code " + c + " is reserved for " + (c == 0 ? "PAD" : "END"));
    }
    Octets payload;
    try {
      if (def != null && csv) {
        payload = OptionValues.encodeCsv(def, data, w -> policy.warn(at, w));
      } else {
        payload = data.isBlank() ? Octets.EMPTY : OptionValues.binary(data);
        String problem = def == null ? null : OptionValues.binaryProblem(def, payload);
        if (problem != null) {
          throw new IllegalArgumentException(problem);
        }
      }
    } catch (IllegalArgumentException e) {
      throw at.error("option " + c + " of space " + space + ": " + e.getMessage());
    }
    if (payload.length() > 255 && OptionSpaces.DHCP4.equals(space) && c != 43) {
      // RFC 3396 splits it; the codec does, but few clients reassemble.
      policy.warn(at, "option " + c + " is longer than 255 octets and will be split (RFC 3396)");
    }
    return new Parsed(new OptionData(space, c, payload, alwaysSend), def, map);
  }
}
