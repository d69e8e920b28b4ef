/*
 * Hands framed NCRs to the D2 with d2j's acknowledged delivery, oldest first, and spools what it
 * could not deliver. A datagram is sent again after 200 ms, then 400, 800, ... until its ack
 * arrives or ack-timeout-ms has passed; "connection refused" (nothing listens on the D2's port,
 * e.g. while it restarts) ends the wait at once. After the first NCR that fails, the rest of the
 * event goes to the spool unsent, so that NCRs reach the D2 in the order the leases changed and
 * an event waits out at most one timeout.
 */
#ifndef D2J_DELIVER_H
#define D2J_DELIVER_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

typedef struct {
  int delivered;    /* acknowledged (or, without acks, sent) */
  int spooled;      /* written to the spool */
  int failed;       /* neither: lost, with an error logged */
  int remaining;    /* left in the spool after the event */
} delivery_counts;

/* Sends the spooled NCRs first, then these; store_open must have been called. */
void deliver(const settings *s, uint8_t **framed, size_t *lens, size_t n, delivery_counts *c);

#endif
