package io.d2j.migrate.convert;

import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code option space NAME ...;} and {@code option NAME code N = TYPE;} to Kea {@code option-def}
 * (spec §4.4), and the definitions into the catalogue so later option statements find them.
 *
 * <pre>{@code
 * option sip-server code 120 = array of ip-address;
 *   -> { "name": "sip-server", "code": 120, "space": "dhcp4", "type": "ipv4-address", "array": true }
 * }</pre>
 */
final class Definitions {
  private final Conversion c;

  Definitions(Conversion c) {
    this.c = c;
  }

  void statement(Statement s, Scope scope) {
    if (scope.effectiveKind() != Scope.Kind.ROOT) {
      c.commentOut(s, scope, "Kea defines options and option spaces globally only");
      return;
    }
    if (s.word(1).map(t -> t.isWord("space")).orElse(false)) {
      space(s, scope);
    } else {
      define(s, scope);
    }
  }

  private void space(Statement s, Scope scope) {
    Token name =
        s.word(2)
            .orElseThrow(
                () -> new ConfSyntaxException(s.position(), "option space: expecting a name"));
    List<Token> rest = s.words().subList(3, s.words().size());
    c.options.addSpace(name.text());
    if (!rest.isEmpty() && !isDefaultWidths(rest)) {
      c.report.add(
          s,
          Action.PARTIAL,
          "Kea option spaces have 1-octet codes and lengths in DHCPv4, 2-octet in DHCPv6; the widths given differ");
    }
    c.converted(s, scope);
    c.report.add(
        s, Action.NOTE, "Kea needs no space declaration: the option definitions name the space");
  }

  private boolean isDefaultWidths(List<Token> rest) {
    String text = Statement.join(rest).toLowerCase(Locale.ROOT);
    String width = c.v4() ? "1" : "2";
    return text.replace("code width " + width, "")
        .replace("length width " + width, "")
        .replaceAll("hash size \\d+", "")
        .isBlank();
  }

  private void define(Statement s, Scope scope) {
    List<Token> w = s.words();
    if (w.size() < 5 || !w.get(3).kind().equals(Token.Kind.WORD) || !w.get(4).isPunct("=")) {
      throw new ConfSyntaxException(
          s.position(), "option definition: expecting 'option NAME code N = TYPE'");
    }
    String full = w.get(1).text();
    int dot = full.indexOf('.');
    String space = dot < 0 ? "dhcp" : full.substring(0, dot);
    String name = dot < 0 ? full : full.substring(dot + 1);
    if (!c.options.hasSpace(space)) {
      throw new ConfSyntaxException(w.get(1).position(), "no option space named " + space);
    }
    int code;
    try {
      code = Integer.parseInt(w.get(3).text());
    } catch (NumberFormatException e) {
      throw new ConfSyntaxException(w.get(3).position(), "option code: expecting a number");
    }
    List<Token> type = w.subList(5, w.size());
    Type t;
    try {
      t = type(type);
    } catch (OptionValues.Unconvertible e) {
      throw new ConfSyntaxException(s.position(), "option " + full + ": " + e.getMessage());
    }
    String keaSpace = c.options.keaSpace(space).orElseThrow();
    Optional<OptionInfo> standard = c.options.find(space, code);
    boolean standardSpace = keaSpace.equals("dhcp4") || keaSpace.equals("dhcp6");
    if (standardSpace && standard.isPresent() && standard.get().keaName().isPresent()) {
      c.commentOut(
          s,
          scope,
          "Kea has its own definition of option "
              + code
              + " ("
              + standard.get().keaName().get()
              + ") and refuses to redefine it");
      return;
    }
    if (standardSpace && (code == 0 || code == 255) && c.v4()) {
      throw new ConfSyntaxException(w.get(3).position(), "option code " + code + " is reserved");
    }
    c.options.define(
        new OptionInfo(
            space, code, name, t.format, keaSpace, Optional.of(name), t.keaType, t.array));
    JMap def = new JMap();
    def.put("name", name);
    def.put("code", code);
    def.put("space", keaSpace);
    def.put("type", t.keaType);
    if (t.array) {
      def.put("array", true);
    }
    if (!t.recordTypes.isEmpty()) {
      def.put("record-types", String.join(", ", t.recordTypes));
    }
    if (!t.encapsulate.isEmpty()) {
      def.put("encapsulate", t.encapsulate);
    }
    Member m = c.root.list("option-def").add(def);
    c.converted(s, m);
    if (!t.encapsulate.isEmpty()) {
      containers.put(t.encapsulate, name);
    }
  }

  /** Encapsulated Kea space to the name of the dhcp4/dhcp6 option that carries it. */
  private final java.util.Map<String, String> containers = new java.util.LinkedHashMap<>();

  /**
   * For each option that encapsulates a space whose options have data, Kea must be told to send the
   * container too (dhcpd builds it on its own): an empty option-data entry, globally.
   */
  void finish(java.util.Set<String> spacesWithData) {
    for (var e : containers.entrySet()) {
      if (!spacesWithData.contains(e.getKey())) {
        continue;
      }
      boolean present =
          c.root.get("option-data").stream()
              .flatMap(v -> ((io.d2j.migrate.json.JList) v).values().stream())
              .anyMatch(
                  v ->
                      ((JMap) v)
                          .get("name")
                          .map(n -> n.equals(io.d2j.migrate.json.JValue.of(e.getValue())))
                          .orElse(false));
      if (!present) {
        JMap od = new JMap();
        od.put("name", e.getValue());
        c.root
            .list("option-data")
            .add(od)
            .note(
                "sends the options of space " + e.getKey() + " (dhcpd adds this option by itself)");
      }
    }
  }

  /** A dhcpd type as Kea's type plus dhcpd's format letters for reading values. */
  private record Type(
      String keaType, boolean array, List<String> recordTypes, String encapsulate, String format) {}

  private Type type(List<Token> tokens) throws OptionValues.Unconvertible {
    List<Token> t = new ArrayList<>(tokens);
    boolean array = false;
    if (t.size() > 2 && t.get(0).isWord("array") && t.get(1).isWord("of")) {
      array = true;
      t = t.subList(2, t.size());
    }
    if (!t.isEmpty() && t.get(0).isPunct("{")) {
      if (array) {
        throw new OptionValues.Unconvertible("arrays of records are not supported by Kea");
      }
      List<String> kea = new ArrayList<>();
      StringBuilder format = new StringBuilder();
      List<Token> field = new ArrayList<>();
      for (Token x : t.subList(1, t.size())) {
        if (x.isPunct(",") || x.isPunct("}")) {
          Type f = scalar(field);
          if (f.array) {
            throw new OptionValues.Unconvertible("arrays inside records are not supported");
          }
          kea.add(f.keaType);
          format.append(f.format);
          field.clear();
        } else {
          field.add(x);
        }
      }
      return new Type("record", false, kea, "", format.toString());
    }
    Type scalar = scalar(t);
    return new Type(
        scalar.keaType,
        array || scalar.array,
        List.of(),
        scalar.encapsulate,
        scalar.format + (array ? "A" : ""));
  }

  private Type scalar(List<Token> t) throws OptionValues.Unconvertible {
    String text = Statement.join(t).toLowerCase(Locale.ROOT);
    return switch (text) {
      case "boolean" -> simple("boolean", "f");
      case "unsigned integer 8" -> simple("uint8", "B");
      case "unsigned integer 16" -> simple("uint16", "S");
      case "unsigned integer 32" -> simple("uint32", "L");
      case "signed integer 8", "integer 8" -> simple("int8", "b");
      case "signed integer 16", "integer 16" -> simple("int16", "s");
      case "signed integer 32", "integer 32" -> simple("int32", "l");
      case "ip-address" -> simple("ipv4-address", "I");
      case "ip6-address" -> simple("ipv6-address", "6");
      case "text" -> simple("string", "t");
      case "string" -> simple("binary", "X");
      case "domain-name" -> simple("fqdn", "d");
      case "domain-list", "domain-list compressed" -> new Type("fqdn", true, List.of(), "", "D");
      case "zerolen" -> simple("empty", "Z");
      default -> {
        if (t.size() == 2 && t.get(0).isWord("encapsulate")) {
          String space = t.get(1).text();
          if (!c.options.hasSpace(space)) {
            throw new OptionValues.Unconvertible("no option space named " + space);
          }
          yield new Type(
              "empty",
              false,
              List.of(),
              c.options.keaSpace(space).orElseThrow(),
              "E" + space + ".");
        }
        throw new OptionValues.Unconvertible("unknown type '" + text + "'");
      }
    };
  }

  private static Type simple(String kea, String format) {
    return new Type(kea, false, List.of(), "", format);
  }
}
