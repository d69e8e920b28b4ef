package io.d2j.dhcp4.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code lease-database} (memfile only).
 *
 * @param persist write leases to {@code file}; false keeps them in memory only
 * @param file the lease file
 * @param lfcInterval how often the lease file is cleaned up; zero disables cleanup
 * @param maxRowErrors bad rows tolerated at load (0 = any number)
 */
public record LeaseDatabase(boolean persist, Path file, Duration lfcInterval, long maxRowErrors) {

  public LeaseDatabase {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(lfcInterval, "lfcInterval");
  }
}
