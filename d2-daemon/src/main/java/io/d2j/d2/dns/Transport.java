package io.d2j.d2.dns;

/**
 * Which transport an UPDATE goes out on first. RFC 1035 §4.2.1 limits a UDP message to 512 octets
 * when no EDNS is used, and d2j (like Kea) sends no OPT record, so a larger rendered UPDATE goes
 * over TCP (§4.2.2) at once rather than being sent and refused. A reply with TC set is answered by
 * resending over TCP (RFC 2136 §3.8 allows either transport).
 */
public enum Transport {
  UDP,
  TCP;

  /** The largest DNS message sent over UDP without EDNS (RFC 1035 §4.2.1). */
  public static final int MAX_UDP_MESSAGE = 512;

  /**
   * @param forceTcp the {@code force-tcp} setting
   * @param wireLength octets of the rendered, signed UPDATE
   */
  public static Transport first(boolean forceTcp, int wireLength) {
    if (wireLength < 0) {
      throw new IllegalArgumentException("wireLength: must not be negative, got " + wireLength);
    }
    return forceTcp || wireLength > MAX_UDP_MESSAGE ? TCP : UDP;
  }
}
