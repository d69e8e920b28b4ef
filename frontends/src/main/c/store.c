#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static char base[4096];
static char spool_dir[4200];
static char leases_dir[4200];
static unsigned long long next_seq;
static int seq_known;

static int mkdirs(const char *path, char *err, size_t errlen) {
  char p[4200];
  snprintf(p, sizeof p, "%s", path);
  for (char *s = p + 1; *s; s++) {
    if (*s == '/') {
      *s = '\0';
      if (mkdir(p, 0750) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s (uid %u): %s", p, (unsigned)getuid(),
                 strerror(errno));
        return 0;
      }
      *s = '/';
    }
  }
  if (mkdir(p, 0750) != 0 && errno != EEXIST) {
    snprintf(err, errlen, "cannot create %s (uid %u): %s", p, (unsigned)getuid(), strerror(errno));
    return 0;
  }
  return 1;
}

int store_open(const char *dir, char *err, size_t errlen) {
  snprintf(base, sizeof base, "%s", dir);
  snprintf(spool_dir, sizeof spool_dir, "%s/spool", dir);
  snprintf(leases_dir, sizeof leases_dir, "%s/leases", dir);
  if (!mkdirs(spool_dir, err, errlen) || !mkdirs(leases_dir, err, errlen)) {
    return 0;
  }
  char lock[4300];
  snprintf(lock, sizeof lock, "%s/lock", dir);
  int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    snprintf(err, errlen, "cannot open %s (uid %u): %s", lock, (unsigned)getuid(), strerror(errno));
    return 0;
  }
  while (flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      snprintf(err, errlen, "cannot lock %s: %s", lock, strerror(errno));
      return 0;
    }
  }
  /* The descriptor stays open, and so locked, until the process exits. */
  return 1;
}

static int valid_address_name(const char *a) {
  if (!*a || strlen(a) > 45) {
    return 0;
  }
  for (; *a; a++) {
    if (!((*a >= '0' && *a <= '9') || (*a >= 'a' && *a <= 'f') || *a == '.' || *a == ':')) {
      return 0;
    }
  }
  return 1;
}

/* %XX for octets that would break the line format or be unreadable. */
static void escape(FILE *f, const char *s) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c <= 0x20 || c == '%' || c >= 0x7f) {
      fprintf(f, "%%%02X", c);
    } else {
      fputc(c, f);
    }
  }
}

static void unescape(char *s) {
  char *o = s;
  for (char *p = s; *p; p++) {
    unsigned v;
    if (*p == '%' && p[1] && p[2] && sscanf(p + 1, "%2x", &v) == 1) {
      *o++ = (char)v;
      p += 2;
    } else {
      *o++ = *p;
    }
  }
  *o = '\0';
}

int store_read_lease(const char *address, lease_record *out, char *err, size_t errlen) {
  if (!valid_address_name(address)) {
    snprintf(err, errlen, "'%s' is not an address", address);
    return -1;
  }
  char path[4300];
  snprintf(path, sizeof path, "%s/%s", leases_dir, address);
  FILE *f = fopen(path, "r");
  if (!f) {
    if (errno == ENOENT) {
      return 0;
    }
    snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
    return -1;
  }
  memset(out, 0, sizeof *out);
  char line[1200];
  int fields = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    char *eq = strchr(line, '=');
    if (!eq) {
      continue;
    }
    *eq = '\0';
    char *v = eq + 1;
    if (strcmp(line, "fqdn") == 0) {
      unescape(v);
      snprintf(out->fqdn, sizeof out->fqdn, "%s", v);
      fields |= 1;
    } else if (strcmp(line, "dhcid") == 0) {
      snprintf(out->dhcid, sizeof out->dhcid, "%s", v);
      fields |= 2;
    } else if (strcmp(line, "fwd") == 0) {
      out->fwd = strcmp(v, "true") == 0;
      fields |= 4;
    } else if (strcmp(line, "rev") == 0) {
      out->rev = strcmp(v, "true") == 0;
      fields |= 8;
    } else if (strcmp(line, "lease-length") == 0) {
      out->lease_length = strtoull(v, NULL, 10);
      fields |= 16;
    } else if (strcmp(line, "mode") == 0) {
      snprintf(out->mode, sizeof out->mode, "%s", v);
      fields |= 32;
    } else if (strcmp(line, "hw") == 0) {
      unescape(v);
      snprintf(out->hw, sizeof out->hw, "%s", v);
    } else if (strcmp(line, "client-id") == 0) {
      unescape(v);
      snprintf(out->client_id, sizeof out->client_id, "%s", v);
    }
  }
  fclose(f);
  if (fields != 63) {
    snprintf(err, errlen, "%s is incomplete (a torn write?); it is ignored", path);
    return -1;
  }
  return 1;
}

int store_write_lease(const char *address, const lease_record *r, char *err, size_t errlen) {
  char path[4300], tmp[4400];
  snprintf(path, sizeof path, "%s/%s", leases_dir, address);
  snprintf(tmp, sizeof tmp, "%s/.%s.%ld", leases_dir, address, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (!f) {
    snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
    return 0;
  }
  fputs("fqdn=", f);
  escape(f, r->fqdn);
  fprintf(f, "\ndhcid=%s\nfwd=%s\nrev=%s\nlease-length=%llu\nmode=%s\nhw=", r->dhcid,
          r->fwd ? "true" : "false", r->rev ? "true" : "false", r->lease_length, r->mode);
  escape(f, r->hw);
  fputs("\nclient-id=", f);
  escape(f, r->client_id);
  fputs("\n", f);
  if (fclose(f) != 0 || rename(tmp, path) != 0) {
    snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    unlink(tmp);
    return 0;
  }
  return 1;
}

int store_delete_lease(const char *address, char *err, size_t errlen) {
  char path[4300];
  snprintf(path, sizeof path, "%s/%s", leases_dir, address);
  if (unlink(path) != 0 && errno != ENOENT) {
    snprintf(err, errlen, "cannot remove %s: %s", path, strerror(errno));
    return 0;
  }
  return 1;
}

static int spool_name(const char *n) {
  size_t len = strlen(n);
  if (len != 24 || strcmp(n + 20, ".ncr") != 0) {
    return 0;
  }
  for (size_t i = 0; i < 20; i++) {
    if (n[i] < '0' || n[i] > '9') {
      return 0;
    }
  }
  return 1;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

char **store_spool_list(size_t *n) {
  *n = 0;
  DIR *d = opendir(spool_dir);
  if (!d) {
    return NULL;
  }
  size_t cap = 16;
  char **names = malloc(cap * sizeof *names);
  struct dirent *e;
  unsigned long long max = 0;
  while (names && (e = readdir(d))) {
    if (!spool_name(e->d_name)) {
      continue;
    }
    if (*n == cap) {
      cap *= 2;
      names = realloc(names, cap * sizeof *names);
      if (!names) {
        break;
      }
    }
    names[(*n)++] = strdup(e->d_name);
    unsigned long long seq = strtoull(e->d_name, NULL, 10);
    if (seq > max) {
      max = seq;
    }
  }
  closedir(d);
  if (!names) {
    exit(75);
  }
  qsort(names, *n, sizeof *names, by_name);
  next_seq = max + 1;
  seq_known = 1;
  return names;
}

uint8_t *store_spool_read(const char *name, size_t *len, char *err, size_t errlen) {
  char path[4300];
  snprintf(path, sizeof path, "%s/%s", spool_dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
    return NULL;
  }
  uint8_t *data = malloc(65537 + 1);
  size_t n = data ? fread(data, 1, 65538, f) : 0;
  fclose(f);
  if (!data || n < 3 || n > 65537 || (size_t)((data[0] << 8) | data[1]) != n - 2) {
    snprintf(err, errlen, "%s is not a framed NCR (%zu octets)", path, n);
    free(data);
    return NULL;
  }
  *len = n;
  return data;
}

static int sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return 0;
  }
  int ok = fsync(fd) == 0;
  close(fd);
  return ok;
}

int store_spool_append(const uint8_t *framed, size_t len, char *err, size_t errlen) {
  if (!seq_known) {
    size_t n;
    char **names = store_spool_list(&n);
    for (size_t i = 0; i < n; i++) {
      free(names[i]);
    }
    free(names);
  }
  char path[4300], tmp[4400];
  snprintf(path, sizeof path, "%s/%020llu.ncr", spool_dir, next_seq);
  snprintf(tmp, sizeof tmp, "%s/.%020llu.tmp", spool_dir, next_seq);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) {
    snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
    return 0;
  }
  size_t done = 0;
  while (done < len) {
    ssize_t w = write(fd, framed + done, len - done);
    if (w < 0 && errno == EINTR) {
      continue;
    }
    if (w <= 0) {
      snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
      close(fd);
      unlink(tmp);
      return 0;
    }
    done += (size_t)w;
  }
  /* Durable before it counts as spooled: the file, then its name in the directory. */
  if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0 || !sync_dir(spool_dir)) {
    snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    unlink(tmp);
    return 0;
  }
  next_seq++;
  return 1;
}

int store_spool_remove(const char *name, char *err, size_t errlen) {
  char path[4300];
  snprintf(path, sizeof path, "%s/%s", spool_dir, name);
  /* Not synced: if the removal is lost, the NCR is sent once more, which the D2 takes again. */
  if (unlink(path) != 0 && errno != ENOENT) {
    snprintf(err, errlen, "cannot remove %s: %s", path, strerror(errno));
    return 0;
  }
  return 1;
}
