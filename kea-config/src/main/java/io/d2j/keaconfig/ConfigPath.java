package io.d2j.keaconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The JSON path of a configuration node: map keys and list indexes from the document root, e.g.
 * {@code /DhcpDdns/forward-ddns/ddns-domains/0/key-name}. The root has no segments and renders as
 * {@code /}.
 *
 * <p>Rendering follows JSON Pointer (RFC 6901 §3): a {@code ~} in a key is written {@code ~0} and a
 * {@code /} is written {@code ~1}, so that a key containing a slash cannot be mistaken for two
 * levels. Kea's keys never contain either character, so ordinary paths read as they look.
 *
 * @param segments keys and decimal list indexes, outermost first
 */
public record ConfigPath(List<String> segments) {

  private static final ConfigPath ROOT = new ConfigPath(List.of());

  public ConfigPath {
    segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
  }

  /** The document root, rendered as {@code /}. */
  public static ConfigPath root() {
    return ROOT;
  }

  /** This path extended by a map key. */
  public ConfigPath key(String k) {
    Objects.requireNonNull(k, "k");
    return append(k);
  }

  /** This path extended by a list index. */
  public ConfigPath index(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("i: list index must not be negative (" + i + ")");
    }
    return append(Integer.toString(i));
  }

  private ConfigPath append(String segment) {
    List<String> longer = new ArrayList<>(segments.size() + 1);
    longer.addAll(segments);
    longer.add(segment);
    return new ConfigPath(longer);
  }

  /** Renders the path, e.g. {@code /DhcpDdns/tsig-keys/0/name}; the root renders as {@code /}. */
  @Override
  public String toString() {
    if (segments.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    for (String segment : segments) {
      out.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }
}
