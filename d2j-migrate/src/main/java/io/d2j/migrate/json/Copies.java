package io.d2j.migrate.json;

/** Deep copies of output values. */
final class Copies {
  private Copies() {}

  static JValue copy(JValue v) {
    if (v instanceof JMap m) {
      return m.copy();
    }
    if (v instanceof JList l) {
      return l.copy();
    }
    return v; // scalars are immutable
  }
}
