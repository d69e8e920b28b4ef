package io.d2j.dhcp4.ha;

import io.d2j.dhcp4.packet.DhcpPacket;

/**
 * The chain's view of HA (its {@code ha} slot): whether this server answers a query now, given the
 * scopes its HA state serves (spec §6.5). An implementation counts and analyses what it refuses
 * (§6.11) and must not block: it runs on the packet thread.
 */
@FunctionalInterface
public interface ScopeFilter {

  /** Without HA every query is admitted. */
  ScopeFilter ALL = query -> Decision.ADMIT;

  /** What the filter decided. */
  enum Decision {
    ADMIT,
    /** In the scope of a server this one does not serve now. */
    NOT_IN_SCOPE,
    /** Load-balancing, and the query has neither client identifier nor hardware address. */
    NO_IDENTIFIER
  }

  Decision decide(DhcpPacket query);
}
