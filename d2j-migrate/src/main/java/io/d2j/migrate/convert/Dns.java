package io.d2j.migrate.convert;

import io.d2j.migrate.conf.Statement;

/** The DNS part: {@code key}, {@code zone} and the {@code ddns-*} statements. */
final class Dns {
  private static final String LATER = "the DNS part of the conversion is not in this version yet";
  private final Conversion c;

  Dns(Conversion c) {
    this.c = c;
  }

  void key(Statement s, Scope scope) {
    c.commentOut(s, scope, LATER);
  }

  void zone(Statement s, Scope scope) {
    c.commentOut(s, scope, LATER);
  }

  void parameter(Statement s, Scope scope) {
    c.commentOut(s, scope, LATER);
  }
}
