/** The {@code lease-times} plugin: lease time, T1 and T2 of an OFFER or ACK (see README.md). */
package io.d2j.dhcp4.plugins.leasetimes;
