/*
 * dnsmasq's --dhcp-script: "<action> <mac> <address> [<hostname>]" with DNSMASQ_* variables
 * (dnsmasq(8), "--dhcp-script"):
 *
 *   add   a new lease                    -> ensure
 *   old   a lease changed or re-announced at dnsmasq's start (name, expiry) -> ensure
 *   del   a lease released or expired    -> remove
 *   init, tftp, arp-add, arp-del, relay-snoop -> ignored (exit 0, nothing printed)
 *
 * The MAC is "aa:bb:cc:dd:ee:ff", or "<htype in two hex digits>-<octets>" when the hardware is
 * not Ethernet. DNSMASQ_CLIENT_ID is option 61 as hex octets; the lease's length comes from
 * DNSMASQ_LEASE_LENGTH (dnsmasq built with HAVE_BROKEN_RTC), else DNSMASQ_LEASE_EXPIRES (0:
 * an infinite lease), else DNSMASQ_TIME_REMAINING. DNSMASQ_OLD_HOSTNAME is the name an "old"
 * event replaced; DNSMASQ_DOMAIN the domain dnsmasq gives the lease. At dnsmasq's start, "old"
 * events carry DNSMASQ_DATA_MISSING=1 and no client-id: the recorded client-id then stands in
 * (same MAC), so the DHCID does not change under a lease that did not. An IPv6 lease (DUID in the
 * MAC position, DNSMASQ_IAID set) is logged and ignored.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "adapters.h"

static const char *const ACTIONS[] = {"add", "old", "del", "init", "tftp", "arp", "arp-add",
                                      "arp-del", "relay-snoop", NULL};

int dnsmasq_event_name(const char *name) {
  for (int i = 0; ACTIONS[i]; i++) {
    if (strcmp(name, ACTIONS[i]) == 0) {
      return 1;
    }
  }
  return 0;
}

static const char *env(const char *name) {
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

static int hexdigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int dnsmasq_events(int argc, char **argv, long long now, lease_event *out, char *err,
                   size_t errlen) {
  const char *action = argv[0];
  int add = strcmp(action, "add") == 0, old = strcmp(action, "old") == 0,
      del = strcmp(action, "del") == 0;
  if (!add && !old && !del) {
    return 0;
  }
  if (argc < 3) {
    snprintf(err, errlen, "dnsmasq %s: expected <mac> <address> [<hostname>]", action);
    return -1;
  }
  lease_event *e = out;
  memset(e, 0, sizeof *e);
  e->kind = del ? LEASE_REMOVE : LEASE_ENSURE;
  e->source = add ? "dnsmasq add" : old ? "dnsmasq old" : "dnsmasq del";
  e->address = argv[2];
  e->hostname = argc > 3 && argv[3][0] ? argv[3] : NULL;
  e->htype = 1;
  const char *mac = argv[1];
  if (strlen(mac) > 3 && hexdigit(mac[0]) && hexdigit(mac[1]) && mac[2] == '-') {
    e->htype = (int)strtol(mac, NULL, 16);
    mac += 3;
  }
  e->hw = mac;
  e->client_id = env("DNSMASQ_CLIENT_ID");
  e->old_hostname = env("DNSMASQ_OLD_HOSTNAME");
  e->data_missing = env("DNSMASQ_DATA_MISSING") != NULL;
  e->domain = env("DNSMASQ_DOMAIN");
  e->lifetime = -1;
  const char *length = env("DNSMASQ_LEASE_LENGTH");
  const char *expires = env("DNSMASQ_LEASE_EXPIRES");
  const char *remaining = env("DNSMASQ_TIME_REMAINING");
  if (length) {
    e->lifetime = atoll(length);
  } else if (expires) {
    long long at = atoll(expires);
    e->lifetime = at == 0 ? 4294967295LL : at - now < 0 ? 0 : at - now;
  } else if (remaining) {
    e->lifetime = atoll(remaining);
  }
  if (env("DNSMASQ_IAID")) {
    e->hw = NULL; /* a DUID, not a MAC: lease_apply logs the IPv6 lease and skips it */
  }
  return 1;
}
