package io.d2j.dhcp4.config;

import io.d2j.dhcp4.options.OptionDataType;
import io.d2j.dhcp4.options.OptionDef;
import io.d2j.dhcp4.options.OptionSpaces;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code option-def} (global, or inside a client class) with Kea 2.2's rules: a name of
 * letters, digits, '-' and '_'; code 0-255 (not 0 or 255 in {@code dhcp4}); a known type; a record
 * of at least two fields with strings and binaries only last; no array of strings, binaries or
 * empties; no array that encapsulates; no space that encapsulates itself; no second definition of a
 * code or name in one space, and no redefinition of a built-in {@code dhcp4} option.
 */
final class OptionDefParser {

  private static final Set<String> KEYS =
      Set.of(
          "name",
          "code",
          "type",
          "record-types",
          "space",
          "encapsulate",
          "array",
          "user-context",
          "comment",
          "metadata");

  private final KeyPolicy policy;

  OptionDefParser(KeyPolicy policy) {
    this.policy = policy;
  }

  /**
   * @param builtIn the definitions already known (built-in ones may not be redefined)
   * @param classScoped whether these are a client class's definitions, which Kea allows only for
   *     options it unpacks late: 43 and 224-254 in {@code dhcp4}
   */
  List<OptionDef> parse(Optional<ConfigList> list, OptionSpaces builtIn, boolean classScoped) {
    List<OptionDef> out = new ArrayList<>();
    if (list.isEmpty()) {
      return out;
    }
    Map<String, ConfigNode> codes = new HashMap<>();
    Map<String, ConfigNode> names = new HashMap<>();
    for (ConfigNode item : list.get()) {
      ConfigMap map = Dhcp4ConfigParser.asMap(item);
      policy.check(map, KEYS, false);
      OptionDef def = parseOne(map);
      if (classScoped
          && !(OptionSpaces.DHCP4.equals(def.space()) && (def.code() == 43 || def.code() >= 224))) {
        throw map.error(
            "a client class may define only option 43 or 224-254 of space dhcp4, not option "
                + def.code()
                + " of space "
                + def.space());
      }
      if (builtIn.isBuiltIn(def.space(), def.code())) {
        throw map.require("code")
            .error(
                "option "
                    + def.code()
                    + " of space "
                    + def.space()
                    + " is built in and cannot be redefined");
      }
      if (builtIn.isBuiltIn(def.space(), def.name())) {
        throw map.require("name")
            .error(
                "option '"
                    + def.name()
                    + "' of space "
                    + def.space()
                    + " is built in and cannot be redefined");
      }
      ConfigNode firstCode = codes.putIfAbsent(def.space() + "/" + def.code(), map);
      if (firstCode != null) {
        throw map.require("code")
            .error(
                "option "
                    + def.code()
                    + " of space "
                    + def.space()
                    + " is already defined (at "
                    + firstCode.position()
                    + ")");
      }
      ConfigNode firstName = names.putIfAbsent(def.space() + "/" + def.name(), map);
      if (firstName != null) {
        throw map.require("name")
            .error(
                "option '"
                    + def.name()
                    + "' of space "
                    + def.space()
                    + " is already defined (at "
                    + firstName.position()
                    + ")");
      }
      out.add(def);
    }
    return out;
  }

  private OptionDef parseOne(ConfigMap map) {
    String name = map.requireString("name");
    if (!OptionSpaces.validName(name)) {
      throw map.require("name")
          .error(
              "invalid option name '"
                  + name
                  + "' (letters, digits, '-' and '_', not starting or ending with '-' or '_')");
    }
    long code = map.requireLong("code");
    String space = map.optString("space").orElse(OptionSpaces.DHCP4);
    if (!OptionSpaces.validName(space)) {
      throw map.require("space").error("invalid option space name '" + space + "'");
    }
    if (code < 0 || code > 255) {
      throw map.require("code").error("option code must be between 0 and 255, got " + code);
    }
    if (OptionSpaces.DHCP4.equals(space) && (code == 0 || code == 255)) {
      throw map.require("code")
          .error("option code " + code + " is reserved for " + (code == 0 ? "PAD" : "END"));
    }
    String typeName = map.requireString("type");
    OptionDataType type =
        OptionDataType.byKeaName(typeName)
            .orElseThrow(
                () -> map.require("type").error("unknown option data type '" + typeName + "'"));
    boolean array = map.optBool("array").orElse(false);
    String encapsulate = map.optString("encapsulate").orElse("");
    if (!encapsulate.isEmpty()) {
      if (!OptionSpaces.validName(encapsulate)) {
        throw map.require("encapsulate").error("invalid option space name '" + encapsulate + "'");
      }
      if (array) {
        throw map.error(
            "option '" + space + "." + name + "' is an array and cannot encapsulate a space");
      }
      if (encapsulate.equals(space)) {
        throw map.require("encapsulate")
            .error("option '" + space + "." + name + "' cannot encapsulate its own space");
      }
    }
    List<OptionDataType> fields = new ArrayList<>();
    String recordTypes = map.optString("record-types").orElse("");
    for (String token : recordTypes.split(",", -1)) {
      String t = token.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (type != OptionDataType.RECORD) {
        throw map.require("record-types")
            .error("record-types are for options of type record, not " + type.keaName());
      }
      OptionDataType field =
          OptionDataType.byKeaName(t)
              .filter(f -> f != OptionDataType.RECORD && f != OptionDataType.EMPTY)
              .orElseThrow(
                  () ->
                      map.require("record-types")
                          .error("'" + t + "' cannot be a field of a record"));
      fields.add(field);
    }
    if (type == OptionDataType.RECORD) {
      if (fields.size() < 2) {
        throw map.error(
            "an option of type record needs at least 2 record-types, got " + fields.size());
      }
      for (int i = 0; i < fields.size() - 1; i++) {
        if (fields.get(i) == OptionDataType.STRING || fields.get(i) == OptionDataType.BINARY) {
          throw map.require("record-types")
              .error("a " + fields.get(i).keaName() + " field can only be the last of a record");
        }
      }
      OptionDataType last = fields.get(fields.size() - 1);
      if (array && (last == OptionDataType.STRING || last == OptionDataType.BINARY)) {
        throw map.error("an array of records cannot end with a " + last.keaName() + " field");
      }
    } else if (array
        && (type == OptionDataType.STRING
            || type == OptionDataType.BINARY
            || type == OptionDataType.EMPTY)) {
      throw map.require("array").error("an array of " + type.keaName() + " values is not allowed");
    }
    return new OptionDef(name, (int) code, space, type, array, fields, encapsulate);
  }
}
