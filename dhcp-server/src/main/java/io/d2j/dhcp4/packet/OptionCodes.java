package io.d2j.dhcp4.packet;

/** Option codes (RFC 2132 unless noted) that the codec and the server treat specially. */
public final class OptionCodes {
  public static final int PAD = 0;
  public static final int SUBNET_MASK = 1;
  public static final int TIME_OFFSET = 2;
  public static final int ROUTER = 3;
  public static final int TIME_SERVER = 4;
  public static final int NAME_SERVER = 5;
  public static final int DOMAIN_NAME_SERVER = 6;
  public static final int LOG_SERVER = 7;
  public static final int HOST_NAME = 12;
  public static final int DOMAIN_NAME = 15;
  public static final int INTERFACE_MTU = 26;
  public static final int BROADCAST_ADDRESS = 28;
  public static final int NTP_SERVERS = 42;
  public static final int VENDOR_SPECIFIC = 43;
  public static final int NETBIOS_NAME_SERVERS = 44;
  public static final int REQUESTED_ADDRESS = 50;
  public static final int LEASE_TIME = 51;
  public static final int OVERLOAD = 52;
  public static final int MESSAGE_TYPE = 53;
  public static final int SERVER_IDENTIFIER = 54;
  public static final int PARAMETER_REQUEST_LIST = 55;
  public static final int MESSAGE = 56;
  public static final int MAX_MESSAGE_SIZE = 57;
  public static final int RENEWAL_TIME = 58;
  public static final int REBINDING_TIME = 59;
  public static final int VENDOR_CLASS_IDENTIFIER = 60;
  public static final int CLIENT_IDENTIFIER = 61;

  /** RFC 4702. */
  public static final int CLIENT_FQDN = 81;

  /** RFC 3046. */
  public static final int RELAY_AGENT_INFORMATION = 82;

  /** RFC 3442. */
  public static final int CLASSLESS_STATIC_ROUTE = 121;

  public static final int END = 255;

  private OptionCodes() {}

  /**
   * Why {@code length} octets are not a valid payload for option {@code code} (RFC 2132 minimum and
   * fixed lengths), or null when they are, or when the codec does not know the option.
   */
  static String lengthProblem(int code, int length) {
    return switch (code) {
      case MESSAGE_TYPE -> exactly(1, length);
      case MAX_MESSAGE_SIZE -> exactly(2, length);
      case SUBNET_MASK,
          TIME_OFFSET,
          BROADCAST_ADDRESS,
          REQUESTED_ADDRESS,
          LEASE_TIME,
          SERVER_IDENTIFIER,
          RENEWAL_TIME,
          REBINDING_TIME ->
          exactly(4, length);
      case ROUTER,
          TIME_SERVER,
          NAME_SERVER,
          DOMAIN_NAME_SERVER,
          LOG_SERVER,
          NTP_SERVERS,
          NETBIOS_NAME_SERVERS ->
          length == 0 || length % 4 != 0
              ? "length " + length + ", expected a non-zero multiple of 4"
              : null;
      case HOST_NAME, DOMAIN_NAME, PARAMETER_REQUEST_LIST -> atLeast(1, length);
      case CLIENT_IDENTIFIER -> atLeast(2, length);
      case CLIENT_FQDN -> atLeast(3, length); // RFC 4702 §2: flags, RCODE1, RCODE2
      default -> null;
    };
  }

  private static String exactly(int expected, int length) {
    return length == expected ? null : "length " + length + ", expected " + expected;
  }

  private static String atLeast(int min, int length) {
    return length >= min ? null : "length " + length + ", expected at least " + min;
  }
}
