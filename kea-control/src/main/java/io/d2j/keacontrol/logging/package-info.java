/**
 * Kea's {@code loggers} block, read ({@link io.d2j.keacontrol.logging.LoggersParser}) and applied
 * to Logback ({@link io.d2j.keacontrol.logging.KeaLogging}) the same way in both daemons; and the
 * typed log lines ({@link io.d2j.keacontrol.logging.LogId}) each daemon's catalogue enum
 * implements, with the reader of docs/log-messages.md the catalogue tests use ({@link
 * io.d2j.keacontrol.logging.LogCatalogue}).
 */
package io.d2j.keacontrol.logging;
