package io.d2j.dhcp4.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * {@link Addresses#toLong} and several readers on the packet path (PacketFacts, PktinfoSocket, the
 * config parsers' zero and broadcast checks) take {@link Inet4Address#hashCode()} as the address's
 * 32-bit value, which the JDK implements but does not promise: this pins it, so that a JDK that
 * changed it fails here instead of in pool arithmetic.
 */
class AddressesTest {

  private static final String[] ADDRESSES = {
    "0.0.0.0",
    "0.0.0.1",
    "10.0.0.1",
    "127.0.0.1",
    "128.0.0.0",
    "192.0.2.255",
    "255.255.255.254",
    "255.255.255.255"
  };

  @Test
  void hashCodeIsTheAddressAsABigEndianInt() throws Exception {
    for (String text : ADDRESSES) {
      byte[] b = InetAddress.getByName(text).getAddress();
      int expected = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
      assertEquals(expected, InetAddress.getByName(text).hashCode(), text);
    }
  }

  @Test
  void toLongIsUnsignedAndFromLongInvertsIt() throws Exception {
    for (String text : ADDRESSES) {
      Inet4Address a = (Inet4Address) InetAddress.getByName(text);
      long value = Addresses.toLong(a);
      byte[] b = a.getAddress();
      long expected =
          (b[0] & 0xFFL) << 24 | (b[1] & 0xFFL) << 16 | (b[2] & 0xFFL) << 8 | (b[3] & 0xFFL);
      assertEquals(expected, value, text);
      assertEquals(a, Addresses.fromLong(value), text);
    }
  }
}
