/**
 * Kea's daemon command line, shared: {@link io.d2j.keacontrol.cli.CommandLine} (the flags), {@link
 * io.d2j.keacontrol.cli.DaemonLauncher} (version, check, loggers, start, signals, exit code) over a
 * daemon's {@link io.d2j.keacontrol.cli.DaemonProgram}, and {@link io.d2j.keacontrol.cli.Signals}.
 */
package io.d2j.keacontrol.cli;
