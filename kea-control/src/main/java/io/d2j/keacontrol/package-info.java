/**
 * Kea's unix control channel: {@link io.d2j.keacontrol.UnixControlServer} reads one JSON command
 * per connection, {@link io.d2j.keacontrol.CommandRegistry} checks it as Kea does and finds its
 * {@link io.d2j.keacontrol.Command}, a {@link io.d2j.keacontrol.CommandExecutor} runs it where the
 * daemon's state lives, and one {@link io.d2j.keacontrol.Answer} goes back. The sub-packages hold
 * the rest of the layer both daemons share (see the module README).
 */
package io.d2j.keacontrol;
