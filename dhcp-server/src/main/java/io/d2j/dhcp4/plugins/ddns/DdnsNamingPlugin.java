package io.d2j.dhcp4.plugins.ddns;

import io.d2j.dhcp4.handler.DhcpPlugin;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.keaconfig.ConfigNode;

/**
 * {@code ddns-naming}: reads option 81/12 of a DISCOVER or REQUEST before allocation and gives
 * allocation the function that names the lease (see README.md).
 */
public final class DdnsNamingPlugin implements DhcpPlugin {

  public static final String NAME = "ddns-naming";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PacketHandler parse(ConfigNode args, PluginContext context) {
    return new NamingHandler();
  }
}
