#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <unistd.h>

static int quiet;

void log_quiet(int q) { quiet = q; }

static void emit(int priority, const char *id, const char *fmt, va_list ap) {
  char text[1500];
  vsnprintf(text, sizeof text, fmt, ap);
  if (!quiet || priority <= LOG_WARNING) {
    fprintf(stderr, "d2j-lease-event[%ld]: %s %s\n", (long)getpid(), id, text);
  }
  if (priority <= LOG_WARNING) {
    openlog("d2j-lease-event", LOG_PID | LOG_NDELAY, LOG_DAEMON);
    syslog(priority, "%s %s", id, text);
    closelog();
  }
}

void log_info(const char *id, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(LOG_INFO, id, fmt, ap);
  va_end(ap);
}

void log_warn(const char *id, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(LOG_WARNING, id, fmt, ap);
  va_end(ap);
}

void log_error(const char *id, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(LOG_ERR, id, fmt, ap);
  va_end(ap);
}
