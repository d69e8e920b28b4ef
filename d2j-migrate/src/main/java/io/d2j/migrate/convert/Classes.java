package io.d2j.migrate.convert;

import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Classes, subclasses and pool permits to Kea {@code client-classes} (spec §4.3).
 *
 * <p>{@code match if} becomes the class {@code test}. A class with {@code match DATA} is a
 * superclass: each {@code subclass "c" VALUE} becomes a class {@code c:VALUE} tested with {@code
 * DATA == VALUE}, written before the superclass, which is tested with the alternatives of all its
 * subclasses, so {@code allow members of "c"} keeps working and the subclass's options win, as in
 * dhcpd. Pool permits become the pool's {@code client-class}, a generated class when they combine.
 */
final class Classes {
  final Definitions definitions;
  private final Conversion c;
  private final Walker walker;
  private final Map<String, Superclass> superclasses = new LinkedHashMap<>();
  private final List<String> declared = new ArrayList<>();
  private final List<JMap> generated = new ArrayList<>();
  private final List<String> generatedFrom = new ArrayList<>();

  private static final class Superclass {
    final JMap entry;
    final Statement statement;
    String match;
    String matchError;
    final List<String> alternatives = new ArrayList<>();

    Superclass(JMap entry, Statement statement) {
      this.entry = entry;
      this.statement = statement;
    }
  }

  Classes(Conversion c, Walker walker) {
    this.c = c;
    this.walker = walker;
    this.definitions = new Definitions(c);
  }

  void declareClass(Statement s, Scope scope) {
    if (scope.effectiveKind() != Scope.Kind.ROOT) {
      throw new ConfSyntaxException(s.position(), "class declarations not allowed here.");
    }
    if (s.block().isEmpty() || s.words().size() != 2) {
      throw new ConfSyntaxException(s.position(), "class: expecting a name and '{'");
    }
    String name = s.words().get(1).text();
    JMap entry = new JMap();
    entry.put("name", name);
    Scope cl = scope.child(Scope.Kind.CLASS, entry);
    cl.name = name;
    Superclass sc = new Superclass(entry, s);
    superclasses.put(name, sc);
    declared.add(name);
    walker.body(s, cl);
    if (sc.match == null && sc.matchError == null) {
      superclasses.remove(name);
      Member m = c.root.list("client-classes").add(entry);
      c.converted(s, m);
    }
  }

  /** Statements only a class has; true when handled. */
  boolean handles(Statement s, Scope scope) {
    Superclass sc = superclasses.get(scope.name);
    switch (s.keyword()) {
      case "match" -> {
        boolean isIf = s.word(1).map(t -> t.isWord("if")).orElse(false);
        if (scope.target.has("test")
            || (sc != null && (sc.match != null || sc.matchError != null))) {
          throw new ConfSyntaxException(
              s.position(), "A class may only have one 'match if' clause.");
        }
        List<Token> expression = Expressions.after(s, isIf ? 2 : 1);
        Expressions e = new Expressions(c.options, c.family());
        try {
          if (isIf) {
            String test = e.bool(expression);
            c.converted(s, scope.target.put("test", test));
          } else if (sc != null) {
            sc.match = e.data(expression);
            c.converted(s, scope);
          }
        } catch (OptionValues.Unconvertible u) {
          if (!isIf && sc != null) {
            sc.matchError = u.getMessage();
          }
          c.commentOut(s, scope, "the class is left without a test: " + u.getMessage());
        }
        return true;
      }
      case "spawn" -> {
        c.commentOut(s, scope, "Kea does not spawn classes (a class per client)");
        return true;
      }
      case "lease" -> {
        c.commentOut(s, scope, "Kea 2.2 has no per-class lease limit (the limits hook came later)");
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  void subclass(Statement s, Scope scope) {
    if (scope.effectiveKind() != Scope.Kind.ROOT) {
      throw new ConfSyntaxException(s.position(), "subclass declarations not allowed here.");
    }
    if (s.words().size() != 3) {
      throw new ConfSyntaxException(s.position(), "subclass: expecting a class name and a value");
    }
    String superName = s.words().get(1).text();
    Superclass sc = superclasses.get(superName);
    if (sc == null && !declared.contains(superName)) {
      throw new ConfSyntaxException(s.words().get(1).position(), "no class named " + superName);
    }
    if (sc == null || sc.match == null) {
      c.commentOut(s, scope, "its class " + superName + " has no match expression Kea can use");
      return;
    }
    Token value = s.words().get(2);
    String literal;
    try {
      literal = Expressions.literal(value);
    } catch (OptionValues.Unconvertible e) {
      c.commentOut(s, scope, e.getMessage());
      return;
    }
    String test = sc.match + " == " + literal;
    JMap entry = new JMap();
    entry.put(
        "name",
        superName
            + ":"
            + (value.kind() == Token.Kind.STRING
                ? value.text()
                : value.text().toLowerCase(Locale.ROOT)));
    entry.put("test", test);
    Scope cl = scope.child(Scope.Kind.CLASS, entry);
    cl.name = "";
    walker.body(s, cl);
    sc.alternatives.add(test);
    Member m = c.root.list("client-classes").add(entry);
    c.converted(s, m);
  }

  /**
   * A pool's {@code allow}/{@code deny} statements as its {@code client-class}: dhcpd admits a
   * client that matches one allow (when there are any) and no deny.
   */
  boolean permits(List<Statement> permits, JMap pool, Scope scope) {
    List<String> allows = new ArrayList<>();
    List<String> denies = new ArrayList<>();
    List<Statement> used = new ArrayList<>();
    List<Statement> allowsLost = new ArrayList<>();
    for (Statement p : permits) {
      Optional<String> term = term(p);
      if (term.isEmpty()) {
        if (p.keyword().equals("allow")) {
          allowsLost.add(p);
        } else {
          c.commentOut(p, scope, reason(p) + "; the pool is now open to the clients it denied");
        }
        continue;
      }
      (p.keyword().equals("allow") ? allows : denies).add(term.get());
      used.add(p);
    }
    if (!allowsLost.isEmpty() && allows.isEmpty()) {
      for (Statement p : allowsLost) {
        c.report.add(p, Action.COMMENTED, reason(p));
        scope.pool.lost.add("not converted (" + p.where() + "): " + reason(p));
      }
      return false; // without its only allows the pool would admit everyone: the caller drops it
    }
    for (Statement p : allowsLost) {
      c.commentOut(p, scope, reason(p) + "; the pool admits the clients of its other permits only");
    }
    if (allows.contains("member('ALL')")) {
      allows.clear();
    }
    if (allows.isEmpty() && denies.isEmpty()) {
      used.forEach(p -> c.converted(p, scope));
      return true;
    }
    if (allows.isEmpty() && denies.size() == 1 && denies.get(0).equals("member('UNKNOWN')")) {
      allows.add("member('KNOWN')");
      denies.clear();
    } else if (allows.isEmpty() && denies.size() == 1 && denies.get(0).equals("member('KNOWN')")) {
      allows.add("member('UNKNOWN')");
      denies.clear();
    }
    String className;
    if (denies.isEmpty() && allows.size() == 1) {
      String a = allows.get(0);
      className = a.substring("member('".length(), a.length() - 2);
    } else {
      List<String> parts = new ArrayList<>();
      if (!allows.isEmpty()) {
        parts.add(allows.size() == 1 ? allows.get(0) : "(" + String.join(") or (", allows) + ")");
      }
      for (String d : denies) {
        parts.add("not " + d);
      }
      className = "pool-permits-" + (generated.size() + 1);
      JMap entry = new JMap();
      entry.put("name", className);
      entry.put(
          "test", parts.size() == 1 ? parts.get(0) : "(" + String.join(") and (", parts) + ")");
      generated.add(entry);
      generatedFrom.add("from the permits of the pool at " + used.get(0).where());
    }
    Member m = pool.put("client-class", className);
    used.forEach(p -> c.converted(p, m));
    return true;
  }

  /** One permit as a Kea membership test, or empty when Kea has none. */
  private Optional<String> term(Statement p) {
    List<Token> w = p.words();
    String what = Statement.join(w.subList(1, w.size())).toLowerCase(Locale.ROOT);
    if (what.equals("known-clients") || what.equals("known clients")) {
      return Optional.of("member('KNOWN')");
    }
    if (what.equals("unknown-clients") || what.equals("unknown clients")) {
      return Optional.of("member('UNKNOWN')");
    }
    if (what.equals("all clients")) {
      return Optional.of("member('ALL')");
    }
    if (w.size() == 4 && w.get(1).isWord("members") && w.get(2).isWord("of")) {
      String name = w.get(3).text();
      if (!declared.contains(name)) {
        throw new ConfSyntaxException(w.get(3).position(), "no class named " + name);
      }
      return Optional.of("member('" + name + "')");
    }
    return Optional.empty();
  }

  private static String reason(Statement p) {
    List<Token> w = p.words();
    String first = w.size() > 1 ? w.get(1).text().toLowerCase(Locale.ROOT) : "";
    return switch (first) {
      case "dynamic" -> "Kea tells BOOTP clients apart only with the bootp hook library";
      case "authenticated", "unauthenticated" -> "Kea has no DHCP authentication";
      case "after" -> "Kea pools have no start time";
      default -> "d2j-migrate does not know this permit";
    };
  }

  /** Writes the superclasses (after their subclasses) and the generated permit classes. */
  void finish() {
    for (Superclass sc : superclasses.values()) {
      if (!sc.alternatives.isEmpty()) {
        sc.entry.put(
            "test",
            sc.alternatives.size() == 1
                ? sc.alternatives.get(0)
                : "(" + String.join(") or (", sc.alternatives) + ")");
      }
      Member m = c.root.list("client-classes").add(sc.entry);
      c.converted(sc.statement, m);
      if (sc.alternatives.isEmpty() && sc.match != null) {
        c.note(sc.statement, m, "the class has no subclasses, so no client is in it");
      }
    }
    for (int i = 0; i < generated.size(); i++) {
      c.root.list("client-classes").add(generated.get(i)).note(generatedFrom.get(i));
    }
  }
}
