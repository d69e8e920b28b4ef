package io.d2j.testkit;

import java.io.IOException;

/**
 * The real zone servers a scenario can run against, for parameterised tests:
 * {@code @EnumSource(ZoneServerKind.class)}, then {@code try (ZoneServer dns = kind.start(key)) { …
 * }}.
 */
public enum ZoneServerKind {
  BIND,
  KNOT,
  POWERDNS;

  /**
   * Starts one server of this kind serving {@code test-zones/} with {@code key}; aborts the calling
   * test (skipped, with the reason) when the product is not installed.
   */
  public ZoneServer start(TestKey key) throws IOException {
    return switch (this) {
      case BIND -> {
        BindServer.assumeAvailable();
        yield BindServer.start(key);
      }
      case KNOT -> {
        KnotServer.assumeAvailable();
        yield KnotServer.start(key);
      }
      case POWERDNS -> {
        PowerDnsServer.assumeAvailable();
        yield PowerDnsServer.start(key);
      }
    };
  }
}
