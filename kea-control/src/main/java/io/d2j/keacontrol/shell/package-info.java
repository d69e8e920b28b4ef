/** {@code d2j-shell}: one command to any Kea-style control socket, the answer printed indented. */
package io.d2j.keacontrol.shell;
