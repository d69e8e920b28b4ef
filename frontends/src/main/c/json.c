/* A recursive-descent reader of RFC 8259 JSON plus the comments Kea's configuration files allow. */
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *p, *end, *start;
  const char *file;
  int line;
  const char *line_start;
  char *err;
  size_t errlen;
  int failed;
  int depth;
} reader;

/* Deeper nesting than any configuration needs; stops a hostile file from exhausting the stack. */
#define MAX_DEPTH 64

static void *xalloc(size_t n) {
  void *p = calloc(1, n ? n : 1);
  if (!p) {
    fputs("d2j-lease-event: out of memory\n", stderr);
    exit(75);
  }
  return p;
}

static int column(const reader *r, const char *at) { return (int)(at - r->line_start) + 1; }

static void fail_at(reader *r, int line, int col, const char *fmt, ...) {
  if (r->failed) {
    return;
  }
  r->failed = 1;
  int n = snprintf(r->err, r->errlen, "%s:%d:%d: ", r->file, line, col);
  if (n < 0 || (size_t)n >= r->errlen) {
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
  va_end(ap);
}

#define FAIL(r, ...) fail_at((r), (r)->line, column((r), (r)->p), __VA_ARGS__)

static void newline(reader *r) {
  r->line++;
  r->line_start = r->p + 1;
}

static void skip_space(reader *r) {
  while (r->p < r->end) {
    char c = *r->p;
    if (c == '\n') {
      newline(r);
      r->p++;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      r->p++;
    } else if (c == '#' || (c == '/' && r->p + 1 < r->end && r->p[1] == '/')) {
      while (r->p < r->end && *r->p != '\n') {
        r->p++;
      }
    } else if (c == '/' && r->p + 1 < r->end && r->p[1] == '*') {
      int line = r->line, col = column(r, r->p);
      r->p += 2;
      while (r->p < r->end && !(*r->p == '*' && r->p + 1 < r->end && r->p[1] == '/')) {
        if (*r->p == '\n') {
          newline(r);
        }
        r->p++;
      }
      if (r->p >= r->end) {
        fail_at(r, line, col, "comment is not closed");
        return;
      }
      r->p += 2;
    } else if (c == '<' && r->p + 1 < r->end && r->p[1] == '?') {
      FAIL(r, "<?include?> is not supported here: give the file its settings directly");
      return;
    } else {
      return;
    }
  }
}

static jnode *node(reader *r, jtype t, const char *at) {
  jnode *n = xalloc(sizeof *n);
  n->type = t;
  n->line = r->line;
  n->col = column(r, at);
  return n;
}

static jnode *value(reader *r);

static void put_utf8(char *out, size_t *o, unsigned long cp) {
  if (cp < 0x80) {
    out[(*o)++] = (char)cp;
  } else if (cp < 0x800) {
    out[(*o)++] = (char)(0xc0 | (cp >> 6));
    out[(*o)++] = (char)(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out[(*o)++] = (char)(0xe0 | (cp >> 12));
    out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[(*o)++] = (char)(0x80 | (cp & 0x3f));
  } else {
    out[(*o)++] = (char)(0xf0 | (cp >> 18));
    out[(*o)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[(*o)++] = (char)(0x80 | (cp & 0x3f));
  }
}

static int hex4(reader *r, unsigned long *cp) {
  if (r->end - r->p < 4) {
    FAIL(r, "\\u needs four hex digits");
    return 0;
  }
  unsigned long v = 0;
  for (int i = 0; i < 4; i++) {
    char c = r->p[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) {
      FAIL(r, "\\u needs four hex digits");
      return 0;
    }
    v = v * 16 + (unsigned long)d;
  }
  r->p += 4;
  *cp = v;
  return 1;
}

/* Reads a string; r->p is at the opening quote. */
static char *string(reader *r, size_t *len) {
  int line = r->line, col = column(r, r->p);
  r->p++;
  /* The decoded text is never longer than the source text. */
  const char *q = r->p;
  while (q < r->end && *q != '"') {
    q += *q == '\\' ? 2 : 1;
  }
  char *out = xalloc((size_t)(q - r->p) + 1);
  size_t o = 0;
  while (1) {
    if (r->p >= r->end) {
      fail_at(r, line, col, "string is not closed");
      return NULL;
    }
    unsigned char c = (unsigned char)*r->p;
    if (c == '"') {
      r->p++;
      break;
    }
    if (c < 0x20) {
      FAIL(r, "control character 0x%02x in a string (write it as \\u%04x)", c, c);
      return NULL;
    }
    if (c != '\\') {
      out[o++] = (char)c;
      r->p++;
      continue;
    }
    r->p++;
    if (r->p >= r->end) {
      fail_at(r, line, col, "string is not closed");
      return NULL;
    }
    char e = *r->p++;
    switch (e) {
      case '"': out[o++] = '"'; break;
      case '\\': out[o++] = '\\'; break;
      case '/': out[o++] = '/'; break;
      case 'b': out[o++] = '\b'; break;
      case 'f': out[o++] = '\f'; break;
      case 'n': out[o++] = '\n'; break;
      case 'r': out[o++] = '\r'; break;
      case 't': out[o++] = '\t'; break;
      case 'u': {
        unsigned long cp;
        if (!hex4(r, &cp)) {
          return NULL;
        }
        if (cp >= 0xd800 && cp < 0xdc00 && r->end - r->p >= 6 && r->p[0] == '\\' &&
            r->p[1] == 'u') {
          const char *save = r->p;
          unsigned long lo;
          r->p += 2;
          if (!hex4(r, &lo)) {
            return NULL;
          }
          if (lo >= 0xdc00 && lo < 0xe000) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          } else {
            r->p = save;
          }
        }
        put_utf8(out, &o, cp);
        break;
      }
      default:
        r->p--;
        FAIL(r, "unknown escape \\%c in a string", e);
        return NULL;
    }
  }
  out[o] = '\0';
  *len = o;
  return out;
}

static jnode *number(reader *r) {
  const char *s = r->p;
  jnode *n = node(r, J_INT, s);
  if (r->p < r->end && *r->p == '-') {
    r->p++;
  }
  const char *digits = r->p;
  while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
    r->p++;
  }
  if (r->p == digits) {
    FAIL(r, "expected a digit");
    return NULL;
  }
  int real = 0;
  if (r->p < r->end && *r->p == '.') {
    real = 1;
    r->p++;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
      r->p++;
    }
  }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
    real = 1;
    r->p++;
    if (r->p < r->end && (*r->p == '+' || *r->p == '-')) {
      r->p++;
    }
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
      r->p++;
    }
  }
  char buf[64];
  size_t len = (size_t)(r->p - s);
  if (len >= sizeof buf) {
    fail_at(r, n->line, n->col, "number is too long");
    return NULL;
  }
  memcpy(buf, s, len);
  buf[len] = '\0';
  if (real) {
    n->type = J_REAL;
    n->d = strtod(buf, NULL);
  } else {
    char *endp;
    n->i = strtoll(buf, &endp, 10);
    n->d = (double)n->i;
    if (len > 18 && (n->i == 0x7fffffffffffffffLL || n->i == -0x7fffffffffffffffLL - 1)) {
      fail_at(r, n->line, n->col, "integer %s is out of range", buf);
      return NULL;
    }
  }
  return n;
}

static int literal(reader *r, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(r->end - r->p) >= n && memcmp(r->p, word, n) == 0) {
    r->p += n;
    return 1;
  }
  return 0;
}

static jnode *list(reader *r) {
  jnode *n = node(r, J_LIST, r->p);
  r->p++;
  size_t cap = 0;
  skip_space(r);
  if (r->p < r->end && *r->p == ']') {
    r->p++;
    return n;
  }
  while (!r->failed) {
    jnode *v = value(r);
    if (!v) {
      return NULL;
    }
    if (n->n == cap) {
      cap = cap ? cap * 2 : 8;
      jnode **items = xalloc(cap * sizeof *items);
      if (n->n) {
        memcpy(items, n->items, n->n * sizeof *items);
      }
      n->items = items;
    }
    n->items[n->n++] = v;
    skip_space(r);
    if (r->p < r->end && *r->p == ',') {
      r->p++;
      skip_space(r);
      continue;
    }
    if (r->p < r->end && *r->p == ']') {
      r->p++;
      return n;
    }
    FAIL(r, "expected ',' or ']' in a list");
  }
  return NULL;
}

static jnode *map(reader *r) {
  jnode *n = node(r, J_MAP, r->p);
  r->p++;
  size_t cap = 0;
  skip_space(r);
  if (r->p < r->end && *r->p == '}') {
    r->p++;
    return n;
  }
  while (!r->failed) {
    if (r->p >= r->end || *r->p != '"') {
      FAIL(r, "expected a quoted key");
      return NULL;
    }
    int kline = r->line, kcol = column(r, r->p);
    size_t klen;
    char *key = string(r, &klen);
    if (!key) {
      return NULL;
    }
    for (size_t i = 0; i < n->n; i++) {
      if (strcmp(n->keys[i], key) == 0) {
        fail_at(r, kline, kcol, "duplicate key '%s' (first at line %d)", key, n->items[i]->line);
        return NULL;
      }
    }
    skip_space(r);
    if (r->p >= r->end || *r->p != ':') {
      FAIL(r, "expected ':' after key '%s'", key);
      return NULL;
    }
    r->p++;
    skip_space(r);
    jnode *v = value(r);
    if (!v) {
      return NULL;
    }
    if (n->n == cap) {
      cap = cap ? cap * 2 : 8;
      jnode **items = xalloc(cap * sizeof *items);
      char **keys = xalloc(cap * sizeof *keys);
      if (n->n) {
        memcpy(items, n->items, n->n * sizeof *items);
        memcpy(keys, n->keys, n->n * sizeof *keys);
      }
      n->items = items;
      n->keys = keys;
    }
    n->keys[n->n] = key;
    n->items[n->n++] = v;
    skip_space(r);
    if (r->p < r->end && *r->p == ',') {
      r->p++;
      skip_space(r);
      continue;
    }
    if (r->p < r->end && *r->p == '}') {
      r->p++;
      return n;
    }
    FAIL(r, "expected ',' or '}' in a map");
  }
  return NULL;
}

static jnode *value(reader *r) {
  skip_space(r);
  if (r->failed) {
    return NULL;
  }
  if (r->p >= r->end) {
    FAIL(r, "unexpected end of file");
    return NULL;
  }
  if (++r->depth > MAX_DEPTH) {
    FAIL(r, "nested deeper than %d levels", MAX_DEPTH);
    return NULL;
  }
  jnode *n = NULL;
  const char *at = r->p;
  char c = *r->p;
  if (c == '{') {
    n = map(r);
  } else if (c == '[') {
    n = list(r);
  } else if (c == '"') {
    n = node(r, J_STRING, at);
    n->s = string(r, &n->slen);
    if (!n->s) {
      n = NULL;
    }
  } else if (c == '-' || (c >= '0' && c <= '9')) {
    n = number(r);
  } else if (literal(r, "true") || literal(r, "false")) {
    n = node(r, J_BOOL, at);
    n->b = c == 't';
  } else if (literal(r, "null")) {
    n = node(r, J_NULL, at);
  } else {
    FAIL(r, "unexpected character '%c'", c);
  }
  r->depth--;
  return n;
}

jnode *json_parse(const char *text, size_t len, const char *file, char *err, size_t errlen) {
  reader r = {.p = text, .end = text + len, .start = text, .file = file, .line = 1,
              .line_start = text, .err = err, .errlen = errlen};
  if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
    r.p += 3; /* a UTF-8 byte order mark */
    r.line_start = r.p;
  }
  jnode *root = value(&r);
  if (!root) {
    return NULL;
  }
  skip_space(&r);
  if (r.failed) {
    return NULL;
  }
  if (r.p != r.end) {
    FAIL(&r, "unexpected text after the end of the document");
    return NULL;
  }
  return root;
}

const jnode *json_get(const jnode *m, const char *key) {
  if (!m || m->type != J_MAP) {
    return NULL;
  }
  for (size_t i = 0; i < m->n; i++) {
    if (strcmp(m->keys[i], key) == 0) {
      return m->items[i];
    }
  }
  return NULL;
}

const char *json_type_name(jtype t) {
  switch (t) {
    case J_NULL: return "null";
    case J_BOOL: return "a boolean";
    case J_INT: return "an integer";
    case J_REAL: return "a real";
    case J_STRING: return "a string";
    case J_LIST: return "a list";
    case J_MAP: return "a map";
  }
  return "?";
}
