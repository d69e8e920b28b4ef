package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the statement tree scope by scope and hands each statement to the part that converts it.
 * The one place that knows which statements are declarations (they open a scope) and which are
 * parameters (they set something in the enclosing scope).
 */
final class Walker {
  private static final Set<String> DECLARATIONS =
      Set.of(
          "subnet",
          "subnet6",
          "shared-network",
          "group",
          "host",
          "class",
          "subclass",
          "pool",
          "pool6",
          "range",
          "range6",
          "prefix6",
          "failover",
          "key",
          "zone");

  private final Conversion c;
  final Topology topology;
  final Hosts hosts;
  final Parameters parameters;
  final Classes classes;
  final Dns dns;
  final Failover failover;

  Walker(Conversion c) {
    this.c = c;
    this.dns = new Dns(c);
    this.failover = new Failover(c);
    this.topology = new Topology(c, this);
    this.hosts = new Hosts(c, this);
    this.parameters = new Parameters(c, this);
    this.classes = new Classes(c, this);
  }

  /** Whether the statement opens a scope (or defines something) rather than sets a parameter. */
  static boolean isDeclaration(Statement s) {
    String k = s.keyword();
    if (k.equals("failover")) {
      return s.block().isPresent();
    }
    if (k.equals("option")) {
      return s.word(1).map(t -> t.isWord("space")).orElse(false)
          || s.word(2).map(t -> t.isWord("code")).orElse(false);
    }
    return DECLARATIONS.contains(k) || k.equals("include");
  }

  void walk(List<Statement> statements, Scope scope) {
    scanFlags(statements, scope);
    for (Statement s : statements) {
      statement(s, scope);
    }
  }

  /** Settings dhcpd applies to the whole scope wherever they appear in it. */
  private void scanFlags(List<Statement> statements, Scope scope) {
    for (Statement s : flatten(statements)) {
      if (s.keyword().equals("use-host-decl-names")) {
        scope.useHostDeclNames = Parameters.flag(s).orElse(null);
      }
    }
  }

  void statement(Statement s, Scope scope) {
    switch (s.keyword()) {
      case "include" -> include(s, scope);
      case "subnet", "subnet6" -> topology.subnet(s, scope);
      case "shared-network" -> topology.shared(s, scope);
      case "group" -> topology.group(s, scope);
      case "pool", "pool6" -> topology.pool(s, scope);
      case "range", "range6", "prefix6" -> topology.range(s, scope);
      case "host" -> hosts.host(s, scope);
      case "class" -> classes.declareClass(s, scope);
      case "subclass" -> classes.subclass(s, scope);
      case "key" -> dns.key(s, scope);
      case "zone" -> dns.zone(s, scope);
      case "failover" -> {
        if (s.block().isPresent()) {
          failover.peer(s, scope);
        } else {
          parameters.apply(s, scope);
        }
      }
      default -> parameters.apply(s, scope);
    }
  }

  private void include(Statement s, Scope scope) {
    String name = s.words().get(1).text();
    List<String> open = new ArrayList<>(Conversion.comments(s));
    open.add("begin of " + name + " (included at " + s.where() + ")");
    scope.place().comment(open);
    c.report.add(s, Action.CONVERTED, "");
    walk(s.children(), scope);
    List<String> close = new ArrayList<>();
    s.block().ifPresent(b -> b.trailingComments().forEach(t -> close.add("#" + t.text())));
    close.add("end of " + name);
    scope.place().comment(close);
  }

  /**
   * A declaration's body: first the parameters of the groups around it, then its own statements.
   */
  void body(Statement declaration, Scope scope) {
    for (Statement p : scope.groupParameters) {
      statement(withoutComments(p), scope);
    }
    walk(declaration.children(), scope);
    declaration
        .block()
        .ifPresent(
            b -> {
              if (!b.trailingComments().isEmpty() && scope.target != null) {
                b.trailingComments().forEach(t -> scope.target.closingNotes().add("#" + t.text()));
              }
            });
  }

  static Statement withoutComments(Statement s) {
    return new Statement(s.words(), s.block(), s.branches(), List.of(), Optional.empty(), false);
  }

  /** The statements of a block with includes expanded in place. */
  static List<Statement> flatten(List<Statement> statements) {
    List<Statement> out = new ArrayList<>();
    for (Statement s : statements) {
      if (s.included()) {
        out.addAll(flatten(s.children()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** The parameters (not declarations) of a block, includes expanded. */
  static List<Statement> parametersOf(List<Statement> statements) {
    return flatten(statements).stream().filter(s -> !isDeclaration(s)).toList();
  }
}
