package io.d2j.dhcp4.handler;

import io.d2j.keaconfig.ConfigNode;

/**
 * A named source of one handler. Built-in plugins live in {@code io.d2j.dhcp4.plugins.*}; a third
 * party ships a jar with an implementation listed in {@code
 * META-INF/services/io.d2j.dhcp4.handler.DhcpPlugin} (java.util.ServiceLoader) and enables it in
 * the configuration as {@code "hooks-libraries": [{"library": "d2j:NAME", "parameters": {...}}]}.
 */
public interface DhcpPlugin {

  /** The name the configuration uses ({@code d2j:NAME}); lower-case, unique. */
  String name();

  /**
   * Builds the handler from its arguments.
   *
   * @param args the plugin's {@code parameters} (an empty map for built-ins)
   * @param context the server's configuration and services
   * @throws io.d2j.keaconfig.ConfigException naming the argument's path when it is wrong
   */
  PacketHandler parse(ConfigNode args, PluginContext context);
}
