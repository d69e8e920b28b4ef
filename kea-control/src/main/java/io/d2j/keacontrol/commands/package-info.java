/**
 * The commands every Kea daemon answers ({@link io.d2j.keacontrol.commands.StandardCommands}) over
 * one generic {@link io.d2j.keacontrol.commands.DaemonTarget}, worded in each daemon's {@link
 * io.d2j.keacontrol.commands.KeaDialect}.
 */
package io.d2j.keacontrol.commands;
