package io.d2j.dhcp4.plugins.leasetimes;

import io.d2j.dhcp4.handler.DhcpPlugin;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.keaconfig.ConfigNode;

/** {@code lease-times}: options 51, 58 and 59 on OFFER and ACK (see README.md). */
public final class LeaseTimesPlugin implements DhcpPlugin {

  public static final String NAME = "lease-times";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PacketHandler parse(ConfigNode args, PluginContext context) {
    return new LeaseTimesHandler();
  }
}
