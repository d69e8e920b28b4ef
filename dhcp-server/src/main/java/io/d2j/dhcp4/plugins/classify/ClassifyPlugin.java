package io.d2j.dhcp4.plugins.classify;

import io.d2j.dhcp4.handler.DhcpPlugin;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.keaconfig.ConfigNode;

/** {@code classify}: the query's client classes before allocation (see README.md). */
public final class ClassifyPlugin implements DhcpPlugin {

  public static final String NAME = "classify";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PacketHandler parse(ConfigNode args, PluginContext context) {
    return new ClassifyHandler(context.config().clientClasses().classifier());
  }
}
