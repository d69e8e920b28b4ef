/* Names and DHCIDs; each function names the Java method whose behaviour it reproduces. */
#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"

#define PLACEHOLDER ((char)0x80)

static char *dup_range(const char *s, size_t n) {
  char *out = malloc(n + 1);
  if (!out) {
    fputs("d2j-lease-event: out of memory\n", stderr);
    exit(75);
  }
  memcpy(out, s, n);
  out[n] = '\0';
  return out;
}

typedef struct {
  char *p;
  size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (b->n + n + 1 > cap) {
      cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p) {
      fputs("d2j-lease-event: out of memory\n", stderr);
      exit(75);
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

static void puts_buf(buf *b, const char *s) { put(b, s, strlen(s)); }

static char *take(buf *b) { return b->p ? b->p : dup_range("", 0); }

int sanitizer_init(sanitizer *s, const char *char_set, const char *replacement, char *err,
                   size_t errlen) {
  s->replacement = replacement;
  s->enabled = char_set[0] != '\0';
  if (!s->enabled) {
    return 1;
  }
  int rc = regcomp(&s->re, char_set, REG_EXTENDED);
  if (rc != 0) {
    char why[200];
    regerror(rc, &s->re, why, sizeof why);
    snprintf(err, errlen, "invalid regex '%s': %s", char_set, why);
    return 0;
  }
  return 1;
}

char *names_from_octets(const char *raw) {
  size_t n = strlen(raw);
  char *out = dup_range(raw, n);
  for (size_t i = 0; i < n; i++) {
    if ((unsigned char)out[i] > 0x7f) {
      out[i] = PLACEHOLDER;
    }
  }
  return out;
}

/* HostnameSanitizer.scrub: Matcher.replaceAll's walk, empty matches included. */
static char *scrub(const sanitizer *s, const char *text) {
  if (!s->enabled) {
    return dup_range(text, strlen(text));
  }
  buf out = {0};
  size_t len = strlen(text), pos = 0;
  int done = 0;
  while (!done && pos <= len) {
    regmatch_t m;
    if (regexec(&s->re, text + pos, 1, &m, pos > 0 ? REG_NOTBOL : 0) != 0) {
      break;
    }
    size_t from = pos + (size_t)m.rm_so, to = pos + (size_t)m.rm_eo;
    put(&out, text + pos, from - pos);
    puts_buf(&out, s->replacement);
    if (to == from) {
      if (from < len) {
        put(&out, text + from, 1);
        pos = from + 1;
      } else {
        done = 1;
        pos = len + 1;
      }
    } else {
      pos = to;
    }
  }
  if (pos < len) {
    put(&out, text + pos, len - pos);
  }
  return take(&out);
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c; }

static char *lower_all(const char *s) {
  char *out = dup_range(s, strlen(s));
  for (char *p = out; *p; p++) {
    *p = lower(*p);
  }
  return out;
}

/* Character.isWhitespace over the characters this text can hold. */
static int java_space(char c) { return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f); }

int names_parseable(const char *text) {
  if (strcmp(text, ".") == 0) {
    return 1;
  }
  size_t n = strlen(text);
  if (n > 0 && text[n - 1] == '.') {
    n--;
  }
  if (n == 0 || n > 253) {
    return 0;
  }
  size_t label = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i == n || text[i] == '.') {
      if (label == 0 || label > 63) {
        return 0;
      }
      label = 0;
    } else {
      label++;
    }
  }
  return 1;
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

char *names_qualify(const char *name, const char *suffix, int trailing_dot) {
  buf out = {0};
  size_t n = strlen(name);
  if (n > 0 && name[n - 1] == '.') {
    put(&out, name, n - 1);
  } else {
    size_t sn = strlen(suffix);
    if (sn > 0 && suffix[sn - 1] == '.') {
      sn--;
    }
    char *s = lower_all(suffix);
    s[sn] = '\0';
    char *ln = lower_all(name);
    buf dotted = {0};
    puts_buf(&dotted, ".");
    puts_buf(&dotted, s);
    int present = strcmp(ln, s) == 0 || ends_with(ln, dotted.p);
    put(&out, name, n);
    if (sn > 0 && !present) {
      puts_buf(&out, ".");
      put(&out, suffix, sn);
    }
    free(s);
    free(ln);
    free(dotted.p);
  }
  if (trailing_dot) {
    puts_buf(&out, ".");
  }
  return take(&out);
}

/* NamePolicy.generate, the option-12 form (no trailing dot). */
static char *generate(const char *address, const ddns_scope *p) {
  buf base = {0};
  puts_buf(&base, p->generated_prefix);
  puts_buf(&base, "-");
  for (const char *a = address; *a; a++) {
    put(&base, *a == '.' ? "-" : a, 1);
  }
  char *out = names_qualify(base.p, p->qualifying_suffix, 0);
  free(base.p);
  return out;
}

/* NamePolicy.refusal: why a name may not go on a lease or into an NCR, or NULL. Only printable
 * ASCII without a backslash (sanitising off lets anything through; d2j-dhcp4 then uses no name
 * rather than send D2 control characters, non-ASCII or escapes), labels of 1-63 octets, at most
 * 255 octets in wire format. */
static const char *refusal(const char *name) {
  size_t n = strlen(name);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)name[i];
    if (c <= 0x20 || c >= 0x7f || c == '\\') {
      return "the name has an octet outside printable ASCII or a backslash";
    }
  }
  size_t body = n > 0 && name[n - 1] == '.' ? n - 1 : n;
  if (body == 0) {
    return "the name is empty";
  }
  if (body + 2 > 255) {
    return "the name is over 255 octets in wire format";
  }
  size_t label = 0;
  for (size_t i = 0; i <= body; i++) {
    if (i == body || name[i] == '.') {
      if (label == 0) {
        return "the name has an empty label";
      }
      if (label > 63) {
        return "the name has a label over 63 octets";
      }
      label = 0;
    } else {
      label++;
    }
  }
  return NULL;
}

/* The client's name once qualified, unless refusal() says no. */
static char *checked(char *name, const char **why) {
  const char *refused = refusal(name);
  if (refused) {
    *why = refused;
    free(name);
    return NULL;
  }
  return name;
}

/* NamePolicy.hostName without a reservation. */
char *names_lease_name(const char *hostname, const char *address, const ddns_scope *p,
                       const char **why) {
  int discards = p->replace == REPLACE_ALWAYS || p->replace == REPLACE_WHEN_PRESENT;
  int generates = p->replace == REPLACE_ALWAYS || p->replace == REPLACE_WHEN_NOT_PRESENT;
  if (!hostname) {
    if (generates) {
      return generate(address, p);
    }
    *why = "no host name";
    return NULL;
  }
  const char *b = hostname, *e = hostname + strlen(hostname);
  while (b < e && java_space(*b)) {
    b++;
  }
  while (e > b && java_space(e[-1])) {
    e--;
  }
  char *value = dup_range(b, (size_t)(e - b));
  if (value[0] == '\0' || !names_parseable(value)) {
    *why = "the host name is not a DNS name";
    free(value);
    return NULL;
  }
  if (discards || strcmp(value, ".") == 0) {
    free(value);
    return generate(address, p);
  }
  char *scrubbed = scrub(&p->san, value);
  free(value);
  if (scrubbed[0] == '\0' || strcmp(scrubbed, ".") == 0 || !names_parseable(scrubbed)) {
    *why = "the host name is not a DNS name after sanitising";
    free(scrubbed);
    return NULL;
  }
  char *name = lower_all(scrubbed);
  free(scrubbed);
  size_t n = strlen(name);
  int single = 1;
  for (size_t i = 0; i < n; i++) {
    if (name[i] == '.' && !(i == n - 1)) {
      single = 0;
    }
  }
  if (!single) {
    return checked(name, why);
  }
  char *q = names_qualify(name, p->qualifying_suffix, 0);
  free(name);
  return checked(q, why);
}

static int utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Fqdn.of, over the UTF-8 form of the name. */
int names_fqdn(const char *name, char **text_out, uint8_t **wire_out, size_t *wire_len,
               char *err, size_t errlen) {
  buf text = {0};
  for (const char *p = name; *p; p++) {
    if (*p == PLACEHOLDER) {
      puts_buf(&text, "\xef\xbf\xbd");
    } else {
      put(&text, p, 1);
    }
  }
  const char *t = text.p ? text.p : "";
  size_t n = strlen(t);
#define INVALID(...)                                              \
  do {                                                            \
    int k = snprintf(err, errlen, "invalid name '%s': ", t);      \
    if (k > 0 && (size_t)k < errlen) {                            \
      snprintf(err + k, errlen - (size_t)k, __VA_ARGS__);         \
    }                                                             \
    free(text.p);                                                 \
    return 0;                                                     \
  } while (0)
  if (n == 0) {
    INVALID("name is empty");
  }
  if (strcmp(t, ".") == 0) {
    INVALID("the root name has no host labels");
  }
  uint8_t wire[512];
  size_t w = 0;
  uint8_t label[300];
  size_t l = 0;
  int absolute = 0;
  size_t i = 0;
  while (i < n) {
    char c = t[i];
    if (c == '.') {
      if (l == 0) {
        INVALID("empty label");
      }
      if (l > 63) {
        INVALID("a label is %zu octets, more than 63", l);
      }
      if (w + 1 + l > 300) {
        INVALID("name is more than 255 octets in wire format");
      }
      wire[w++] = (uint8_t)l;
      memcpy(wire + w, label, l);
      w += l;
      l = 0;
      absolute = i == n - 1;
      i++;
    } else if (c == '\\') {
      if (i + 1 >= n) {
        INVALID("dangling escape at the end");
      }
      if (!is_digit(t[i + 1])) {
        int k = utf8_length((unsigned char)t[i + 1]);
        for (int j = 0; j < k && i + 1 + (size_t)j < n; j++) {
          if (l < sizeof label) {
            label[l++] = (uint8_t)t[i + 1 + (size_t)j];
          }
        }
        i += 1 + (size_t)k;
      } else {
        if (i + 3 >= n || !is_digit(t[i + 2]) || !is_digit(t[i + 3])) {
          INVALID("escape at position %zu needs three decimal digits", i);
        }
        int v = (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
        if (v > 255) {
          INVALID("escape \\%d is above 255", v);
        }
        if (l < sizeof label) {
          label[l++] = (uint8_t)v;
        }
        i += 4;
      }
    } else {
      if (l < sizeof label) {
        label[l++] = (uint8_t)c;
      }
      i++;
    }
  }
  if (!absolute) {
    if (l == 0) {
      INVALID("empty label");
    }
    if (l > 63) {
      INVALID("a label is %zu octets, more than 63", l);
    }
    if (w + 1 + l > 300) {
      INVALID("name is more than 255 octets in wire format");
    }
    wire[w++] = (uint8_t)l;
    memcpy(wire + w, label, l);
    w += l;
  }
  wire[w++] = 0;
  if (w > 255) {
    INVALID("name is %zu octets in wire format, more than 255", w);
  }
#undef INVALID
  for (size_t j = 0; j < w; j++) {
    if (wire[j] >= 'A' && wire[j] <= 'Z') {
      wire[j] = (uint8_t)(wire[j] + ('a' - 'A'));
    }
  }
  *wire_out = malloc(w);
  if (!*wire_out) {
    exit(75);
  }
  memcpy(*wire_out, wire, w);
  *wire_len = w;
  if (!absolute) {
    puts_buf(&text, ".");
  }
  *text_out = text.p;
  return 1;
}

/* Dhcid.compute */
static void dhcid(int type, const uint8_t *in, size_t n, const uint8_t *wire, size_t wire_len,
                  uint8_t out[35]) {
  sha256_ctx c;
  sha256_init(&c);
  sha256_update(&c, in, n);
  sha256_update(&c, wire, wire_len);
  out[0] = (uint8_t)(type >> 8);
  out[1] = (uint8_t)type;
  out[2] = 1; /* digest type 1: SHA-256 */
  sha256_final(&c, out + 3);
}

int dhcid_from_client_id(const uint8_t *id, size_t n, const uint8_t *wire, size_t wire_len,
                         uint8_t out[35], char *err, size_t errlen) {
  if (n == 0) {
    snprintf(err, errlen, "empty DUID used to create DHCID");
    return 0;
  }
  if (id[0] != 255) {
    dhcid(1, id, n, wire, wire_len, out);
    return 1;
  }
  /* RFC 4361 §6.1: 255, a 4-octet IAID, then a DUID: the DUID's DHCID (RFC 4701 §3.5.3). */
  if (n <= 5) {
    snprintf(err, errlen, "embedded DUID length of: %zu, is too short", n);
    return 0;
  }
  if (n > 5 + 130) {
    snprintf(err, errlen, "embedded DUID length of: %zu, is too long", n);
    return 0;
  }
  dhcid(2, id + 5, n - 5, wire, wire_len, out);
  return 1;
}

int dhcid_from_hw(int htype, const uint8_t *hw, size_t n, const uint8_t *wire, size_t wire_len,
                  uint8_t out[35], char *err, size_t errlen) {
  if (htype < 0 || htype > 255) {
    snprintf(err, errlen, "htype %d is not an octet (0..255)", htype);
    return 0;
  }
  if (n == 0) {
    snprintf(err, errlen, "empty hardware address used to create DHCID");
    return 0;
  }
  if (n > 20) {
    snprintf(err, errlen, "hardware address of %zu octets is longer than 20 octets", n);
    return 0;
  }
  uint8_t in[21];
  in[0] = (uint8_t)htype;
  memcpy(in + 1, hw, n);
  dhcid(0, in, n + 1, wire, wire_len, out);
  return 1;
}

static int hexval(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

long parse_hex_octets(const char *text, uint8_t *out, size_t cap) {
  size_t len = strlen(text);
  if (len == 0) {
    return 0;
  }
  if (!strchr(text, ':') && !strchr(text, '-')) {
    if (len % 2 != 0 || len / 2 > cap) {
      return -1;
    }
    for (size_t i = 0; i < len; i += 2) {
      int hi = hexval(text[i]), lo = hexval(text[i + 1]);
      if (hi < 0 || lo < 0) {
        return -1;
      }
      out[i / 2] = (uint8_t)(hi * 16 + lo);
    }
    return (long)(len / 2);
  }
  size_t count = 0;
  const char *p = text;
  while (1) {
    int a = hexval(p[0]);
    if (a < 0) {
      return -1;
    }
    int v = a;
    p++;
    int b = hexval(p[0]);
    if (b >= 0) {
      v = a * 16 + b;
      p++;
    }
    if (count == cap) {
      return -1;
    }
    out[count++] = (uint8_t)v;
    if (*p == '\0') {
      return (long)count;
    }
    if (*p != ':' && *p != '-') {
      return -1;
    }
    p++;
  }
}
