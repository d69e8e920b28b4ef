package io.d2j.dhcp4.plugins;

import io.d2j.dhcp4.handler.DhcpPlugin;
import io.d2j.dhcp4.plugins.allocation.AllocationPlugin;
import io.d2j.dhcp4.plugins.classify.ClassifyPlugin;
import io.d2j.dhcp4.plugins.ddns.DdnsNamingPlugin;
import io.d2j.dhcp4.plugins.ddns.DdnsPlugin;
import io.d2j.dhcp4.plugins.ha.HaPlugin;
import io.d2j.dhcp4.plugins.leasetimes.LeaseTimesPlugin;
import io.d2j.dhcp4.plugins.options.OptionsPlugin;
import java.util.List;

/** The plugins shipped with d2j-dhcp4 (the chain's order is ChainAssembler's business). */
public final class BuiltInPlugins {

  private BuiltInPlugins() {}

  public static List<DhcpPlugin> all() {
    return List.of(
        new ClassifyPlugin(),
        new HaPlugin(),
        new DdnsNamingPlugin(),
        new AllocationPlugin(),
        new LeaseTimesPlugin(),
        new OptionsPlugin(),
        new DdnsPlugin());
  }
}
