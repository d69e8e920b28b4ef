/*
 * d2j-lease-event: one process per DHCP lease event, from dnsmasq's --dhcp-script, ISC dhcpd's
 * execute() or Kea's run_script hook, to d2j's D2 as NCRs with acknowledged delivery. See
 * frontends/README.md.
 *
 * Exit status: 0 every NCR of the event is acknowledged or durable in the spool (or the event
 * needs none); 1 something was lost (logged) or, for drain, NCRs remain spooled; 2 usage or
 * configuration error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdint.h>

#include "adapters.h"
#include "config.h"
#include "deliver.h"
#include "lease.h"
#include "log.h"
#include "store.h"

#define VERSION "0.1.0"

static void usage(FILE *out) {
  fputs(
      "d2j-lease-event " VERSION ": DHCP lease events to d2j's D2 (NCRs, acknowledged)\n"
      "\n"
      "  d2j-lease-event add|old|del <mac> <address> [<hostname>]   dnsmasq --dhcp-script\n"
      "  d2j-lease-event leases4_committed|lease4_renew|lease4_release|lease4_decline|lease4_expire\n"
      "                                                             Kea run_script hook\n"
      "  d2j-lease-event dhcpd commit|release|expiry <address> [<mac> [<hostname> [<client-id>\n"
      "                  [<lease-time>]]]]                          ISC dhcpd execute()\n"
      "  d2j-lease-event drain      send the spooled NCRs now (exit 1 while some remain)\n"
      "  d2j-lease-event check      check the settings and print them\n"
      "  d2j-lease-event ncr add|remove --ip A [--hostname H | --hostname-hex X] [--mac M] [--htype N]\n"
      "                  [--client-id C] [--lifetime S] [--cltt T] [--now T] [--domain D]\n"
      "                             print the NCR an event would send (no state, nothing sent)\n"
      "  d2j-lease-event version\n"
      "\n"
      "Settings: D2J_FRONTEND_CONFIG (a Kea-format file: Dhcp4's dhcp-ddns and ddns-* keys), or\n"
      "D2J_NCR_SERVER (host:port of the D2) and D2J_QUALIFYING_SUFFIX; D2J_FRONTEND_STATE_DIR\n"
      "(default " DEFAULT_STATE_DIR "), D2J_FRONTEND_ACK_TIMEOUT_MS, D2J_FRONTEND_ACKS=0|1.\n",
      out);
}

static int load(settings *s) {
  char err[800];
  if (!config_load(s, err, sizeof err)) {
    log_error("D2J_FRONTEND_CONFIG_ERROR", "%s", err);
    return 0;
  }
  return 1;
}

static int open_store(const settings *s) {
  char err[800];
  if (!store_open(s->state_dir, err, sizeof err)) {
    log_error("D2J_FRONTEND_STATE_FAILED",
              "%s (set D2J_FRONTEND_STATE_DIR or user-context.d2j.frontend.state-dir to a "
              "directory this user may write)",
              err);
    return 0;
  }
  return 1;
}

static int run_events(lease_event *events, int n) {
  settings s;
  if (!load(&s)) {
    return 2;
  }
  if (n == 0) {
    return 0;
  }
  if (!open_store(&s)) {
    return 1;
  }
  time_t now = time(NULL);
  uint8_t *framed[MAX_EVENTS * 8];
  size_t lens[MAX_EVENTS * 8];
  size_t total = 0;
  int ok = 1;
  for (int i = 0; i < n; i++) {
    ncr_batch b;
    ok = lease_apply(&s, &events[i], now, &b) && ok;
    for (size_t j = 0; j < b.n; j++) {
      framed[total] = b.framed[j];
      lens[total++] = b.lens[j];
    }
  }
  delivery_counts c;
  deliver(&s, framed, lens, total, &c);
  return ok && c.failed == 0 ? 0 : 1;
}

static int drain(void) {
  settings s;
  if (!load(&s)) {
    return 2;
  }
  if (!open_store(&s)) {
    return 1;
  }
  delivery_counts c;
  deliver(&s, NULL, NULL, 0, &c);
  printf("%d delivered, %d still spooled\n", c.delivered, c.remaining);
  return c.remaining == 0 ? 0 : 1;
}

static int check(void) {
  settings s;
  if (!load(&s)) {
    return 2;
  }
  printf("settings from %s\n", s.source);
  printf("updates %s, D2 %s, acks %s, ack timeout %d ms\n", s.enabled ? "enabled" : "disabled",
         s.server_text, s.acks ? "on" : "off", s.ack_timeout_ms);
  printf("state directory %s\n", s.state_dir);
  printf("global: ddns-send-updates %s, ddns-qualifying-suffix '%s', hostname-char-set '%s', "
         "hostname-char-replacement '%s', ddns-replace-client-name %d, "
         "ddns-conflict-resolution-mode %s\n",
         s.global.send_updates ? "true" : "false", s.global.qualifying_suffix, s.global.char_set,
         s.global.char_replacement, (int)s.global.replace, s.global.conflict_mode);
  return 0;
}

static int ncr_print(int argc, char **argv) {
  if (argc < 1 || (strcmp(argv[0], "add") != 0 && strcmp(argv[0], "remove") != 0)) {
    usage(stderr);
    return 2;
  }
  lease_event e;
  memset(&e, 0, sizeof e);
  e.kind = LEASE_ENSURE;
  e.source = "ncr";
  e.htype = 1;
  e.lifetime = -1;
  long long now = time(NULL);
  for (int i = 1; i < argc; i++) {
    const char *flag = argv[i];
    if (i + 1 >= argc) {
      fprintf(stderr, "d2j-lease-event ncr: %s needs a value\n", flag);
      return 2;
    }
    const char *v = argv[++i];
    if (strcmp(flag, "--ip") == 0) {
      e.address = v;
    } else if (strcmp(flag, "--hostname") == 0) {
      e.hostname = v;
    } else if (strcmp(flag, "--hostname-hex") == 0) {
      /* The name's octets exactly, whatever the caller's character set (the tests use it). */
      uint8_t raw[1024];
      long n = parse_hex_octets(v, raw, sizeof raw - 1);
      if (n < 0) {
        fprintf(stderr, "d2j-lease-event ncr: --hostname-hex '%s' is not hex octets\n", v);
        return 2;
      }
      char *text = malloc((size_t)n + 1);
      if (!text) {
        return 75;
      }
      memcpy(text, raw, (size_t)n);
      text[n] = '\0';
      e.hostname = text;
    } else if (strcmp(flag, "--mac") == 0) {
      e.hw = v;
    } else if (strcmp(flag, "--htype") == 0) {
      e.htype = atoi(v);
    } else if (strcmp(flag, "--client-id") == 0) {
      e.client_id = v;
    } else if (strcmp(flag, "--lifetime") == 0) {
      e.lifetime = atoll(v);
    } else if (strcmp(flag, "--cltt") == 0) {
      e.cltt = atoll(v);
    } else if (strcmp(flag, "--now") == 0) {
      now = atoll(v);
    } else if (strcmp(flag, "--domain") == 0) {
      e.domain = v;
    } else {
      fprintf(stderr, "d2j-lease-event ncr: unknown option %s\n", flag);
      return 2;
    }
  }
  settings s;
  if (!load(&s)) {
    return 2;
  }
  char err[800];
  const char *why = NULL;
  char *json = lease_ncr_json(&s, &e, strcmp(argv[0], "remove") == 0, (time_t)now, &why, err,
                              sizeof err);
  if (!json) {
    printf("no NCR: %s\n", why ? why : err);
    return 1;
  }
  printf("%s\n", json);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *first = argv[1];
  lease_event events[MAX_EVENTS];
  char err[800];
  int n;
  if (dnsmasq_event_name(first)) {
    n = dnsmasq_events(argc - 1, argv + 1, (long long)time(NULL), events, err, sizeof err);
  } else if (kea_event_name(first)) {
    n = kea_events(argc - 1, argv + 1, events, err, sizeof err);
  } else if (strcmp(first, "dhcpd") == 0) {
    n = dhcpd_events(argc - 2, argv + 2, events, err, sizeof err);
  } else if (strcmp(first, "drain") == 0) {
    return drain();
  } else if (strcmp(first, "check") == 0) {
    return check();
  } else if (strcmp(first, "ncr") == 0) {
    log_quiet(1);
    return ncr_print(argc - 2, argv + 2);
  } else if (strcmp(first, "version") == 0 || strcmp(first, "--version") == 0) {
    puts("d2j-lease-event " VERSION);
    return 0;
  } else if (strcmp(first, "help") == 0 || strcmp(first, "--help") == 0 ||
             strcmp(first, "-h") == 0) {
    usage(stdout);
    return 0;
  } else {
    fprintf(stderr, "d2j-lease-event: unknown event or command '%s'\n\n", first);
    usage(stderr);
    return 2;
  }
  if (n < 0) {
    log_error("D2J_FRONTEND_BAD_EVENT", "%s", err);
    return 2;
  }
  return run_events(events, n);
}
