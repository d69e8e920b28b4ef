/*
 * One NameChangeRequest in Kea's JSON, the shape every Kea D2 2.2..3.x reads and d2j's
 * NcrJsonCodec.compatible() writes, member for member and octet for octet:
 *
 *   {"change-type":0,"forward-change":true,"reverse-change":true,"fqdn":"h1.example.org.",
 *    "ip-address":"192.0.2.10","dhcid":"000001...","lease-expires-on":"20300101002000",
 *    "lease-length":1200,"use-conflict-resolution":true,"conflict-resolution-mode":"check-with-dhcid"}
 *
 * framed as 2-octet big-endian length + body; d2j's ack names it by the first 16 octets of
 * SHA-256 over the body (ncr-protocol's NcrAck).
 */
#ifndef D2J_NCR_H
#define D2J_NCR_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

typedef struct {
  int remove;                    /* change-type 1 */
  int fwd, rev;
  const char *fqdn;              /* UTF-8, trailing dot */
  const char *ip;                /* canonical text */
  char dhcid[71];                /* upper-case hex of the 35 octets */
  long long expires;             /* seconds since the epoch, UTC */
  unsigned long long lease_length;
  const char *mode;              /* Kea's spelling of the conflict resolution mode */
} ncr;

/* DdnsTtl.of: a third of the lifetime, or ddns-ttl-percent of it, never below 600 s. */
unsigned long long ncr_ttl(unsigned long long lifetime, const ddns_scope *scope);

/* The JSON body (compact, NUL-terminated). */
char *ncr_json(const ncr *n);

/* The framed datagram; NULL when the body is over 65535 octets. */
uint8_t *ncr_frame(const char *json, size_t *len);

/* d2j's ack id of a framed datagram: 32 lower-case hex digits. */
void ncr_ack_id(const uint8_t *framed, size_t len, char out[33]);

#endif
