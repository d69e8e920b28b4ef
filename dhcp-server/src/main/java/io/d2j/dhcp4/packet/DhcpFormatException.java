package io.d2j.dhcp4.packet;

/**
 * A datagram that is not a valid DHCPv4 message. The message names the place and the defect, e.g.
 * {@code "option 55 at offset 260: length 12 runs past the end of the packet"}. The server counts
 * and drops such datagrams and keeps serving.
 */
public final class DhcpFormatException extends Exception {
  private final String where;

  /** A defect at {@code where} ({@code "header"}, {@code "option 53"}, ...) for {@code reason}. */
  public DhcpFormatException(String where, String reason) {
    super(where + ": " + reason);
    this.where = where;
  }

  /**
   * The part at fault: {@code "header"}, {@code "magic cookie"}, {@code "op"}, {@code "hlen"},
   * {@code "options"}, {@code "option 55 at offset 260"}, {@code "option 53"}, a field name.
   */
  public String where() {
    return where;
  }
}
