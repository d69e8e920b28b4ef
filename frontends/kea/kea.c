/*
 * Kea's run_script hook (libdhcp_run_script.so, Kea 2.2): the script gets the hook point's name as
 * its only argument and the lease in the environment (Kea ARM, "run_script"):
 *
 *   leases4_committed  DELETED_LEASES4_AT<i>_* -> remove, then LEASES4_AT<i>_* -> ensure
 *   lease4_renew       LEASE4_*                -> ensure
 *   lease4_release, lease4_decline, lease4_expire  LEASE4_* -> remove
 *   lease4_recover and every lease6_* / leases6_committed -> ignored
 *
 * Per lease: _ADDRESS, _HOSTNAME (as Kea stored it: qualified, sanitised, option-81 names with a
 * trailing dot), _HWADDR ("aa:bb:..") and _HWADDR_TYPE, _CLIENT_ID ("01:aa:.."),
 * _VALID_LIFETIME, _CLTT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapters.h"

static const char *const EVENTS[] = {"leases4_committed", "lease4_renew", "lease4_release",
                                     "lease4_decline", "lease4_expire", "lease4_recover",
                                     "leases6_committed", "lease6_renew", "lease6_rebind",
                                     "lease6_release", "lease6_decline", "lease6_expire",
                                     "lease6_recover", NULL};

int kea_event_name(const char *name) {
  for (int i = 0; EVENTS[i]; i++) {
    if (strcmp(name, EVENTS[i]) == 0) {
      return 1;
    }
  }
  return 0;
}

static const char *var(const char *prefix, const char *field) {
  char name[128];
  snprintf(name, sizeof name, "%s_%s", prefix, field);
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

static void lease(lease_event *e, lease_kind kind, const char *source, const char *prefix) {
  memset(e, 0, sizeof *e);
  e->kind = kind;
  e->source = source;
  e->address = var(prefix, "ADDRESS");
  e->hostname = var(prefix, "HOSTNAME");
  e->hw = var(prefix, "HWADDR");
  const char *type = var(prefix, "HWADDR_TYPE");
  e->htype = type ? atoi(type) : 1;
  e->client_id = var(prefix, "CLIENT_ID");
  const char *valid = var(prefix, "VALID_LIFETIME");
  e->lifetime = valid ? atoll(valid) : -1;
  const char *cltt = var(prefix, "CLTT");
  e->cltt = cltt ? atoll(cltt) : 0;
}

static int collection(const char *prefix, lease_kind kind, const char *source, lease_event *out,
                      int n, char *err, size_t errlen) {
  const char *size = getenv(prefix[0] == 'D' ? "DELETED_LEASES4_SIZE" : "LEASES4_SIZE");
  long count = size ? atol(size) : 0;
  for (long i = 0; i < count; i++) {
    if (n == MAX_EVENTS) {
      snprintf(err, errlen, "kea %s: more than %d leases in one event", source, MAX_EVENTS);
      return -1;
    }
    char p[64];
    snprintf(p, sizeof p, "%s_AT%ld", prefix, i);
    lease(&out[n++], kind, source, p);
    if (!out[n - 1].address) {
      snprintf(err, errlen, "kea %s: %s_ADDRESS is not set", source, p);
      return -1;
    }
  }
  return n;
}

int kea_events(int argc, char **argv, lease_event *out, char *err, size_t errlen) {
  (void)argc;
  const char *event = argv[0];
  if (strcmp(event, "leases4_committed") == 0) {
    int n = collection("DELETED_LEASES4", LEASE_REMOVE, "kea leases4_committed (deleted)", out, 0,
                       err, errlen);
    return n < 0 ? n
                 : collection("LEASES4", LEASE_ENSURE, "kea leases4_committed", out, n, err,
                              errlen);
  }
  lease_kind kind;
  if (strcmp(event, "lease4_renew") == 0) {
    kind = LEASE_ENSURE;
  } else if (strcmp(event, "lease4_release") == 0 || strcmp(event, "lease4_decline") == 0 ||
             strcmp(event, "lease4_expire") == 0) {
    kind = LEASE_REMOVE;
  } else {
    return 0;
  }
  static char source[64];
  snprintf(source, sizeof source, "kea %s", event);
  lease(out, kind, source, "LEASE4");
  if (!out->address) {
    snprintf(err, errlen, "kea %s: LEASE4_ADDRESS is not set", event);
    return -1;
  }
  return 1;
}
