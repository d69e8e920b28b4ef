package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.options.OptionValues;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;

/**
 * A third-party plugin as an outside jar would ship it: registered in this module's test resources
 * under META-INF/services, enabled as {@code d2j:tag}; adds option 224 from its {@code hex}
 * parameter to every reply.
 */
public final class TaggingPlugin implements DhcpPlugin {

  @Override
  public String name() {
    return "tag";
  }

  @Override
  public PacketHandler parse(ConfigNode args, PluginContext context) {
    var data = OptionValues.hex(((ConfigMap) args).requireString("hex"));
    return (query, reply, ctx) ->
        Verdict.next(reply.withOptions(reply.options().toBuilder().put(224, data).build()));
  }
}
