/**
 * The handler chain: a query and the reply built so far pass through the plugins' {@link
 * io.d2j.dhcp4.handler.PacketHandler}s in the order {@link io.d2j.dhcp4.handler.ChainAssembler}
 * decides, sharing one {@link io.d2j.dhcp4.handler.PacketContext} per query (and the core's keys
 * between plugins, such as the lease namer).
 */
package io.d2j.dhcp4.handler;
