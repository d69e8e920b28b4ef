package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.packet.DhcpPacket;

/**
 * One link of the chain (CoreDHCP's contract, STYLE.md #9): the query, the reply built so far and
 * the per-query context in; a {@link Verdict} out. Handlers run on the server's packet thread, one
 * query at a time, and do no network I/O.
 */
@FunctionalInterface
public interface PacketHandler {

  /** A handler that changes nothing (a plugin its configuration switched off). */
  PacketHandler PASS = (query, reply, context) -> Verdict.next(reply);

  Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context);
}
