#include "lease.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "ncr.h"
#include "store.h"

/* The lease's name (d2j-dhcp4's option-12 rules) and what an NCR about it carries. */
typedef struct {
  char *fqdn;      /* NULL: no name */
  lease_record rec;
} naming;

static int identify(const lease_event *e, const uint8_t *wire, size_t wire_len, char hex[71],
                    char *err, size_t errlen) {
  uint8_t id[300], out[35];
  if (e->client_id && *e->client_id) {
    long n = parse_hex_octets(e->client_id, id, sizeof id);
    if (n < 0) {
      snprintf(err, errlen, "client-id '%s' is not hex octets", e->client_id);
      return 0;
    }
    if (n > 0) {
      if (!dhcid_from_client_id(id, (size_t)n, wire, wire_len, out, err, errlen)) {
        return 0;
      }
      goto done;
    }
  }
  if (!e->hw || !*e->hw) {
    snprintf(err, errlen, "neither a client-id nor a hardware address to make the DHCID from");
    return 0;
  }
  long n = parse_hex_octets(e->hw, id, sizeof id);
  if (n < 0) {
    snprintf(err, errlen, "hardware address '%s' is not hex octets", e->hw);
    return 0;
  }
  if (!dhcid_from_hw(e->htype, id, (size_t)n, wire, wire_len, out, err, errlen)) {
    return 0;
  }
done:
  for (int i = 0; i < 35; i++) {
    sprintf(hex + 2 * i, "%02X", out[i]);
  }
  return 1;
}

/* 1 named, 0 no name (*why), -1 error (err). */
static int name_lease(const settings *s, const ddns_scope *scope, const lease_event *e,
                      const char *hostname, naming *out, const char **why, char *err,
                      size_t errlen) {
  memset(out, 0, sizeof *out);
  if (!s->enabled || !scope->send_updates) {
    *why = s->enabled ? "ddns-send-updates is false for this lease's scope"
                      : "dhcp-ddns.enable-updates is false";
    return 0;
  }
  char *raw = hostname ? names_from_octets(hostname) : NULL;
  char *name = names_lease_name(raw, e->address, scope, why);
  free(raw);
  if (!name) {
    return 0;
  }
  char *text;
  uint8_t *wire;
  size_t wire_len;
  if (!names_fqdn(name, &text, &wire, &wire_len, err, errlen)) {
    free(name);
    return -1;
  }
  free(name);
  if (!identify(e, wire, wire_len, out->rec.dhcid, err, errlen)) {
    free(wire);
    return -1;
  }
  free(wire);
  if (strlen(text) >= sizeof out->rec.fqdn) {
    snprintf(err, errlen, "name '%s' is too long", text);
    return -1;
  }
  out->fqdn = text;
  snprintf(out->rec.fqdn, sizeof out->rec.fqdn, "%s", text);
  snprintf(out->rec.hw, sizeof out->rec.hw, "%s", e->hw ? e->hw : "");
  snprintf(out->rec.client_id, sizeof out->rec.client_id, "%s",
           e->client_id ? e->client_id : "");
  /* Option 12: both directions follow the scope's updates switch (spec §2.5). */
  out->rec.fwd = 1;
  out->rec.rev = 1;
  out->rec.lease_length = ncr_ttl(e->lifetime < 0 ? 0 : (unsigned long long)e->lifetime, scope);
  snprintf(out->rec.mode, sizeof out->rec.mode, "%s", scope->conflict_mode);
  return 1;
}

static void fill(ncr *n, const lease_record *r, const char *address, int remove, long long expires) {
  memset(n, 0, sizeof *n);
  n->remove = remove;
  n->fwd = r->fwd;
  n->rev = r->rev;
  n->fqdn = r->fqdn;
  n->ip = address;
  snprintf(n->dhcid, sizeof n->dhcid, "%s", r->dhcid);
  n->expires = expires;
  n->lease_length = r->lease_length;
  n->mode = r->mode;
}

static int canonical_v4(const char *text, char out[INET_ADDRSTRLEN]) {
  struct in_addr a;
  if (!text || inet_pton(AF_INET, text, &a) != 1) {
    return 0;
  }
  inet_ntop(AF_INET, &a, out, INET_ADDRSTRLEN);
  return 1;
}

char *lease_ncr_json(const settings *s, const lease_event *e, int remove, time_t now,
                     const char **why, char *err, size_t errlen) {
  char address[INET_ADDRSTRLEN];
  if (!canonical_v4(e->address, address)) {
    snprintf(err, errlen, "'%s' is not an IPv4 address", e->address ? e->address : "");
    return NULL;
  }
  lease_event ev = *e;
  ev.address = address;
  ddns_scope scope;
  if (!config_scope(s, address, &scope, err, errlen)) {
    return NULL;
  }
  if (e->domain && *e->domain && !*scope.qualifying_suffix) {
    scope.qualifying_suffix = e->domain;
  }
  naming nm;
  err[0] = '\0';
  int r = name_lease(s, &scope, &ev, e->hostname, &nm, why, err, errlen);
  if (r <= 0) {
    if (r < 0) {
      *why = err;
    }
    return NULL;
  }
  ncr n;
  fill(&n, &nm.rec, address, remove, (e->cltt > 0 ? e->cltt : (long long)now) +
                                         (long long)nm.rec.lease_length);
  return ncr_json(&n);
}

static int add(ncr_batch *b, const lease_record *r, const char *address, int remove,
               long long expires, const char *source) {
  ncr n;
  fill(&n, r, address, remove, expires);
  char *json = ncr_json(&n);
  size_t len;
  uint8_t *framed = ncr_frame(json, &len);
  free(json);
  if (!framed) {
    log_error("D2J_FRONTEND_NCR_TOO_LONG", "%s: the NCR for %s is over 65535 octets", source,
              r->fqdn);
    return 0;
  }
  if (b->n == sizeof b->framed / sizeof b->framed[0]) {
    free(framed);
    return 0;
  }
  b->framed[b->n] = framed;
  b->lens[b->n++] = len;
  log_info(remove ? "D2J_FRONTEND_NCR_REMOVE" : "D2J_FRONTEND_NCR_ADD",
           "%s: %s %s %s dhcid=%.16s...", source, remove ? "remove" : "add", r->fqdn, address,
           r->dhcid);
  return 1;
}

static int same(const lease_record *a, const lease_record *b) {
  return strcasecmp(a->fqdn, b->fqdn) == 0 && strcmp(a->dhcid, b->dhcid) == 0 &&
         a->fwd == b->fwd && a->rev == b->rev;
}

int lease_apply(const settings *s, const lease_event *e, time_t now, ncr_batch *out) {
  memset(out, 0, sizeof *out);
  char address[INET_ADDRSTRLEN];
  char err[700];
  if (!canonical_v4(e->address, address)) {
    if (e->address && strchr(e->address, ':')) {
      log_info("D2J_FRONTEND_IPV6_IGNORED", "%s: %s is an IPv6 lease; only IPv4 leases are mapped",
               e->source, e->address);
      return 1;
    }
    log_error("D2J_FRONTEND_BAD_EVENT", "%s: '%s' is not an IPv4 address", e->source,
              e->address ? e->address : "");
    return 0;
  }
  lease_event ev = *e;
  ev.address = address;
  ddns_scope scope;
  if (!config_scope(s, address, &scope, err, sizeof err)) {
    log_error("D2J_FRONTEND_CONFIG_ERROR", "%s", err);
    return 0;
  }
  if (e->domain && *e->domain && !*scope.qualifying_suffix) {
    scope.qualifying_suffix = e->domain;
  }
  lease_record old;
  int recorded = store_read_lease(address, &old, err, sizeof err);
  if (recorded < 0) {
    log_warn("D2J_FRONTEND_STATE_UNREADABLE", "%s", err);
    recorded = 0;
  }
  if (recorded && e->data_missing && (!e->client_id || !*e->client_id) && *old.client_id &&
      e->hw && strcasecmp(e->hw, old.hw) == 0) {
    ev.client_id = old.client_id;
  }
  long long base = e->cltt > 0 ? e->cltt : (long long)now;
  const char *why = NULL;
  naming nm;
  int named = name_lease(s, &scope, &ev, ev.hostname, &nm, &why, err, sizeof err);
  if (named < 0) {
    log_error("D2J_FRONTEND_BAD_EVENT", "%s for %s: %s", e->source, address, err);
    if (e->kind == LEASE_ENSURE) {
      return 0;
    }
  }
  int ok = 1;
  if (e->kind == LEASE_REMOVE) {
    if (recorded) {
      ok = add(out, &old, address, 1, now + (long long)old.lease_length, e->source);
    } else if (named > 0) {
      ok = add(out, &nm.rec, address, 1, base + (long long)nm.rec.lease_length, e->source);
    } else {
      log_info("D2J_FRONTEND_NOTHING_TO_DO", "%s for %s: no name recorded or given, nothing to "
               "remove", e->source, address);
    }
    if (recorded && !store_delete_lease(address, err, sizeof err)) {
      log_error("D2J_FRONTEND_STATE_FAILED", "%s", err);
    }
    return ok;
  }
  if (recorded && named > 0 && same(&old, &nm.rec) && !scope.update_on_renew) {
    log_info("D2J_FRONTEND_NOTHING_TO_DO", "%s for %s: %s already recorded, no DNS change",
             e->source, address, old.fqdn);
    return 1;
  }
  if (recorded) {
    ok = add(out, &old, address, 1, now + (long long)old.lease_length, e->source);
  } else if (e->old_hostname && *e->old_hostname) {
    /* dnsmasq told us the name it had before; nothing recorded it (e.g. a fresh state dir). */
    naming before;
    const char *why_old;
    if (name_lease(s, &scope, &ev, e->old_hostname, &before, &why_old, err, sizeof err) > 0 &&
        !(named > 0 && same(&before.rec, &nm.rec))) {
      ok = add(out, &before.rec, address, 1, base + (long long)before.rec.lease_length,
               e->source);
    }
  }
  if (named > 0) {
    ok = add(out, &nm.rec, address, 0, base + (long long)nm.rec.lease_length, e->source) && ok;
    if (!store_write_lease(address, &nm.rec, err, sizeof err)) {
      log_error("D2J_FRONTEND_STATE_FAILED", "%s", err);
    }
  } else {
    log_info("D2J_FRONTEND_NO_NAME", "%s for %s: %s", e->source, address, why);
    if (recorded && !store_delete_lease(address, err, sizeof err)) {
      log_error("D2J_FRONTEND_STATE_FAILED", "%s", err);
    }
  }
  return ok;
}
