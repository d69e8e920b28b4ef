package io.d2j.dhcp4.config;

import io.d2j.dhcp4.lease.PgAccess;
import io.d2j.dhcp4.lease.Reconnect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** {@code lease-database}: Kea's memfile, or a PostgreSQL database with Kea's schema. */
public sealed interface LeaseDatabase permits LeaseDatabase.Memfile, LeaseDatabase.Postgresql {

  /**
   * {@code "type": "memfile"}.
   *
   * @param persist write leases to {@code file}; false keeps them in memory only
   * @param file the lease file
   * @param lfcInterval how often the lease file is cleaned up; zero disables cleanup
   * @param maxRowErrors bad rows tolerated at load (0 = any number)
   */
  record Memfile(boolean persist, Path file, Duration lfcInterval, long maxRowErrors)
      implements LeaseDatabase {
    public Memfile {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(lfcInterval, "lfcInterval");
    }
  }

  /**
   * {@code "type": "postgresql"}.
   *
   * @param access host, port, name, user, password, connect-timeout
   * @param reconnect max-reconnect-tries, reconnect-wait-time, on-fail
   */
  record Postgresql(PgAccess access, Reconnect reconnect) implements LeaseDatabase {
    public Postgresql {
      Objects.requireNonNull(access, "access");
      Objects.requireNonNull(reconnect, "reconnect");
    }
  }
}
