#include "ncr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sha256.h"

unsigned long long ncr_ttl(unsigned long long lifetime, const ddns_scope *scope) {
  unsigned long long ttl;
  if (scope->has_ttl_percent && scope->ttl_percent > 0) {
    /* Math.round: floor(x + 0.5) */
    ttl = (unsigned long long)floor(scope->ttl_percent * (double)lifetime + 0.5);
  } else {
    ttl = lifetime / 3;
  }
  return ttl < 600 ? 600 : ttl;
}

/* Jackson's string escaping: ", \ and the control characters; everything else as it is. */
static void json_string(char **o, const char *s) {
  char *p = *o;
  *p++ = '"';
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      *p++ = '\\';
      *p++ = (char)c;
    } else if (c < 0x20) {
      const char *shortform = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r"
                              : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
      if (shortform) {
        memcpy(p, shortform, 2);
        p += 2;
      } else {
        p += sprintf(p, "\\u%04X", c);
      }
    } else {
      *p++ = (char)c;
    }
  }
  *p++ = '"';
  *o = p;
}

static int legacy_boolean(const char *mode) {
  return strcmp(mode, "check-with-dhcid") == 0 || strcmp(mode, "check-exists-with-dhcid") == 0;
}

char *ncr_json(const ncr *n) {
  char *out = malloc(512 + 6 * strlen(n->fqdn));
  if (!out) {
    exit(75);
  }
  char *p = out;
  p += sprintf(p, "{\"change-type\":%d,\"forward-change\":%s,\"reverse-change\":%s,\"fqdn\":",
               n->remove ? 1 : 0, n->fwd ? "true" : "false", n->rev ? "true" : "false");
  json_string(&p, n->fqdn);
  /* NameChangeRequest.MAX_EXPIRY */
  long long expires = n->expires > 253402300799LL ? 253402300799LL : n->expires;
  time_t t = (time_t)expires;
  struct tm tm;
  gmtime_r(&t, &tm);
  p += sprintf(p,
               ",\"ip-address\":\"%s\",\"dhcid\":\"%s\",\"lease-expires-on\":\"%04d%02d%02d%02d%02d%02d\""
               ",\"lease-length\":%llu,\"use-conflict-resolution\":%s,\"conflict-resolution-mode\":\"%s\"}",
               n->ip, n->dhcid, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
               tm.tm_sec, n->lease_length, legacy_boolean(n->mode) ? "true" : "false", n->mode);
  return out;
}

uint8_t *ncr_frame(const char *json, size_t *len) {
  size_t body = strlen(json);
  if (body > 0xffff) {
    return NULL;
  }
  uint8_t *out = malloc(body + 2);
  if (!out) {
    exit(75);
  }
  out[0] = (uint8_t)(body >> 8);
  out[1] = (uint8_t)body;
  memcpy(out + 2, json, body);
  *len = body + 2;
  return out;
}

void ncr_ack_id(const uint8_t *framed, size_t len, char out[33]) {
  sha256_ctx c;
  uint8_t digest[32];
  sha256_init(&c);
  sha256_update(&c, framed + 2, len - 2);
  sha256_final(&c, digest);
  for (int i = 0; i < 16; i++) {
    sprintf(out + 2 * i, "%02x", digest[i]);
  }
  out[32] = '\0';
}
