/**
 * The commands of d2j-dhcp4: kea-control's standard commands (the channel, version, status,
 * statistics, config-*, shutdown) worded as kea-dhcp4 words them ({@link
 * io.d2j.dhcp4.control.Dhcp4Commands}), and the lease commands of Kea's lease_cmds hook over a
 * {@link io.d2j.dhcp4.control.LeaseTarget}.
 */
package io.d2j.dhcp4.control;
