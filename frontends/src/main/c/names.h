/*
 * The lease's DNS name and DHCID, computed exactly as d2j-dhcp4 computes them for a client that
 * sent option 12 (dhcp-server's NamePolicy, HostnameSanitizer, Fqdn and Dhcid; spec §2.5, §2.6,
 * RFC 4701): the shared vectors in src/test/resources/vectors.tsv hold both to the same output.
 *
 * Text model: d2j-dhcp4 reads option 12 as US-ASCII, so each octet above 0x7f is one character
 * U+FFFD. Here such an octet is one byte, 0x80, until the name is written out (as EF BF BD).
 */
#ifndef D2J_NAMES_H
#define D2J_NAMES_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

/* ddns-replace-client-name */
typedef enum { REPLACE_NEVER, REPLACE_ALWAYS, REPLACE_WHEN_PRESENT, REPLACE_WHEN_NOT_PRESENT } replace_mode;

typedef struct {
  int enabled;          /* hostname-char-set is not empty */
  regex_t re;
  const char *replacement;
} sanitizer;

/* The DDNS settings of the scope (global, shared network, subnet) that holds the lease. */
typedef struct {
  int send_updates;              /* ddns-send-updates */
  replace_mode replace;          /* ddns-replace-client-name */
  const char *generated_prefix;  /* ddns-generated-prefix */
  const char *qualifying_suffix; /* ddns-qualifying-suffix */
  int update_on_renew;           /* ddns-update-on-renew */
  const char *conflict_mode;     /* ddns-conflict-resolution-mode, Kea's spelling */
  int has_ttl_percent;           /* ddns-ttl-percent */
  double ttl_percent;
  const char *char_set;          /* hostname-char-set */
  const char *char_replacement;  /* hostname-char-replacement */
  sanitizer san;                 /* compiled from the two above */
} ddns_scope;

/* Compiles hostname-char-set (POSIX extended, as Kea); 0 and a message in err on failure. */
int sanitizer_init(sanitizer *s, const char *char_set, const char *replacement, char *err,
                   size_t errlen);

/* d2j-dhcp4's option-12 text: each octet above 0x7f becomes the one-byte placeholder 0x80. */
char *names_from_octets(const char *raw);

/*
 * The lease's name from the client's host name (NULL: none sent), d2j-dhcp4's option-12 rules:
 * stripped, checked, replaced by a generated name when ddns-replace-client-name says so,
 * sanitised as one string, lower-cased, qualified when it is a single label. NULL when the lease
 * gets no name; *why says why.
 */
char *names_lease_name(const char *hostname, const char *address, const ddns_scope *scope,
                       const char **why);

/* NamePolicy.qualify */
char *names_qualify(const char *name, const char *suffix, int trailing_dot);

/* NamePolicy.parseable */
int names_parseable(const char *text);

/*
 * Fqdn.of: the name as UTF-8 with a trailing dot (*text) and its lower-cased wire form (*wire,
 * *wire_len), escapes resolved; 0 and a message in err when it is not a DNS name.
 */
int names_fqdn(const char *name, char **text, uint8_t **wire, size_t *wire_len, char *err,
               size_t errlen);

/* RFC 4701 §3.3 DHCID RDATA (35 octets) into out; 0 and a message in err on bad input. */
int dhcid_from_client_id(const uint8_t *id, size_t n, const uint8_t *wire, size_t wire_len,
                         uint8_t out[35], char *err, size_t errlen);
int dhcid_from_hw(int htype, const uint8_t *hw, size_t n, const uint8_t *wire, size_t wire_len,
                  uint8_t out[35], char *err, size_t errlen);

/*
 * Octets written as hex, with ':' or '-' between octets of one or two digits (dnsmasq, Kea,
 * dhcpd's binary-to-ascii without zero padding) or as one even run of digits. -1 when it is not.
 */
long parse_hex_octets(const char *text, uint8_t *out, size_t cap);

#endif
