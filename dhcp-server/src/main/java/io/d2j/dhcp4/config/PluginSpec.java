package io.d2j.dhcp4.config;

import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import java.util.Objects;

/**
 * A third-party handler the configuration asks for: a {@code hooks-libraries} entry whose {@code
 * library} is {@code "d2j:NAME"}, found through the {@code DhcpPlugin} SPI and given {@code
 * parameters} as its arguments.
 *
 * @param name the plugin name after {@code d2j:}
 * @param args the {@code parameters} map (an empty map when absent)
 * @param library the {@code library} value, for errors about this entry
 */
public record PluginSpec(String name, ConfigMap args, ConfigNode library) {

  public PluginSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(library, "library");
  }
}
