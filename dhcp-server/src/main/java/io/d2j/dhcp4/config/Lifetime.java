package io.d2j.dhcp4.config;

import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import java.util.Optional;

/**
 * {@code valid-lifetime} with its bounds {@code min-valid-lifetime} and {@code max-valid-lifetime}
 * (Kea's triplet): a client asking for a lifetime (option 51) gets it clamped into {@code [min,
 * max]}; one asking for none gets {@code value}.
 */
public record Lifetime(long min, long value, long max) {

  public Lifetime {
    if (min > value || value > max) {
      throw new IllegalArgumentException(
          "valid-lifetime " + value + " must lie between min " + min + " and max " + max);
    }
  }

  /** Min, value and max all {@code value}. */
  public static Lifetime fixed(long value) {
    return new Lifetime(value, value, value);
  }

  /** The lifetime for a client that asked for {@code requested} (0: asked for nothing). */
  public long choose(long requested) {
    if (requested <= 0) {
      return value;
    }
    return Math.max(min, Math.min(max, requested));
  }

  /**
   * The triplet a map sets itself with Kea's rules (see {@link #of}). Empty when the map sets none
   * of the three.
   */
  static Optional<Lifetime> parse(ConfigMap map, String name) {
    for (String key : new String[] {name, "min-" + name, "max-" + name}) {
      Optional<Long> v = map.optLong(key);
      if (v.isPresent() && (v.get() < 0 || v.get() > 0xFFFF_FFFFL)) {
        throw map.require(key).error(key + " must be between 0 and 4294967295, got " + v.get());
      }
    }
    return of(map.optLong(name), map.optLong("min-" + name), map.optLong("max-" + name), map, name);
  }

  /**
   * Kea's triplet: a missing bound is the value; only a minimum makes all three the minimum, only a
   * maximum all three the maximum; both bounds but no value is an error, as is a value outside the
   * bounds. Empty when none of the three is given.
   *
   * @param scope the map the keys are in (errors point at the key concerned, else at it)
   * @param name {@code valid-lifetime}
   */
  static Optional<Lifetime> of(
      Optional<Long> value, Optional<Long> min, Optional<Long> max, ConfigMap scope, String name) {
    if (value.isEmpty() && min.isEmpty() && max.isEmpty()) {
      return Optional.empty();
    }
    long v;
    long lo;
    long hi;
    if (value.isPresent()) {
      v = value.get();
      lo = min.orElse(v);
      hi = max.orElse(v);
    } else if (min.isPresent()) {
      if (max.isPresent()) {
        throw node(scope, "min-" + name)
            .error("min-" + name + " and max-" + name + " are set but " + name + " is not");
      }
      v = min.get();
      lo = v;
      hi = v;
    } else {
      v = max.get();
      lo = v;
      hi = v;
    }
    if (lo > hi) {
      String low = min.isPresent() ? "min-" + name : name;
      String high = max.isPresent() ? "max-" + name : name;
      throw node(scope, min.isPresent() ? "min-" + name : "max-" + name)
          .error(low + " (" + lo + ") is above " + high + " (" + hi + ")");
    }
    if (v < lo || v > hi) {
      throw node(scope, name)
          .error(
              name
                  + " ("
                  + v
                  + ") is not between min-"
                  + name
                  + " ("
                  + lo
                  + ") and max-"
                  + name
                  + " ("
                  + hi
                  + ")");
    }
    return Optional.of(new Lifetime(lo, v, hi));
  }

  private static ConfigNode node(ConfigMap scope, String key) {
    return scope.get(key).orElse(scope);
  }
}
