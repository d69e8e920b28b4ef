package io.d2j.dhcp4.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Values of option 53 (RFC 2132 §9.6; 9-18 from RFC 3203, 4388, 6926, 7724). */
public enum DhcpMessageType {
  DISCOVER(1),
  OFFER(2),
  REQUEST(3),
  DECLINE(4),
  ACK(5),
  NAK(6),
  RELEASE(7),
  INFORM(8),
  FORCERENEW(9),
  LEASEQUERY(10),
  LEASEUNASSIGNED(11),
  LEASEUNKNOWN(12),
  LEASEACTIVE(13),
  BULKLEASEQUERY(14),
  LEASEQUERYDONE(15),
  ACTIVELEASEQUERY(16),
  LEASEQUERYSTATUS(17),
  TLS(18);

  private static final DhcpMessageType[] BY_CODE = new DhcpMessageType[19];

  /** {@link #fromCode}'s answers, made once: every query and reply asks for its type. */
  private static final List<Optional<DhcpMessageType>> OPTIONAL_BY_CODE;

  static {
    for (DhcpMessageType t : values()) {
      BY_CODE[t.code] = t;
    }
    List<Optional<DhcpMessageType>> optional = new ArrayList<>();
    for (DhcpMessageType t : BY_CODE) {
      optional.add(Optional.ofNullable(t));
    }
    OPTIONAL_BY_CODE = List.copyOf(optional);
  }

  private final int code;

  DhcpMessageType(int code) {
    this.code = code;
  }

  /** The option-53 value. */
  public int code() {
    return code;
  }

  /** The type with option-53 value {@code code}, or empty for values no RFC assigns. */
  public static Optional<DhcpMessageType> fromCode(int code) {
    return code > 0 && code < BY_CODE.length ? OPTIONAL_BY_CODE.get(code) : Optional.empty();
  }

  /** {@code DHCPDISCOVER}, the name RFC 2131 and log lines use. */
  public String wireName() {
    return "DHCP" + name();
  }
}
