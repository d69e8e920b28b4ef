/**
 * Allocation, pure: {@link io.d2j.dhcp4.alloc.LeaseFlows} decides the answer to a DISCOVER,
 * REQUEST, RELEASE, DECLINE or INFORM from the lease store's view (subnet selection, address
 * choice, reservations, the lease namer), as a {@link io.d2j.dhcp4.alloc.Decision} with the one
 * {@link io.d2j.dhcp4.alloc.LeaseChange} to store; {@link io.d2j.dhcp4.alloc.LeaseEventClassifier}
 * says which lease events a stored change fires; {@link io.d2j.dhcp4.alloc.Reclaimer} handles
 * expiry.
 */
package io.d2j.dhcp4.alloc;
