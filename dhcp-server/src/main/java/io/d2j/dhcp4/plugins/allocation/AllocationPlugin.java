package io.d2j.dhcp4.plugins.allocation;

import io.d2j.dhcp4.alloc.LeaseFlows;
import io.d2j.dhcp4.handler.DhcpPlugin;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.keaconfig.ConfigNode;

/** {@code allocation}: answers DISCOVER, REQUEST, RELEASE, DECLINE and INFORM (see README.md). */
public final class AllocationPlugin implements DhcpPlugin {

  public static final String NAME = "allocation";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PacketHandler parse(ConfigNode args, PluginContext context) {
    return new AllocationHandler(
        new LeaseFlows(context.config(), context.leases()),
        context.leases(),
        context.events(),
        context.config(),
        new StarvationAlarm(context.stats()));
  }
}
