/**
 * d2j's authentication of NCR datagrams between d2j senders and a d2j D2 (issue 16 item 2): an
 * HMAC-SHA256 trailer after the framed NCR ({@link io.d2j.ncr.auth.NcrSigner}), checked with a
 * replay window ({@link io.d2j.ncr.auth.NcrVerifier}). Kea's D2 reads only the framed NCR, so a
 * signed datagram still reaches it; Kea's DHCP servers cannot sign.
 */
package io.d2j.ncr.auth;
