package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.json.JMap;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a statement sits in dhcpd.conf, and the Kea map its parameters go into.
 *
 * <p>Kea has no groups: a {@code group}'s parameters (and those of a shared network with a single
 * subnet, which is flattened) are replayed into each declaration inside it, before the
 * declaration's own statements, so the declaration's own values win as they do in dhcpd.
 */
final class Scope {

  /** dhcpd's scope kinds. */
  enum Kind {
    ROOT,
    SHARED,
    SUBNET,
    POOL,
    GROUP,
    HOST,
    CLASS
  }

  final Kind kind;
  final Scope parent;

  /** Where this scope's parameters go in Kea, or null for a group. */
  final JMap target;

  /** Parameters of enclosing groups to replay into declarations below. */
  final List<Statement> groupParameters;

  /** A subnet's network. */
  InetAddress network;

  int prefixLength;

  /** The name of the shared network or the host. */
  String name = "";

  /** The declaration that opened the scope (for notes about it after the walk). */
  Statement statement;

  /** dhcpd's use-host-decl-names, when this scope sets it. */
  Boolean useHostDeclNames;

  Scope(Kind kind, Scope parent, JMap target, List<Statement> groupParameters) {
    this.kind = kind;
    this.parent = parent;
    this.target = target;
    this.groupParameters = List.copyOf(groupParameters);
  }

  static Scope root(JMap target) {
    return new Scope(Kind.ROOT, null, target, List.of());
  }

  /**
   * A declaration inside this scope. Directly inside groups it receives their parameters; inside a
   * declaration with a Kea map it does not, since Kea passes that map's values down itself.
   */
  Scope child(Kind kind, JMap target) {
    return new Scope(kind, this, target, pendingGroupParameters());
  }

  /** A group inside this scope, adding its parameters to those still to replay. */
  Scope group(List<Statement> parameters) {
    return group(Kind.GROUP, parameters);
  }

  /** A scope without a Kea map of its own (a group, a flattened shared network). */
  Scope group(Kind kind, List<Statement> parameters) {
    List<Statement> all = new ArrayList<>(pendingGroupParameters());
    all.addAll(parameters);
    return new Scope(kind, this, null, all);
  }

  private List<Statement> pendingGroupParameters() {
    return target == null ? groupParameters : List.of();
  }

  /** The nearest map to write into: this scope's target, or an enclosing one. */
  JMap place() {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.target != null) {
        return s.target;
      }
    }
    throw new IllegalStateException("no enclosing map");
  }

  /** The nearest enclosing scope (this one included) of a kind other than GROUP. */
  Kind effectiveKind() {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.kind != Kind.GROUP) {
        return s.kind;
      }
    }
    return Kind.ROOT;
  }

  /** Subnets of a shared network, in declaration order. */
  final List<Scope> subnets = new ArrayList<>();

  /** A host's identifiers and addresses while its statements are read. */
  HostDraft host;

  /** A pool's ranges and permits while its statements are read. */
  PoolDraft pool;

  /** The nearest enclosing scope of {@code kind}. */
  Optional<Scope> enclosing(Kind kind) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.kind == kind) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Whether this scope is inside a {@code kind} scope (this one included). */
  boolean within(Kind kind) {
    return enclosing(kind).isPresent();
  }

  /** use-host-decl-names as in effect here (dhcpd's default is off). */
  boolean useHostDeclNames() {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.useHostDeclNames != null) {
        return s.useHostDeclNames;
      }
    }
    return false;
  }

  /** How messages name the scope. */
  String describe() {
    return switch (effectiveKind()) {
      case ROOT -> "the global scope";
      case SHARED -> "a shared-network";
      case SUBNET -> "a subnet";
      case POOL -> "a pool";
      case HOST -> "a host";
      case CLASS -> "a class";
      case GROUP -> "a group";
    };
  }
}
