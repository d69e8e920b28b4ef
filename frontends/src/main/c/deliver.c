#include "deliver.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "log.h"
#include "ncr.h"
#include "store.h"

static int sock = -1;
static int d2_down;   /* an NCR of this event already failed */
static char down_reason[200];

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int open_socket(const settings *s) {
  if (sock >= 0) {
    return 1;
  }
  sock = socket(s->server.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (sock < 0) {
    snprintf(down_reason, sizeof down_reason, "socket: %s", strerror(errno));
    return 0;
  }
  if (s->has_sender && bind(sock, (const struct sockaddr *)&s->sender, s->sender_len) != 0) {
    snprintf(down_reason, sizeof down_reason, "cannot bind the sender address: %s",
             strerror(errno));
    close(sock);
    sock = -1;
    return 0;
  }
  if (connect(sock, (const struct sockaddr *)&s->server, s->server_len) != 0) {
    snprintf(down_reason, sizeof down_reason, "connect: %s", strerror(errno));
    close(sock);
    sock = -1;
    return 0;
  }
  return 1;
}

/* Whether the datagram is d2j's ack carrying id (ncr-protocol's NcrAck.decode rules). */
static int is_ack(const uint8_t *d, ssize_t n, const char *id) {
  if (n < 3 || ((d[0] << 8) | d[1]) != n - 2) {
    return 0;
  }
  char err[200];
  jnode *root = json_parse((const char *)d + 2, (size_t)n - 2, "ack", err, sizeof err);
  const jnode *version = json_get(root, "d2j-ack");
  const jnode *got = json_get(root, "id");
  return version && version->type == J_INT && version->i == 1 && got && got->type == J_STRING &&
         strcmp(got->s, id) == 0;
}

/* One datagram until acked: 1 delivered, 0 not (down_reason says why). */
static int send_one(const settings *s, const uint8_t *framed, size_t len) {
  if (!open_socket(s)) {
    return 0;
  }
  char id[33];
  ncr_ack_id(framed, len, id);
  long long start = now_ms(), deadline = start + s->ack_timeout_ms;
  long long wait = 200, next_send = start;
  int sends = 0;
  uint8_t in[1024];
  while (1) {
    long long now = now_ms();
    if (now >= next_send) {
      if (send(sock, framed, len, 0) < 0) {
        if (errno == ECONNREFUSED) {
          snprintf(down_reason, sizeof down_reason, "%s refused it (nothing listens there)",
                   s->server_text);
          return 0;
        }
        if (errno != EINTR && errno != ENOBUFS && errno != EAGAIN) {
          snprintf(down_reason, sizeof down_reason, "send: %s", strerror(errno));
          return 0;
        }
      }
      sends++;
      if (!s->acks) {
        return 1;
      }
      next_send = now + wait;
      wait *= 2;
      if (wait > 5000) {
        wait = 5000;
      }
    }
    if (now >= deadline) {
      snprintf(down_reason, sizeof down_reason, "no ack from %s within %d ms after %d sends",
               s->server_text, s->ack_timeout_ms, sends);
      return 0;
    }
    long long until = next_send < deadline ? next_send : deadline;
    struct pollfd p = {.fd = sock, .events = POLLIN};
    int r = poll(&p, 1, (int)(until - now > 0 ? until - now : 0));
    if (r <= 0) {
      continue;
    }
    ssize_t got = recv(sock, in, sizeof in, 0);
    if (got < 0) {
      if (errno == ECONNREFUSED) {
        snprintf(down_reason, sizeof down_reason, "%s refused it (nothing listens there)",
                 s->server_text);
        return 0;
      }
      continue;
    }
    if (is_ack(in, got, id)) {
      return 1;
    }
  }
}

static void spool(const uint8_t *framed, size_t len, delivery_counts *c) {
  char err[600];
  if (store_spool_append(framed, len, err, sizeof err)) {
    c->spooled++;
    c->remaining++;
  } else {
    c->failed++;
    log_error("D2J_FRONTEND_SPOOL_FAILED", "NCR lost: %s", err);
  }
}

void deliver(const settings *s, uint8_t **framed, size_t *lens, size_t n, delivery_counts *c) {
  memset(c, 0, sizeof *c);
  size_t spooled;
  char **names = store_spool_list(&spooled);
  char err[600];
  for (size_t i = 0; i < spooled; i++) {
    if (d2_down) {
      c->remaining++;
      continue;
    }
    size_t len;
    uint8_t *d = store_spool_read(names[i], &len, err, sizeof err);
    if (!d) {
      /* Kept for the operator to look at; it never blocks the NCRs after it. */
      log_error("D2J_FRONTEND_SPOOL_UNREADABLE", "%s", err);
      continue;
    }
    if (send_one(s, d, len)) {
      c->delivered++;
      if (!store_spool_remove(names[i], err, sizeof err)) {
        log_error("D2J_FRONTEND_SPOOL_FAILED", "%s", err);
      }
      log_info("D2J_FRONTEND_SPOOL_DELIVERED", "spooled NCR %s delivered to %s", names[i],
               s->server_text);
    } else {
      d2_down = 1;
      c->remaining++;
    }
    free(d);
  }
  for (size_t i = 0; i < n; i++) {
    if (!d2_down && send_one(s, framed[i], lens[i])) {
      c->delivered++;
      continue;
    }
    d2_down = 1;
    spool(framed[i], lens[i], c);
  }
  if (d2_down && (c->spooled > 0 || c->remaining > 0)) {
    log_warn("D2J_FRONTEND_D2_UNREACHABLE",
             "%s: %d NCR(s) spooled now, %d waiting in the spool; they go out with the next "
             "event or with `d2j-lease-event drain`",
             down_reason, c->spooled, c->remaining);
  }
}
