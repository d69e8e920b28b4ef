package io.d2j.dhcp4.ha;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.util.Optional;

/**
 * The load-balancing hash of RFC 3074 §6 as Kea's HA applies it (spec §6.6): a client's key is its
 * client identifier (option 61, type octet included) or else its hardware address ({@code chaddr},
 * {@code hlen} octets, no type); the hash's value modulo the number of active servers is the index
 * of the server that answers it. Kea uses only the modulo, not RFC 3074's bucket bitmap, and so
 * does d2j.
 */
public final class LoadBalancing {

  /** RFC 3074 §6's mixing table, a permutation of 0-255. */
  private static final int[] MIX = {
    251, 175, 119, 215, 81, 14, 79, 191, 103, 49, 181, 143, 186, 157, 0, 232,
    31, 32, 55, 60, 152, 58, 17, 237, 174, 70, 160, 144, 220, 90, 57, 223,
    59, 3, 18, 140, 111, 166, 203, 196, 134, 243, 124, 95, 222, 179, 197, 65,
    180, 48, 36, 15, 107, 46, 233, 130, 165, 30, 123, 161, 209, 23, 97, 16,
    40, 91, 219, 61, 100, 10, 210, 109, 250, 127, 22, 138, 29, 108, 244, 67,
    207, 9, 178, 204, 74, 98, 126, 249, 167, 116, 34, 77, 193, 200, 121, 5,
    20, 113, 71, 35, 128, 13, 182, 94, 25, 226, 227, 199, 75, 27, 41, 245,
    230, 224, 43, 225, 177, 26, 155, 150, 212, 142, 218, 115, 241, 73, 88, 105,
    39, 114, 62, 255, 192, 201, 145, 214, 168, 158, 221, 148, 154, 122, 12, 84,
    82, 163, 44, 139, 228, 236, 205, 242, 217, 11, 187, 146, 159, 64, 86, 239,
    195, 42, 106, 198, 118, 112, 184, 172, 87, 2, 173, 117, 176, 229, 247, 253,
    137, 185, 99, 164, 102, 147, 45, 66, 231, 52, 141, 211, 194, 206, 246, 238,
    56, 110, 78, 248, 63, 240, 189, 93, 92, 51, 53, 183, 19, 171, 72, 50,
    33, 104, 101, 69, 8, 252, 83, 120, 76, 135, 85, 54, 202, 125, 188, 213,
    96, 235, 136, 208, 162, 129, 190, 132, 156, 38, 47, 1, 7, 254, 24, 4,
    216, 131, 89, 21, 28, 133, 37, 153, 149, 80, 170, 68, 6, 169, 234, 151
  };

  private LoadBalancing() {}

  /**
   * RFC 3074's hash of {@code key}: start from the key's length (mod 256), then mix in each octet
   * from the last to the first.
   */
  public static int hash(Octets key) {
    int h = key.length() & 0xFF;
    for (int i = key.length() - 1; i >= 0; i--) {
      h = MIX[h ^ key.get(i)];
    }
    return h;
  }

  /**
   * The octets a query is hashed on: option 61's whole payload when present and non-empty, else the
   * hardware address; empty when the query has neither (Kea drops it, {@code
   * HA_LOAD_BALANCING_IDENTIFIER_MISSING}).
   */
  public static Optional<Octets> key(DhcpPacket query) {
    Optional<Octets> clientId = query.options().clientIdentifier().filter(o -> !o.isEmpty());
    if (clientId.isPresent()) {
      return clientId;
    }
    Octets hw = query.hlen() <= query.chaddr().length() ? query.hardwareAddress() : query.chaddr();
    return hw.isEmpty() ? Optional.empty() : Optional.of(hw);
  }

  /** The index of the server answering {@code key} among {@code servers} active servers. */
  public static int serverIndex(Octets key, int servers) {
    if (servers < 1) {
      throw new IllegalArgumentException("servers must be at least 1, got " + servers);
    }
    return hash(key) % servers;
  }
}
