package io.d2j.dhcp4.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code Dhcp4/interfaces-config}, with Kea 2.2's defaults.
 *
 * @param names {@code interfaces}: {@code NAME}, {@code NAME/ADDRESS} or {@code *}, as written
 * @param socketType {@code dhcp-socket-type} (default raw)
 * @param outbound {@code outbound-interface} (default same-as-inbound; use-routing applies to
 *     relayed replies on udp sockets, as in Kea)
 * @param reDetect {@code re-detect} (default true)
 * @param requireAll {@code service-sockets-require-all} (default false): stop the server when an
 *     interface still cannot be served after the retries
 * @param retryWait {@code service-sockets-retry-wait-time} (default 5000 ms)
 * @param maxRetries {@code service-sockets-max-retries} (default 0: no retry)
 */
public record InterfacesConfig(
    List<String> names,
    SocketType socketType,
    Outbound outbound,
    boolean reDetect,
    boolean requireAll,
    Duration retryWait,
    long maxRetries) {

  /** {@code dhcp-socket-type}. */
  public enum SocketType {
    RAW,
    UDP
  }

  /** {@code outbound-interface}. */
  public enum Outbound {
    SAME_AS_INBOUND,
    USE_ROUTING
  }

  /**
   * No {@code interfaces-config} at all: no interface, Kea's defaults (re-detect off, as kea-dhcp4
   * 2.2 shows it: there is nothing to detect).
   */
  public static final InterfacesConfig NONE =
      new InterfacesConfig(
          List.of(),
          SocketType.RAW,
          Outbound.SAME_AS_INBOUND,
          false,
          false,
          Duration.ofMillis(5000),
          0);

  public InterfacesConfig {
    names = List.copyOf(names);
    Objects.requireNonNull(socketType, "socketType");
    Objects.requireNonNull(outbound, "outbound");
    Objects.requireNonNull(retryWait, "retryWait");
  }
}
