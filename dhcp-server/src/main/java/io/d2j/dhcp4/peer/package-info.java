/**
 * The HA peer transport (spec §6.7): Kea's command protocol over HTTP(S) between the two servers of
 * an HA pair. {@link io.d2j.dhcp4.peer.PeerListener} answers the partner's commands on this
 * server's peer URL as kea-ctrl-agent does (a JSON list); {@link io.d2j.dhcp4.peer.PeerClient}
 * sends this server's commands to the partner's URL. Vert.x lives here and in the runtime only; the
 * HA decisions stay in the pure {@code ha} package.
 */
package io.d2j.dhcp4.peer;
