package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Statement;

/** {@code failover peer} declarations and pool references. */
final class Failover {
  private static final String LATER = "failover to HA is not in this version yet";
  private final Conversion c;

  Failover(Conversion c) {
    this.c = c;
  }

  void peer(Statement s, Scope scope) {
    c.commentOut(s, scope, LATER);
  }

  void reference(Statement s, Scope scope) {
    c.commentOut(s, scope, LATER);
  }
}
