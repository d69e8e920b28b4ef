package io.d2j.dhcp4.plugins.options;

import io.d2j.dhcp4.handler.DhcpPlugin;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.keaconfig.ConfigNode;

/** {@code options}: server identifier, subnet mask, option-data, 61/82 echo (see README.md). */
public final class OptionsPlugin implements DhcpPlugin {

  public static final String NAME = "options";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PacketHandler parse(ConfigNode args, PluginContext context) {
    return new OptionsHandler(context.config());
  }
}
