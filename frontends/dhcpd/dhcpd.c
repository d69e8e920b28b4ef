/*
 * ISC dhcpd's execute() from "on commit", "on release" and "on expiry" (dhcpd.conf(5),
 * dhcp-eval(5)); the arguments are whatever dhcpd.conf passes, in this order:
 *
 *   dhcpd commit  <address> <mac> [<hostname> [<client-id> [<lease-time>]]]  -> ensure
 *   dhcpd release <address> [<mac> [<hostname> [<client-id>]]]              -> remove
 *   dhcpd expiry  <address> [...]                                           -> remove
 *
 * Octets may come from binary-to-ascii(16, 8, ":", ...), which does not zero-pad ("1:0:5e:..."),
 * and empty arguments mean "none". A removal needs only the address: the helper removes what it
 * recorded for it (on expiry dhcpd no longer has the client's packet).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapters.h"

int dhcpd_events(int argc, char **argv, lease_event *out, char *err, size_t errlen) {
  if (argc < 2) {
    snprintf(err, errlen, "dhcpd: expected commit|release|expiry <address> [<mac> [<hostname> "
                          "[<client-id> [<lease-time>]]]]");
    return -1;
  }
  const char *what = argv[0];
  lease_event *e = out;
  memset(e, 0, sizeof *e);
  if (strcmp(what, "commit") == 0) {
    e->kind = LEASE_ENSURE;
    e->source = "dhcpd commit";
  } else if (strcmp(what, "release") == 0) {
    e->kind = LEASE_REMOVE;
    e->source = "dhcpd release";
  } else if (strcmp(what, "expiry") == 0) {
    e->kind = LEASE_REMOVE;
    e->source = "dhcpd expiry";
  } else {
    snprintf(err, errlen, "dhcpd: unknown event '%s' (commit, release or expiry)", what);
    return -1;
  }
  e->address = argv[1];
  e->htype = 1;
  e->hw = argc > 2 ? argv[2] : NULL;
  e->hostname = argc > 3 && argv[3][0] ? argv[3] : NULL;
  e->client_id = argc > 4 ? argv[4] : NULL;
  e->lifetime = -1;
  if (argc > 5 && argv[5][0]) {
    char *end;
    long long t = strtoll(argv[5], &end, 10);
    if (*end != '\0' || t < 0) {
      snprintf(err, errlen, "dhcpd %s: lease time '%s' is not a number of seconds", what, argv[5]);
      return -1;
    }
    e->lifetime = t;
  }
  if (e->kind == LEASE_ENSURE && (!e->hw || !*e->hw) && (!e->client_id || !*e->client_id)) {
    snprintf(err, errlen, "dhcpd commit: needs the lease's MAC or client-id (for the DHCID)");
    return -1;
  }
  return 1;
}
