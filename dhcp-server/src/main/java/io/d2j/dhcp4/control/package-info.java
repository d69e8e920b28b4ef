/**
 * The control channel of d2j-dhcp4: Kea's command protocol on a unix socket (one JSON command per
 * connection, one JSON answer), the command registry, and the commands kea-dhcp4 answers: server
 * commands, config commands and the lease commands of Kea's lease_cmds hook. Built after
 * d2-daemon's {@code control} package (dhcp-server must not depend on d2-daemon).
 */
package io.d2j.dhcp4.control;
