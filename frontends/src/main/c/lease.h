/*
 * One lease event, whichever DHCP server reported it, turned into NCRs the way d2j-dhcp4 turns
 * its own lease events into NCRs (dhcp-server's NcrPolicy), with the lease state kept under the
 * state directory standing in for the DHCP server's lease record:
 *
 *   ensure (a lease granted, renewed, or re-announced)
 *     nothing recorded          -> add the name, record it
 *     same name, DHCID, flags   -> nothing (a renewal; with ddns-update-on-renew: remove + add)
 *     anything else             -> remove what was recorded, add the new name
 *   remove (released, expired, declined)
 *     recorded                  -> remove what was recorded, forget it
 *     not recorded              -> remove the name the event gives, if any
 *
 * So repeated events change nothing, and a removal needs nothing but the address.
 */
#ifndef D2J_LEASE_H
#define D2J_LEASE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"

typedef enum { LEASE_ENSURE, LEASE_REMOVE } lease_kind;

typedef struct {
  lease_kind kind;
  const char *source;        /* "dnsmasq add", "kea lease4_release", ... for the log */
  const char *address;       /* the leased IPv4 address */
  const char *hostname;      /* the client's host name as the server reports it; NULL: none */
  const char *old_hostname;  /* dnsmasq's DNSMASQ_OLD_HOSTNAME; NULL: none */
  const char *hw;            /* hardware address, hex octets; NULL or "": none */
  int htype;                 /* its hardware type (1, Ethernet, unless the server says) */
  const char *client_id;     /* option 61, hex octets; NULL or "": none */
  long long lifetime;        /* valid lifetime in seconds; -1: unknown */
  long long cltt;            /* when the lease was granted or renewed (seconds); 0: now */
  int data_missing;          /* dnsmasq's DNSMASQ_DATA_MISSING: an "old" event at its start,
                                without the client-id; the recorded one stands in when the MAC
                                is the recorded one */
  const char *domain;        /* the server's own domain for the lease (dnsmasq's DNSMASQ_DOMAIN):
                                the suffix when the settings name none; NULL: none */
} lease_event;

typedef struct {
  uint8_t *framed[8];
  size_t lens[8];
  size_t n;
} ncr_batch;

/* The event's NCRs, with the lease state updated; 0 on an error that loses the event. */
int lease_apply(const settings *s, const lease_event *e, time_t now, ncr_batch *out);

/*
 * The NCR (JSON) an add or remove for the event would carry, without state or delivery: for
 * `d2j-lease-event ncr` and the equality tests against the Java implementation. NULL when the
 * lease gets no name; *why says why.
 */
char *lease_ncr_json(const settings *s, const lease_event *e, int remove, time_t now,
                     const char **why, char *err, size_t errlen);

#endif
