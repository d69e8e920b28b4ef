/** NameChangeRequests: model, Kea JSON codec, framing, DHCID, UDP transport. */
package io.d2j.ncr;
