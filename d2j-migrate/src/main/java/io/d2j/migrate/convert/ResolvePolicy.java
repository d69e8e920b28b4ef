package io.d2j.migrate.convert;

/**
 * What to do with a host name where Kea needs an address ({@code -r}, keama's flag): in {@code
 * fixed-address}, {@code next-server}, address options, zone primaries.
 */
public enum ResolvePolicy {
  /** Look the name up now and use the first address; the report records what it resolved to. */
  PERFORM,
  /** Stop with an error at the first name. */
  FATAL,
  /**
   * The default: keep the construct commented out with the name and list it in the report. Unlike
   * keama's {@code pass}, a name never reaches a live address field, where Kea would refuse it.
   */
  PASS
}
