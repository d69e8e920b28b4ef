/** {@code d2j-ncr}: a command-line NCR sender for tests and operators. */
package io.d2j.ncr.cli;
