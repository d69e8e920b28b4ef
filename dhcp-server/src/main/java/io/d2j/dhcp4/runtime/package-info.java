/**
 * The d2j-dhcp4 shell and composition root: {@link io.d2j.dhcp4.runtime.Dhcp4Process} (the server
 * of the configuration in force, statistics, commands, reload, shutdown; the commands' target),
 * {@link io.d2j.dhcp4.runtime.Dhcp4Server} (the chain, lease store, transports and timers of one
 * configuration), the packet loop and its batches (replies and lease events only once the batch is
 * durable), and {@link io.d2j.dhcp4.runtime.Main} for kea-control's shared command line.
 */
package io.d2j.dhcp4.runtime;
