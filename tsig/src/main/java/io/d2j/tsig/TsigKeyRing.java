package io.d2j.tsig;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured TSIG keys, looked up by name. DNS names compare case-insensitively (RFC 4343 §3),
 * and Kea lets {@code key-name} omit the trailing dot, so {@code find("D2Key")} finds {@code
 * d2key.}. Built once per configuration in the composition root; immutable.
 *
 * <pre>{@code
 * var ring = new TsigKeyRing(List.of(TsigKeySpec.of("d2key", "HMAC-SHA256", 0, secret)));
 * ring.find("D2KEY.")   // Optional[TsigKeySpec[name=d2key., ..., secret=[redacted]]]
 * }</pre>
 */
public final class TsigKeyRing {
  private final Map<String, TsigKeySpec> byName;

  /**
   * @throws IllegalArgumentException {@code Duplicate TSIG key name specified : k} (Kea's wording)
   *     when two keys share a name
   */
  public TsigKeyRing(Collection<TsigKeySpec> keys) {
    Map<String, TsigKeySpec> map = new LinkedHashMap<>();
    for (TsigKeySpec key : keys) {
      Objects.requireNonNull(key, "keys: must not contain null");
      if (map.putIfAbsent(lookupKey(key.name()), key) != null) {
        throw new IllegalArgumentException(
            "Duplicate TSIG key name specified : " + relative(key.name()));
      }
    }
    this.byName = map;
  }

  /** The key with this name, ignoring case and an optional trailing dot. */
  public Optional<TsigKeySpec> find(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(byName.get(lookupKey(name)));
  }

  /** All keys, in configuration order. */
  public Collection<TsigKeySpec> keys() {
    return List.copyOf(byName.values());
  }

  public int size() {
    return byName.size();
  }

  private static String lookupKey(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  private static String relative(String absolute) {
    return absolute.length() > 1 ? absolute.substring(0, absolute.length() - 1) : absolute;
  }

  @Override
  public String toString() {
    return "TsigKeyRing" + byName.values().stream().map(TsigKeySpec::name).toList();
  }
}
