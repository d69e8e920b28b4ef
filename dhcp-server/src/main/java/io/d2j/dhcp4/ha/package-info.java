/**
 * High Availability (spec §6): the typed configuration of a {@code libdhcp_ha.so} entry ({@link
 * io.d2j.dhcp4.ha.HaConfigParser}), the RFC 3074 load-balancing hash and the scope classes ({@link
 * io.d2j.dhcp4.ha.LoadBalancing}), and the pure state machine ({@link
 * io.d2j.dhcp4.ha.HaStateMachine}) on an injected clock and scheduler. No I/O here: the peer
 * transport and lease updates are the runtime's.
 */
package io.d2j.dhcp4.ha;
