package io.d2j.dhcp4.plugins.ha;

import io.d2j.dhcp4.ha.ScopeFilter;
import io.d2j.dhcp4.handler.DhcpPlugin;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.PluginContext;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.keaconfig.ConfigNode;

/**
 * {@code ha}: drops the queries outside the HA scopes this server serves now (see README.md). The
 * decision is the context's {@link ScopeFilter}, which the runtime keeps in step with the HA state
 * machine; without HA every query passes.
 *
 * <p>With HA the handler runs under the lease lock ({@link PacketHandler#needsLeaseLock}'s
 * default), with allocation, as before chain phases: the HA thread switches the scopes without that
 * lock, so the lock does not order the two, but deciding in the locked part decides when the batch
 * allocates rather than when a packet thread took it, a few milliseconds earlier under load: a
 * query that waited for the lock while its scope went to the partner is not allocated here. It is a
 * set lookup; keeping it there costs little. Without HA it is {@link PacketHandler#PASS}, which
 * needs no lock.
 */
public final class HaPlugin implements DhcpPlugin {

  public static final String NAME = "ha";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PacketHandler parse(ConfigNode args, PluginContext context) {
    ScopeFilter filter = context.haFilter();
    if (filter == ScopeFilter.ALL) {
      return PacketHandler.PASS;
    }
    return (query, reply, ctx) ->
        switch (filter.decide(query)) {
          case ADMIT -> Verdict.next(reply);
          case NOT_IN_SCOPE -> Verdict.drop("not in the HA scopes this server serves");
          case NO_IDENTIFIER ->
              Verdict.drop(
                  "HA_LOAD_BALANCING_IDENTIFIER_MISSING: neither client identifier nor hardware"
                      + " address to place the query");
        };
  }
}
