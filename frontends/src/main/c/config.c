/* Settings; the defaults and the checks are those of Kea 2.2 and d2j-dhcp4 (spec §1.1-§1.4). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  char *err;
  size_t errlen;
  const char *file;
} ctx;

/* "<path>/<key>: <reason> (<file>:<line>:<col>)" */
static int fail(ctx *c, const char *path, const char *key, const jnode *at, const char *fmt, ...) {
  char reason[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(reason, sizeof reason, fmt, ap);
  va_end(ap);
  if (at) {
    snprintf(c->err, c->errlen, "%s%s%s: %s (%s:%d:%d)", path, key ? "/" : "", key ? key : "",
             reason, c->file, at->line, at->col);
  } else {
    snprintf(c->err, c->errlen, "%s%s%s: %s", path, key ? "/" : "", key ? key : "", reason);
  }
  return 0;
}

static int want(ctx *c, const char *path, const char *key, const jnode *v, jtype t) {
  if (v->type == t || (t == J_REAL && v->type == J_INT)) {
    return 1;
  }
  return fail(c, path, key, v, "expected %s, got %s", json_type_name(t), json_type_name(v->type));
}

int parse_host_port(const char *text, struct sockaddr_storage *out, socklen_t *len) {
  char host[64];
  const char *colon;
  if (text[0] == '[') {
    const char *close = strchr(text, ']');
    if (!close || close[1] != ':' || (size_t)(close - text - 1) >= sizeof host) {
      return 0;
    }
    memcpy(host, text + 1, (size_t)(close - text - 1));
    host[close - text - 1] = '\0';
    colon = close + 1;
  } else {
    colon = strrchr(text, ':');
    if (!colon || (size_t)(colon - text) >= sizeof host || strchr(text, ':') != colon) {
      return 0;
    }
    memcpy(host, text, (size_t)(colon - text));
    host[colon - text] = '\0';
  }
  char *end;
  errno = 0;
  long port = strtol(colon + 1, &end, 10);
  if (colon[1] == '\0' || *end != '\0' || errno || port < 1 || port > 65535) {
    return 0;
  }
  memset(out, 0, sizeof *out);
  struct sockaddr_in *v4 = (struct sockaddr_in *)out;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)out;
  if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    *len = sizeof *v4;
    return 1;
  }
  if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    *len = sizeof *v6;
    return 1;
  }
  return 0;
}

static void format_server(settings *s) {
  char host[INET6_ADDRSTRLEN];
  if (s->server.ss_family == AF_INET) {
    struct sockaddr_in *a = (struct sockaddr_in *)&s->server;
    inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
    snprintf(s->server_text, sizeof s->server_text, "%s:%u", host, ntohs(a->sin_port));
  } else {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)&s->server;
    inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
    snprintf(s->server_text, sizeof s->server_text, "[%s]:%u", host, ntohs(a->sin6_port));
  }
}

static void defaults(ddns_scope *d) {
  memset(d, 0, sizeof *d);
  d->send_updates = 1;
  d->replace = REPLACE_NEVER;
  d->generated_prefix = "myhost";
  d->qualifying_suffix = "";
  d->conflict_mode = "check-with-dhcid";
  d->char_set = "[^A-Za-z0-9.-]";
  d->char_replacement = "";
}

static const char *const MODES[] = {"check-with-dhcid", "no-check-with-dhcid",
                                    "check-exists-with-dhcid", "no-check-without-dhcid", NULL};

/*
 * Reads one DDNS key of a scope (owner_key is the key itself, or its Kea 2.2 spelling inside
 * dhcp-ddns) into d. Returns 0 on a bad value.
 */
static int scope_key(ctx *c, const char *path, const char *key, const char *owner_key,
                     const jnode *v, ddns_scope *d) {
  if (strcmp(key, "ddns-send-updates") == 0 || strcmp(key, "ddns-update-on-renew") == 0 ||
      strcmp(key, "ddns-override-no-update") == 0 ||
      strcmp(key, "ddns-override-client-update") == 0 ||
      strcmp(key, "ddns-use-conflict-resolution") == 0) {
    if (!want(c, path, owner_key, v, J_BOOL)) {
      return 0;
    }
    if (strcmp(key, "ddns-send-updates") == 0) {
      d->send_updates = v->b;
    } else if (strcmp(key, "ddns-update-on-renew") == 0) {
      d->update_on_renew = v->b;
    } else if (strcmp(key, "ddns-use-conflict-resolution") == 0) {
      d->conflict_mode = v->b ? "check-with-dhcid" : "no-check-with-dhcid";
    }
    /* The override keys concern option 81's flags, which no hook passes: read and checked only. */
    return 1;
  }
  if (strcmp(key, "ddns-ttl-percent") == 0) {
    if (v->type != J_INT && v->type != J_REAL) {
      return fail(c, path, owner_key, v, "expected a real, got %s", json_type_name(v->type));
    }
    if (!(v->d >= 0)) {
      return fail(c, path, owner_key, v, "%s must not be negative, got %g", owner_key, v->d);
    }
    d->has_ttl_percent = 1;
    d->ttl_percent = v->d;
    return 1;
  }
  if (!want(c, path, owner_key, v, J_STRING)) {
    return 0;
  }
  const char *s = v->s;
  if (strcmp(key, "ddns-replace-client-name") == 0) {
    static const char *const names[] = {"never", "always", "when-present", "when-not-present"};
    for (int i = 0; i < 4; i++) {
      if (strcmp(s, names[i]) == 0) {
        d->replace = (replace_mode)i;
        return 1;
      }
    }
    return fail(c, path, owner_key, v,
                "%s must be never, always, when-present or when-not-present, got '%s'",
                owner_key, s);
  }
  if (strcmp(key, "ddns-conflict-resolution-mode") == 0) {
    for (int i = 0; MODES[i]; i++) {
      if (strcmp(s, MODES[i]) == 0) {
        d->conflict_mode = MODES[i];
        return 1;
      }
    }
    return fail(c, path, owner_key, v,
                "unknown conflict resolution mode '%s' (expected check-with-dhcid, "
                "no-check-with-dhcid, check-exists-with-dhcid or no-check-without-dhcid)",
                s);
  }
  if (strcmp(key, "ddns-qualifying-suffix") == 0) {
    if (s[0] != '\0' && (strcmp(s, ".") == 0 || !names_parseable(s))) {
      return fail(c, path, owner_key, v,
                  "%s '%s' is not a domain name (empty or over-long label)", owner_key, s);
    }
    d->qualifying_suffix = s;
    return 1;
  }
  if (strcmp(key, "hostname-char-set") == 0) {
    sanitizer probe;
    char why[300];
    if (!sanitizer_init(&probe, s, "", why, sizeof why)) {
      return fail(c, path, owner_key, v, "%s", why);
    }
    if (probe.enabled) {
      regfree(&probe.re);
    }
    d->char_set = s;
    return 1;
  }
  if (strcmp(key, "hostname-char-replacement") == 0) {
    d->char_replacement = s;
    return 1;
  }
  if (strcmp(key, "ddns-generated-prefix") == 0) {
    d->generated_prefix = s;
    return 1;
  }
  return 1;
}

static const char *const SCOPE_KEYS[] = {
    "ddns-send-updates", "ddns-override-no-update", "ddns-override-client-update",
    "ddns-replace-client-name", "ddns-generated-prefix", "ddns-qualifying-suffix",
    "ddns-update-on-renew", "ddns-use-conflict-resolution", "ddns-conflict-resolution-mode",
    "ddns-ttl-percent", "hostname-char-set", "hostname-char-replacement", NULL};

/* Applies the DDNS keys a scope's map sets itself; the mode string wins over the boolean. */
static int apply_scope(ctx *c, const char *path, const jnode *map, ddns_scope *d) {
  for (int i = 0; SCOPE_KEYS[i]; i++) {
    const jnode *v = json_get(map, SCOPE_KEYS[i]);
    if (v && strcmp(SCOPE_KEYS[i], "ddns-conflict-resolution-mode") != 0 &&
        !scope_key(c, path, SCOPE_KEYS[i], SCOPE_KEYS[i], v, d)) {
      return 0;
    }
  }
  const jnode *mode = json_get(map, "ddns-conflict-resolution-mode");
  if (mode && !scope_key(c, path, "ddns-conflict-resolution-mode",
                         "ddns-conflict-resolution-mode", mode, d)) {
    return 0;
  }
  return 1;
}

/* Kea 2.2's keys inside dhcp-ddns that move to the global scope unless it sets them itself. */
static const char *const LEGACY[][2] = {{"qualifying-suffix", "ddns-qualifying-suffix"},
                                        {"override-no-update", "ddns-override-no-update"},
                                        {"override-client-update", "ddns-override-client-update"},
                                        {"replace-client-name", "ddns-replace-client-name"},
                                        {"generated-prefix", "ddns-generated-prefix"},
                                        {"hostname-char-set", "hostname-char-set"},
                                        {"hostname-char-replacement", "hostname-char-replacement"},
                                        {NULL, NULL}};

static const char *const DHCP_DDNS_KEYS[] = {
    "enable-updates", "server-ip", "server-port", "sender-ip", "sender-port", "max-queue-size",
    "ncr-protocol", "ncr-format", "comment", "user-context", NULL};

static int known_dhcp_ddns_key(const char *k) {
  for (int i = 0; DHCP_DDNS_KEYS[i]; i++) {
    if (strcmp(k, DHCP_DDNS_KEYS[i]) == 0) {
      return 1;
    }
  }
  for (int i = 0; LEGACY[i][0]; i++) {
    if (strcmp(k, LEGACY[i][0]) == 0) {
      return 1;
    }
  }
  return 0;
}

static int ip_of(ctx *c, const char *path, const char *key, const jnode *v,
                 struct sockaddr_storage *out) {
  memset(out, 0, sizeof *out);
  if (inet_pton(AF_INET, v->s, &((struct sockaddr_in *)out)->sin_addr) == 1) {
    out->ss_family = AF_INET;
    return 1;
  }
  if (inet_pton(AF_INET6, v->s, &((struct sockaddr_in6 *)out)->sin6_addr) == 1) {
    out->ss_family = AF_INET6;
    return 1;
  }
  return fail(c, path, key, v, "%s '%s' is not an IP address", key, v->s);
}

static void set_port(struct sockaddr_storage *a, int port, socklen_t *len) {
  if (a->ss_family == AF_INET) {
    ((struct sockaddr_in *)a)->sin_port = htons((uint16_t)port);
    *len = sizeof(struct sockaddr_in);
  } else {
    ((struct sockaddr_in6 *)a)->sin6_port = htons((uint16_t)port);
    *len = sizeof(struct sockaddr_in6);
  }
}

static int port_of(ctx *c, const char *path, const char *key, const jnode *v, int *port) {
  if (!want(c, path, key, v, J_INT)) {
    return 0;
  }
  if (v->i < 0 || v->i > 65535) {
    return fail(c, path, key, v, "%s must be between 0 and 65535, got %lld", key, v->i);
  }
  *port = (int)v->i;
  return 1;
}

static int dhcp_ddns(ctx *c, const jnode *dd, settings *s) {
  const char *path = "/Dhcp4/dhcp-ddns";
  for (size_t i = 0; i < dd->n; i++) {
    if (!known_dhcp_ddns_key(dd->keys[i])) {
      return fail(c, path, dd->keys[i], dd->items[i], "unknown key '%s'", dd->keys[i]);
    }
  }
  const jnode *v;
  if ((v = json_get(dd, "enable-updates"))) {
    if (!want(c, path, "enable-updates", v, J_BOOL)) {
      return 0;
    }
    s->enabled = v->b;
  } else {
    s->enabled = 0;
  }
  struct sockaddr_storage server;
  memset(&server, 0, sizeof server);
  server.ss_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.1", &((struct sockaddr_in *)&server)->sin_addr);
  if ((v = json_get(dd, "server-ip"))) {
    if (!want(c, path, "server-ip", v, J_STRING) ||
        (v->s[0] != '\0' && !ip_of(c, path, "server-ip", v, &server))) {
      return 0;
    }
  }
  int server_port = 53001;
  if ((v = json_get(dd, "server-port")) && !port_of(c, path, "server-port", v, &server_port)) {
    return 0;
  }
  s->server = server;
  set_port(&s->server, server_port, &s->server_len);
  int sender_port = 0;
  if ((v = json_get(dd, "sender-port")) && !port_of(c, path, "sender-port", v, &sender_port)) {
    return 0;
  }
  memset(&s->sender, 0, sizeof s->sender);
  s->sender.ss_family = server.ss_family;
  const jnode *sip = json_get(dd, "sender-ip");
  if (sip) {
    if (!want(c, path, "sender-ip", sip, J_STRING) ||
        (sip->s[0] != '\0' && !ip_of(c, path, "sender-ip", sip, &s->sender))) {
      return 0;
    }
    if (sip->s[0] != '\0' && s->sender.ss_family != server.ss_family) {
      return fail(c, path, "sender-ip", sip,
                  "sender-ip %s is not of the same address family as server-ip", sip->s);
    }
  }
  s->has_sender = (sip && sip->s[0] != '\0') || sender_port != 0;
  set_port(&s->sender, sender_port, &s->sender_len);
  if ((v = json_get(dd, "max-queue-size"))) {
    if (!want(c, path, "max-queue-size", v, J_INT)) {
      return 0;
    }
    if (v->i < 1 || v->i > 2147483647LL) {
      return fail(c, path, "max-queue-size", v,
                  "max-queue-size must be between 1 and 2147483647, got %lld", v->i);
    }
  }
  if ((v = json_get(dd, "ncr-protocol"))) {
    if (!want(c, path, "ncr-protocol", v, J_STRING)) {
      return 0;
    }
    if (strcasecmp(v->s, "TCP") == 0) {
      return fail(c, path, "ncr-protocol", v,
                  "ncr-protocol TCP is not supported (Kea rejects it too); use UDP");
    }
    if (strcasecmp(v->s, "UDP") != 0) {
      return fail(c, path, "ncr-protocol", v, "ncr-protocol must be UDP, got '%s'", v->s);
    }
  }
  if ((v = json_get(dd, "ncr-format"))) {
    if (!want(c, path, "ncr-format", v, J_STRING)) {
      return 0;
    }
    if (strcasecmp(v->s, "JSON") != 0) {
      return fail(c, path, "ncr-format", v, "ncr-format must be JSON, got '%s'", v->s);
    }
  }
  const jnode *uc = json_get(dd, "user-context");
  const jnode *d2j = json_get(uc, "d2j");
  if (d2j) {
    const char *dpath = "/Dhcp4/dhcp-ddns/user-context/d2j";
    if (!want(c, "/Dhcp4/dhcp-ddns/user-context", "d2j", d2j, J_MAP)) {
      return 0;
    }
    if ((v = json_get(d2j, "acks"))) {
      if (!want(c, dpath, "acks", v, J_BOOL)) {
        return 0;
      }
      s->acks = v->b;
    }
    const jnode *fe = json_get(d2j, "frontend");
    if (fe) {
      const char *fpath = "/Dhcp4/dhcp-ddns/user-context/d2j/frontend";
      if (!want(c, dpath, "frontend", fe, J_MAP)) {
        return 0;
      }
      for (size_t i = 0; i < fe->n; i++) {
        if (strcmp(fe->keys[i], "state-dir") != 0 && strcmp(fe->keys[i], "ack-timeout-ms") != 0) {
          return fail(c, fpath, fe->keys[i], fe->items[i], "unknown key '%s'", fe->keys[i]);
        }
      }
      if ((v = json_get(fe, "state-dir"))) {
        if (!want(c, fpath, "state-dir", v, J_STRING)) {
          return 0;
        }
        if (v->s[0] != '/') {
          return fail(c, fpath, "state-dir", v, "state-dir must be an absolute path, got '%s'",
                      v->s);
        }
        s->state_dir = v->s;
      }
      if ((v = json_get(fe, "ack-timeout-ms"))) {
        if (!want(c, fpath, "ack-timeout-ms", v, J_INT)) {
          return 0;
        }
        if (v->i < 1 || v->i > 600000) {
          return fail(c, fpath, "ack-timeout-ms", v,
                      "ack-timeout-ms must be between 1 and 600000, got %lld", v->i);
        }
        s->ack_timeout_ms = (int)v->i;
      }
    }
  }
  if (!s->has_sender || sender_port == 0) {
    return 1;
  }
  if (memcmp(&((struct sockaddr_in *)&s->sender)->sin_addr,
             &((struct sockaddr_in *)&s->server)->sin_addr, sizeof(struct in_addr)) == 0 &&
      s->server.ss_family == AF_INET && sender_port == server_port) {
    return fail(c, path, NULL, dd, "D2 server address and sender address cannot be the same");
  }
  return 1;
}

static char *read_file(const char *file, size_t *len, char *err, size_t errlen) {
  FILE *f = fopen(file, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: cannot open: %s", file, strerror(errno));
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  char *text = malloc(cap);
  size_t got;
  while (text && (got = fread(text + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      cap *= 2;
      text = realloc(text, cap);
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (!text || bad) {
    snprintf(err, errlen, "%s: cannot read: %s", file, bad ? strerror(errno) : "out of memory");
    return NULL;
  }
  *len = n;
  return text;
}

static int env_overrides(settings *s, char *err, size_t errlen) {
  const char *server = getenv("D2J_NCR_SERVER");
  if (server && *server) {
    if (!parse_host_port(server, &s->server, &s->server_len)) {
      snprintf(err, errlen,
               "D2J_NCR_SERVER: '%s' is not host:port with an IP address (e.g. 127.0.0.1:53001 "
               "or [::1]:53001)",
               server);
      return 0;
    }
    if (s->has_sender && s->sender.ss_family != s->server.ss_family) {
      snprintf(err, errlen, "D2J_NCR_SERVER: %s is not of sender-ip's address family", server);
      return 0;
    }
  }
  const char *suffix = getenv("D2J_QUALIFYING_SUFFIX");
  if (suffix) {
    if (suffix[0] != '\0' && (strcmp(suffix, ".") == 0 || !names_parseable(suffix))) {
      snprintf(err, errlen, "D2J_QUALIFYING_SUFFIX: '%s' is not a domain name", suffix);
      return 0;
    }
    s->global.qualifying_suffix = suffix;
  }
  const char *dir = getenv("D2J_FRONTEND_STATE_DIR");
  if (dir && *dir) {
    if (dir[0] != '/') {
      snprintf(err, errlen, "D2J_FRONTEND_STATE_DIR: '%s' is not an absolute path", dir);
      return 0;
    }
    s->state_dir = dir;
  }
  const char *timeout = getenv("D2J_FRONTEND_ACK_TIMEOUT_MS");
  if (timeout && *timeout) {
    char *end;
    long ms = strtol(timeout, &end, 10);
    if (*end != '\0' || ms < 1 || ms > 600000) {
      snprintf(err, errlen, "D2J_FRONTEND_ACK_TIMEOUT_MS: '%s' is not 1..600000", timeout);
      return 0;
    }
    s->ack_timeout_ms = (int)ms;
  }
  const char *acks = getenv("D2J_FRONTEND_ACKS");
  if (acks && *acks) {
    if (strcmp(acks, "0") != 0 && strcmp(acks, "1") != 0) {
      snprintf(err, errlen, "D2J_FRONTEND_ACKS: '%s' is not 0 or 1", acks);
      return 0;
    }
    s->acks = acks[0] == '1';
  }
  format_server(s);
  return 1;
}

int config_load(settings *s, char *err, size_t errlen) {
  memset(s, 0, sizeof *s);
  defaults(&s->global);
  s->acks = 1;
  s->ack_timeout_ms = DEFAULT_ACK_TIMEOUT_MS;
  s->state_dir = DEFAULT_STATE_DIR;
  s->enabled = 1;
  s->source = "environment";
  s->server.ss_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.1", &((struct sockaddr_in *)&s->server)->sin_addr);
  set_port(&s->server, 53001, &s->server_len);
  const char *file = getenv("D2J_FRONTEND_CONFIG");
  if ((!file || !*file) && !getenv("D2J_NCR_SERVER") && access(DEFAULT_CONFIG, F_OK) == 0) {
    /* Kea's run_script gives the script no environment of its own: a fixed place, then. */
    file = DEFAULT_CONFIG;
  }
  if (file && *file) {
    s->file = file;
    s->source = file;
    size_t len;
    char *text = read_file(file, &len, err, errlen);
    if (!text) {
      return 0;
    }
    jnode *root = json_parse(text, len, file, err, errlen);
    if (!root) {
      return 0;
    }
    ctx c = {err, errlen, file};
    if (root->type != J_MAP) {
      return fail(&c, "", NULL, root, "the file must hold a map with a Dhcp4 map, got %s",
                  json_type_name(root->type));
    }
    const jnode *dhcp4 = json_get(root, "Dhcp4");
    if (!dhcp4) {
      return fail(&c, "", NULL, root, "no Dhcp4 map in the file");
    }
    if (!want(&c, "", "Dhcp4", dhcp4, J_MAP)) {
      return 0;
    }
    s->dhcp4 = dhcp4;
    const jnode *dd = json_get(dhcp4, "dhcp-ddns");
    if (dd) {
      if (!want(&c, "/Dhcp4", "dhcp-ddns", dd, J_MAP) || !dhcp_ddns(&c, dd, s)) {
        return 0;
      }
      for (int i = 0; LEGACY[i][0]; i++) {
        const jnode *v = json_get(dd, LEGACY[i][0]);
        if (v && !json_get(dhcp4, LEGACY[i][1]) &&
            !scope_key(&c, "/Dhcp4/dhcp-ddns", LEGACY[i][1], LEGACY[i][0], v, &s->global)) {
          return 0;
        }
      }
    } else {
      s->enabled = 0; /* Kea: no dhcp-ddns block, no updates */
    }
    if (!apply_scope(&c, "/Dhcp4", dhcp4, &s->global)) {
      return 0;
    }
    /* Check every scope now, so that a bad subnet shows at `check`, not at its first lease. */
    ddns_scope probe;
    if (!config_scope(s, NULL, &probe, err, errlen)) {
      return 0;
    }
  }
  if (!env_overrides(s, err, errlen)) {
    return 0;
  }
  char why[300];
  if (!sanitizer_init(&s->global.san, s->global.char_set, s->global.char_replacement, why,
                      sizeof why)) {
    snprintf(err, errlen, "hostname-char-set: %s", why);
    return 0;
  }
  return 1;
}

/* "192.0.2.0/24" holds address? -1 when the prefix text is bad. */
static int prefix_holds(const char *prefix, const char *address) {
  char net[INET_ADDRSTRLEN];
  const char *slash = strchr(prefix, '/');
  if (!slash || (size_t)(slash - prefix) >= sizeof net) {
    return -1;
  }
  memcpy(net, prefix, (size_t)(slash - prefix));
  net[slash - prefix] = '\0';
  char *end;
  long len = strtol(slash + 1, &end, 10);
  struct in_addr n, a;
  if (*end != '\0' || len < 0 || len > 32 || inet_pton(AF_INET, net, &n) != 1) {
    return -1;
  }
  if (!address || inet_pton(AF_INET, address, &a) != 1) {
    return 0;
  }
  uint32_t mask = len == 0 ? 0 : 0xffffffffu << (32 - len);
  return (ntohl(n.s_addr) & mask) == (ntohl(a.s_addr) & mask);
}

/*
 * Walks one subnet4 list: checks each subnet's keys (address NULL: check only), and applies the
 * scope of the one that holds address. Returns 1 found, 0 not found, -1 error.
 */
static int subnets(ctx *c, const char *path, const jnode *list, const ddns_scope *parent,
                   const char *address, ddns_scope *out) {
  if (!list) {
    return 0;
  }
  if (!want(c, path, "subnet4", list, J_LIST)) {
    return -1;
  }
  for (size_t i = 0; i < list->n; i++) {
    char spath[200];
    snprintf(spath, sizeof spath, "%s/subnet4/%zu", path, i);
    const jnode *sub = list->items[i];
    if (sub->type != J_MAP) {
      continue; /* Not ours to judge: the DHCP server's own parser rejects it. */
    }
    ddns_scope d = *parent;
    if (!apply_scope(c, spath, sub, &d)) {
      return -1;
    }
    const jnode *prefix = json_get(sub, "subnet");
    if (!prefix || prefix->type != J_STRING) {
      continue;
    }
    int holds = prefix_holds(prefix->s, address);
    if (holds < 0) {
      fail(c, spath, "subnet", prefix, "'%s' is not an IPv4 prefix", prefix->s);
      return -1;
    }
    if (holds && address) {
      *out = d;
      return 1;
    }
  }
  return 0;
}

int config_scope(const settings *s, const char *address, ddns_scope *out, char *err,
                 size_t errlen) {
  *out = s->global;
  if (!s->dhcp4) {
    return 1;
  }
  ctx c = {err, errlen, s->file};
  const jnode *networks = json_get(s->dhcp4, "shared-networks");
  int found = 0;
  if (networks) {
    if (!want(&c, "/Dhcp4", "shared-networks", networks, J_LIST)) {
      return 0;
    }
    for (size_t i = 0; i < networks->n && !found; i++) {
      const jnode *net = networks->items[i];
      if (net->type != J_MAP) {
        continue;
      }
      char npath[120];
      snprintf(npath, sizeof npath, "/Dhcp4/shared-networks/%zu", i);
      ddns_scope d = s->global;
      if (!apply_scope(&c, npath, net, &d)) {
        return 0;
      }
      int r = subnets(&c, npath, json_get(net, "subnet4"), &d, address, out);
      if (r < 0) {
        return 0;
      }
      found = r;
    }
  }
  if (!found) {
    int r = subnets(&c, "/Dhcp4", json_get(s->dhcp4, "subnet4"), &s->global, address, out);
    if (r < 0) {
      return 0;
    }
    found = r;
  }
  if (!found) {
    *out = s->global;
  }
  const char *suffix = getenv("D2J_QUALIFYING_SUFFIX");
  if (suffix && found && s->dhcp4) {
    /* The environment names the suffix for every lease, as it does without a file. */
    out->qualifying_suffix = suffix;
  }
  char why[300];
  if (address && !sanitizer_init(&out->san, out->char_set, out->char_replacement, why,
                                 sizeof why)) {
    snprintf(err, errlen, "hostname-char-set: %s", why);
    return 0;
  }
  return 1;
}
