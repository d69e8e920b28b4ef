/**
 * {@code bin/d2j-migrate}: keama's command line ({@code CommandLine}), {@link
 * io.d2j.migrate.cli.Main} (read, convert, write, report, exit status) and the version.
 */
package io.d2j.migrate.cli;
