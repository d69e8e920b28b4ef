/*
 * The helper's settings: from a Kea-format file (D2J_FRONTEND_CONFIG, else /etc/d2j/frontend.json
 * when it exists and D2J_NCR_SERVER is unset: the dhcp-ddns block and the ddns-* keys of its Dhcp4
 * map, global, shared-network and subnet scopes), or from the environment (D2J_NCR_SERVER,
 * D2J_QUALIFYING_SUFFIX); the environment overrides the file.
 */
#ifndef D2J_CONFIG_H
#define D2J_CONFIG_H

#include <netinet/in.h>
#include <sys/socket.h>

#include "json.h"
#include "names.h"

#define DEFAULT_STATE_DIR "/var/lib/d2j/frontend"
/* Read when D2J_FRONTEND_CONFIG and D2J_NCR_SERVER are both unset and it exists (make CONFIG=...). */
#ifndef DEFAULT_CONFIG
#define DEFAULT_CONFIG "/etc/d2j/frontend.json"
#endif
#define DEFAULT_ACK_TIMEOUT_MS 1000

typedef struct {
  const char *source;            /* the file, or "environment" */
  int enabled;                   /* dhcp-ddns.enable-updates (true without a file) */
  struct sockaddr_storage server;
  socklen_t server_len;
  char server_text[80];          /* 127.0.0.1:53001, [::1]:53001 */
  int has_sender;                /* sender-ip or sender-port set */
  struct sockaddr_storage sender;
  socklen_t sender_len;
  int acks;                      /* d2j acks (user-context.d2j.acks, default on here) */
  int ack_timeout_ms;            /* how long one event waits for an ack before spooling */
  const char *state_dir;         /* lease state, spool, lock */
  ddns_scope global;
  const jnode *dhcp4;            /* the Dhcp4 map, for per-subnet scopes; NULL without a file */
  const char *file;
} settings;

/* Loads the settings; 0 and the error ("<path>: <reason> (<file>:<line>:<col>)") in err. */
int config_load(settings *s, char *err, size_t errlen);

/*
 * The DDNS scope of the lease holding address: the global values overridden by the
 * shared network's and then the subnet's keys of the subnet4 entry whose prefix holds it.
 */
int config_scope(const settings *s, const char *address, ddns_scope *out, char *err,
                 size_t errlen);

/* "host:port" (IPv6 in brackets) into an address; 0 when it is not one. */
int parse_host_port(const char *text, struct sockaddr_storage *out, socklen_t *len);

#endif
