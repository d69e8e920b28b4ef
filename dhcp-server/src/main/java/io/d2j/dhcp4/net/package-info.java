/**
 * Network I/O: which sockets serve which interfaces ({@link io.d2j.dhcp4.net.ListenPlan}), the
 * per-interface transports (an IP_PKTINFO UDP socket; AF_PACKET raw sockets through JNA) and the
 * JDK fallback, interface watching and socket retries. It moves datagrams and knows nothing of
 * leases or the chain; the only package that calls libc.
 */
package io.d2j.dhcp4.net;
