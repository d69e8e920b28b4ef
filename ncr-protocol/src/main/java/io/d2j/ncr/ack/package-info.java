/** d2j acknowledgements of NCR datagrams: a d2j-only extension Kea ignores. */
package io.d2j.ncr.ack;
