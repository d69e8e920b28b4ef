/**
 * TSIG keys as Kea configures them: {@link io.d2j.tsig.TsigKeySpec} (name, algorithm by Kea's name,
 * digest-bits, secret), secret files, and the key ring. No dnsjava here.
 */
package io.d2j.tsig;
