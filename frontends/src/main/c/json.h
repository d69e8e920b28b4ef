/*
 * Kea's JSON dialect, read into a tree that remembers where each value was written: comments
 * (#, //, and C-style block comments) are skipped, duplicate keys are errors, every node has its
 * line and column so that configuration errors can name file:line:col. A process reads one
 * small file once, so nothing is ever freed.
 */
#ifndef D2J_JSON_H
#define D2J_JSON_H

#include <stddef.h>

typedef enum { J_NULL, J_BOOL, J_INT, J_REAL, J_STRING, J_LIST, J_MAP } jtype;

typedef struct jnode {
  jtype type;
  int line, col;
  int b;                 /* J_BOOL */
  long long i;           /* J_INT */
  double d;              /* J_REAL (and J_INT, converted) */
  char *s;               /* J_STRING: NUL-terminated UTF-8 (may hold \0 from \u0000; see slen) */
  size_t slen;
  size_t n;              /* J_LIST, J_MAP: number of items */
  struct jnode **items;  /* J_LIST, J_MAP: the values */
  char **keys;           /* J_MAP: the keys, in file order */
} jnode;

/*
 * Parses text[0, len). On error returns NULL and writes "<file>:<line>:<col>: <reason>" to err.
 */
jnode *json_parse(const char *text, size_t len, const char *file, char *err, size_t errlen);

/* The value of key in a J_MAP, or NULL (also when map is NULL or not a map). */
const jnode *json_get(const jnode *map, const char *key);

/* "a string", "an integer", ... for messages. */
const char *json_type_name(jtype t);

#endif
