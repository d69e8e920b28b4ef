package io.d2j.dhcp4.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The classic BPF program a packet socket runs in the kernel so that only unfragmented IPv4 UDP
 * datagrams to the server's port are copied to the server, not every frame of the link. For a
 * {@code SOCK_DGRAM} packet socket, offsets start at the IPv4 header.
 *
 * <pre>
 *   0: ldb  [9]                 protocol
 *   1: jeq  #17      jt 2  jf 8  UDP?
 *   2: ldh  [6]                 flags + fragment offset
 *   3: jset #0x3fff  jt 8  jf 4  MF or an offset: a fragment
 *   4: ldxb 4*([0]&amp;0xf)         header length
 *   5: ldh  [x+2]               UDP destination port
 *   6: jeq  #port    jt 7  jf 8
 *   7: ret  #65535              accept
 *   8: ret  #0                  drop
 * </pre>
 */
final class UdpPortFilter {

  private UdpPortFilter() {}

  /** The program as an array of {@code struct sock_filter} (8 octets each, host byte order). */
  static byte[] program(int port) {
    int[][] insns = {
      {0x30, 0, 0, 9},
      {0x15, 0, 6, 17},
      {0x28, 0, 0, 6},
      {0x45, 4, 0, 0x3fff},
      {0xb1, 0, 0, 0},
      {0x48, 0, 0, 2},
      {0x15, 0, 1, port},
      {0x06, 0, 0, 0xffff},
      {0x06, 0, 0, 0},
    };
    ByteBuffer b = ByteBuffer.allocate(insns.length * 8).order(ByteOrder.nativeOrder());
    for (int[] i : insns) {
      b.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt(i[3]);
    }
    return b.array();
  }

  /** Instructions in {@link #program}. */
  static int length(byte[] program) {
    return program.length / 8;
  }
}
