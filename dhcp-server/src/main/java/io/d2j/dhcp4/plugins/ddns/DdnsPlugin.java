package io.d2j.dhcp4.plugins.ddns;

import io.d2j.dhcp4.handler.DhcpPlugin;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.keaconfig.ConfigNode;

/**
 * {@code ddns}: after allocation, answers option 81 or 12 with the name the lease got (see
 * README.md). NameChangeRequests leave through the runtime's lease events, not through here.
 */
public final class DdnsPlugin implements DhcpPlugin {

  public static final String NAME = "ddns";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PacketHandler parse(ConfigNode args, PluginContext context) {
    return new ResponseHandler();
  }
}
