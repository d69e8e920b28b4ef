package io.d2j.dhcp4.config;

import io.d2j.keaconfig.ConfigMap;
import java.util.Objects;

/**
 * A third-party handler the configuration asks for: a {@code hooks-libraries} entry whose {@code
 * library} is {@code "d2j:NAME"}, found through the {@code DhcpPlugin} SPI and given {@code
 * parameters} as its arguments.
 *
 * @param name the plugin name after {@code d2j:}
 * @param args the {@code parameters} map (an empty map when absent)
 */
public record PluginSpec(String name, ConfigMap args) {

  public PluginSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(args, "args");
  }
}
