package io.d2j.d2.config;

import java.util.Map;

/**
 * The one defaults table of the {@code DhcpDdns} scope. Values are those of Kea 2.4+ (the 2.2
 * timeout of 100 ms caused spurious failures, Kea #2590); every other default is unchanged since
 * Kea 1.x.
 */
public final class D2Defaults {

  public static final String IP_ADDRESS = "127.0.0.1";
  public static final long PORT = 53001;
  public static final long DNS_SERVER_TIMEOUT_MS = 500;
  public static final String NCR_PROTOCOL = "UDP";
  public static final String NCR_FORMAT = "JSON";
  public static final long DNS_SERVER_PORT = 53;
  public static final long DIGEST_BITS = 0;

  /** The global scalars, by key, as config-get shows them when the file leaves them out. */
  public static final Map<String, Object> GLOBALS =
      Map.of(
          "ip-address", IP_ADDRESS,
          "port", PORT,
          "dns-server-timeout", DNS_SERVER_TIMEOUT_MS,
          "ncr-protocol", NCR_PROTOCOL,
          "ncr-format", NCR_FORMAT);

  private D2Defaults() {}
}
