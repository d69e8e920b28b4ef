/*
 * What each DHCP server's hook hands the helper, as lease events. Each adapter reads only its
 * own arguments and environment; none touches the network or the files.
 */
#ifndef D2J_ADAPTERS_H
#define D2J_ADAPTERS_H

#include <stddef.h>

#include "lease.h"

#define MAX_EVENTS 64

/*
 * Returns the number of events (0: an event this helper ignores), or -1 with a message in err.
 * argv[0] is the server's event name.
 */
int dnsmasq_events(int argc, char **argv, long long now, lease_event *out, char *err,
                   size_t errlen);
int dhcpd_events(int argc, char **argv, lease_event *out, char *err, size_t errlen);
int kea_events(int argc, char **argv, lease_event *out, char *err, size_t errlen);

/* Whether name is one of dnsmasq's / Kea's event names (so argv[1] alone picks the adapter). */
int dnsmasq_event_name(const char *name);
int kea_event_name(const char *name);

#endif
