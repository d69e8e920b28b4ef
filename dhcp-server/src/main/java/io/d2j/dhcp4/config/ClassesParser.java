package io.d2j.dhcp4.config;

import io.d2j.dhcp4.classify.BuiltInClasses;
import io.d2j.dhcp4.classify.ClassLookup;
import io.d2j.dhcp4.classify.ClassTest;
import io.d2j.dhcp4.classify.Expression;
import io.d2j.dhcp4.classify.ExpressionException;
import io.d2j.dhcp4.options.OptionDef;
import io.d2j.dhcp4.options.OptionSpaces;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.ConfigString;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code client-classes}: each class's test is compiled here, once, against the classes
 * defined above it (a test may only name those, or built-in ones), so a broken test fails the
 * configuration with its path and the column inside the expression.
 */
final class ClassesParser {

  private static final Set<String> KEYS =
      Set.of(
          "name",
          "test",
          "option-data",
          "option-def",
          "user-context",
          "comment",
          "only-if-required",
          "valid-lifetime",
          "min-valid-lifetime",
          "max-valid-lifetime",
          "next-server",
          "server-hostname",
          "boot-file-name");

  /** sname is 64 octets and file 128, each ending with a NUL when shorter. */
  static final int MAX_SNAME = 63;

  static final int MAX_FILE = 128;

  private final KeyPolicy policy;
  private final OptionDataParser options;
  private final OptionDefParser optionDefs;

  ClassesParser(KeyPolicy policy, OptionDataParser options, OptionDefParser optionDefs) {
    this.policy = policy;
    this.options = options;
    this.optionDefs = optionDefs;
  }

  ClassDictionary parse(Optional<ConfigList> list, OptionSpaces defs) {
    List<ClientClassDef> out = new ArrayList<>();
    if (list.isEmpty()) {
      return ClassDictionary.empty();
    }
    Map<String, ClientClassDef> defined = new HashMap<>();
    Map<String, ConfigNode> where = new HashMap<>();
    for (ConfigNode item : list.get()) {
      ConfigMap map = Dhcp4ConfigParser.asMap(item);
      policy.check(map, KEYS, false);
      String name = map.requireString("name");
      if (name.isEmpty()) {
        throw map.require("name").error("a client class needs a non-empty name");
      }
      ConfigNode first = where.putIfAbsent(name, map.require("name"));
      if (first != null) {
        throw map.require("name")
            .error("client class '" + name + "' is already defined (at " + first.position() + ")");
      }
      boolean required = map.optBool("only-if-required").orElse(false);
      Optional<Expression> test = test(map, defs, defined);
      if (BuiltInClasses.isFixedName(name)) {
        if (required) {
          throw map.require("only-if-required")
              .error("built-in class '" + name + "' cannot be only-if-required");
        }
        if (test.isPresent()) {
          throw map.require("test").error("built-in class '" + name + "' cannot have a test");
        }
      }
      if (BuiltInClasses.DROP.equals(name) && required) {
        throw map.require("only-if-required").error("class 'DROP' cannot be only-if-required");
      }
      List<OptionDef> ownDefs = optionDefs.parse(map.optList("option-def"), defs, true);
      OptionSpaces classDefs = defs.withOverlay(ownDefs);
      List<OptionData> data = options.parse(map.optList("option-data"), classDefs);
      ClientClassDef def =
          new ClientClassDef(
              new ClassTest(name, test, required),
              data,
              ownDefs,
              classDefs,
              nextServer(map),
              text(map, "server-hostname", MAX_SNAME),
              text(map, "boot-file-name", MAX_FILE),
              Lifetime.parse(map, "valid-lifetime"));
      defined.put(name, def);
      out.add(def);
    }
    return new ClassDictionary(out);
  }

  private static Optional<Expression> test(
      ConfigMap map, OptionSpaces defs, Map<String, ClientClassDef> defined) {
    Optional<ConfigNode> node = map.get("test");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (!(node.get() instanceof ConfigString s)) {
      throw node.get().error("expected a string, got " + node.get().typeName());
    }
    ClassLookup lookup =
        name -> {
          if (name.equals(BuiltInClasses.KNOWN) || name.equals(BuiltInClasses.UNKNOWN)) {
            return ClassLookup.Known.DEPENDS_ON_KNOWN;
          }
          if (BuiltInClasses.isBuiltIn(name)) {
            return ClassLookup.Known.DEFINED;
          }
          ClientClassDef d = defined.get(name);
          if (d == null) {
            return ClassLookup.Known.UNDEFINED;
          }
          return d.test().dependsOnKnown()
              ? ClassLookup.Known.DEPENDS_ON_KNOWN
              : ClassLookup.Known.DEFINED;
        };
    try {
      return Optional.of(Expression.compile(s.value(), defs, lookup));
    } catch (ExpressionException e) {
      throw node.get().error("test '" + s.value() + "': " + e.getMessage());
    }
  }

  /** {@code next-server}: an IPv4 address, not the broadcast address. */
  static Optional<Inet4Address> nextServer(ConfigMap map) {
    Optional<String> text = map.optString("next-server");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    ConfigNode at = map.require("next-server");
    Inet4Address a = SubnetParser.ipv4(at, text.get());
    if (a.hashCode() == -1) {
      throw at.error("next-server must not be the broadcast address 255.255.255.255");
    }
    return a.hashCode() == 0 ? Optional.empty() : Optional.of(a);
  }

  /** {@code server-hostname} / {@code boot-file-name}, within the BOOTP field's size. */
  static String text(ConfigMap map, String key, int max) {
    String value = map.optString(key).orElse("");
    int octets = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (octets > max) {
      throw map.require(key).error(key + " must be at most " + max + " octets long, got " + octets);
    }
    if (value.indexOf('\0') >= 0) {
      throw map.require(key).error(key + " must not contain NUL");
    }
    return value;
  }
}
