/*
 * The helper's files under its state directory (created on first use, owned by whichever user
 * the DHCP server runs the helper as):
 *
 *   lock                  flock(2)ed for the whole of an event, so concurrent events (Kea runs
 *                         its hooks' scripts in parallel) see and change the files one at a time
 *   leases/<address>      what the helper last told the D2 about the lease at that address:
 *                         fqdn=… dhcid=… fwd=… rev=… lease-length=… mode=… hw=… client-id=…
 *                         (one per line)
 *   spool/<seq>.ncr       framed NCRs the D2 has not acknowledged yet, in order, exactly as first
 *                         sent (so a later send carries the same ack id); written with fsync
 */
#ifndef D2J_STORE_H
#define D2J_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  char fqdn[1100];
  char dhcid[71];
  int fwd, rev;
  unsigned long long lease_length;
  char mode[32];
  char hw[64];          /* the identifiers the DHCID was made from, as the event gave them */
  char client_id[300];  /* ("" when none): dnsmasq's "old" events at its start lack the client-id */
} lease_record;

/* Creates the directories if needed and takes the lock; 0 and a message in err on failure. */
int store_open(const char *dir, char *err, size_t errlen);

/* 1 found, 0 none, -1 unreadable (message in err). */
int store_read_lease(const char *address, lease_record *out, char *err, size_t errlen);
int store_write_lease(const char *address, const lease_record *r, char *err, size_t errlen);
int store_delete_lease(const char *address, char *err, size_t errlen);

/* The spooled file names, oldest first; *n their number. */
char **store_spool_list(size_t *n);
/* Reads one spooled datagram; NULL when it cannot. */
uint8_t *store_spool_read(const char *name, size_t *len, char *err, size_t errlen);
int store_spool_append(const uint8_t *framed, size_t len, char *err, size_t errlen);
int store_spool_remove(const char *name, char *err, size_t errlen);

#endif
