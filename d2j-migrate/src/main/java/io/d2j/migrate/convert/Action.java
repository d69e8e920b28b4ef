package io.d2j.migrate.convert;

/** What became of a dhcpd.conf construct (spec §9.4.2). */
public enum Action {
  /** Converted with the same meaning. */
  CONVERTED("C", "converted"),
  /** Converted, but Kea behaves differently in a way the operator should know. */
  PARTIAL("P", "converted with a difference"),
  /** Not converted: printed commented out at its place in the output. */
  COMMENTED("X", "not converted"),
  /** Nothing to convert, or advice (e.g. a value to fill in). */
  NOTE("N", "note");

  private final String code;
  private final String text;

  Action(String code, String text) {
    this.code = code;
    this.text = text;
  }

  /** One letter: C, P, X or N. */
  public String code() {
    return code;
  }

  /** How the text report names it. */
  public String text() {
    return text;
  }
}
