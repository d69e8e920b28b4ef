/*
 * Log lines: "d2j-lease-event[pid]: <ID> <text>" on stderr (dnsmasq logs a script's output;
 * Kea and dhcpd pass their own stderr on), and warnings and errors to syslog (facility daemon)
 * as well. The IDs are catalogued in docs/log-messages.md.
 */
#ifndef D2J_LOG_H
#define D2J_LOG_H

void log_quiet(int quiet);
void log_info(const char *id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_warn(const char *id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_error(const char *id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
