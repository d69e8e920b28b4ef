/**
 * dhcpd.conf as text, without its meaning: {@link io.d2j.migrate.conf.Lexer} (tokens with their
 * file, line and column), {@link io.d2j.migrate.conf.ConfParser} (the statement tree, {@code
 * include}s followed through {@link io.d2j.migrate.conf.Includes}), {@link
 * io.d2j.migrate.conf.Statement} and {@link io.d2j.migrate.conf.Block}; a syntax error is a {@link
 * io.d2j.migrate.conf.ConfSyntaxException} that names its position. The path of a file: text →
 * tokens → statements → {@code convert}.
 */
package io.d2j.migrate.conf;
