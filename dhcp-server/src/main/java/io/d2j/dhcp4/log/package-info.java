/**
 * d2j-dhcp4's log catalogue in code: {@link io.d2j.dhcp4.log.Dhcp4Log}. Depends on no other
 * dhcp-server package.
 */
package io.d2j.dhcp4.log;
