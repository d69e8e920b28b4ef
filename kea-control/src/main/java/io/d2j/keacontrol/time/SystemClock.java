package io.d2j.keacontrol.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the system's default zone, as {@link Clock#systemDefaultZone()}, except that
 * the zone is looked up at the first {@link #getZone()} rather than when the clock is made. A
 * daemon needs the zone only to print statistics' times; looking a region zone up loads {@code
 * java.time}'s zone rules, whose provider lookup is a {@code ServiceLoader} scan of the class path
 * (every jar opened), which the D2 paid on its main thread before binding its NCR port (issue 14,
 * start-to-serving).
 */
public final class SystemClock extends Clock {

  private volatile ZoneId zone;

  @Override
  public ZoneId getZone() {
    ZoneId z = zone;
    if (z == null) {
      z = ZoneId.systemDefault();
      zone = z;
    }
    return z;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.system(zone);
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SystemClock c && getZone().equals(c.getZone());
  }

  @Override
  public int hashCode() {
    return getZone().hashCode() + 1;
  }

  @Override
  public String toString() {
    return "SystemClock[" + getZone() + "]";
  }
}
