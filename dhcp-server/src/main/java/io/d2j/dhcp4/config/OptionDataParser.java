package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.ConfigNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses an {@code option-data} list of any scope (by name, by code, or both). */
final class OptionDataParser {

  private static final Set<String> KEYS =
      Set.of(
          "name", "code", "data", "csv-format", "always-send", "space", "comment", "user-context");

  private final OptionDefinitions definitions;
  private final KeyPolicy policy;

  OptionDataParser(OptionDefinitions definitions, KeyPolicy policy) {
    this.definitions = definitions;
    this.policy = policy;
  }

  List<OptionData> parse(Optional<ConfigList> list) {
    List<OptionData> out = new ArrayList<>();
    if (list.isEmpty()) {
      return out;
    }
    Map<Integer, ConfigNode> seen = new LinkedHashMap<>();
    for (ConfigNode item : list.get()) {
      OptionData option = parseOne(Dhcp4ConfigParser.asMap(item));
      ConfigNode first = seen.putIfAbsent(option.code(), item);
      if (first != null) {
        throw item.error(
            "option "
                + option.code()
                + " is already defined in this scope (at "
                + first.position()
                + ")");
      }
      out.add(option);
    }
    return out;
  }

  private OptionData parseOne(ConfigMap map) {
    policy.check(map, KEYS, false);
    String space = map.optString("space").orElse("dhcp4");
    if (!"dhcp4".equals(space)) {
      throw map.require("space")
          .error("option space '" + space + "' is " + KeyPolicy.NOT_SUPPORTED);
    }
    OptionDefinitions.Definition def = definition(map);
    int code = def == null ? (int) map.requireLong("code") : def.code();
    boolean csv = map.optBool("csv-format").orElse(true);
    boolean alwaysSend = map.optBool("always-send").orElse(false);
    String data = map.optString("data").orElse("");
    ConfigNode at = map.get("data").orElse(map);
    Octets payload;
    try {
      if (!csv) {
        payload = data.isEmpty() ? Octets.EMPTY : OptionDefinitions.parseHex(data);
      } else if (def == null) {
        throw at.error(
            "option "
                + code
                + " has no definition: give its data as hex with \"csv-format\": false");
      } else if (data.isEmpty()) {
        throw at.error("option '" + def.name() + "' needs data");
      } else {
        payload = OptionDefinitions.encodeCsv(def, data);
      }
    } catch (IllegalArgumentException e) {
      throw at.error("option " + code + ": " + e.getMessage());
    }
    if (payload.length() > 255 && code != 43) {
      // RFC 3396 would split it; the codec does, but no standard option this long exists.
      policy.warn(at, "option " + code + " is longer than 255 octets and will be split (RFC 3396)");
    }
    return new OptionData(code, payload, alwaysSend);
  }

  /** The definition named by {@code name} and/or {@code code}; null for an unknown code. */
  private OptionDefinitions.Definition definition(ConfigMap map) {
    Optional<String> name = map.optString("name");
    Optional<Long> code = map.optLong("code");
    if (code.isPresent() && (code.get() < 1 || code.get() > 254)) {
      throw map.require("code").error("option code must be between 1 and 254, got " + code.get());
    }
    if (name.isEmpty() && code.isEmpty()) {
      throw map.error("an option needs a 'name' or a 'code'");
    }
    if (name.isPresent()) {
      OptionDefinitions.Definition def =
          definitions
              .byName(name.get())
              .orElseThrow(
                  () ->
                      map.require("name")
                          .error("unknown option name '" + name.get() + "' in space dhcp4"));
      if (code.isPresent() && code.get() != def.code()) {
        throw map.require("code")
            .error(
                "option '"
                    + def.name()
                    + "' has code "
                    + def.code()
                    + ", not "
                    + ((ConfigNumber) map.require("code")).longValue());
      }
      return def;
    }
    return definitions.byCode(code.get().intValue()).orElse(null);
  }
}
