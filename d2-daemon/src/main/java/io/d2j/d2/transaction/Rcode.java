package io.d2j.d2.transaction;

/** DNS response codes the transactions react to (RFC 1035 §4.1.1, RFC 2136 §2.2). */
public final class Rcode {
  public static final int NOERROR = 0;
  public static final int FORMERR = 1;
  public static final int SERVFAIL = 2;
  public static final int NXDOMAIN = 3;
  public static final int NOTIMP = 4;
  public static final int REFUSED = 5;
  public static final int YXDOMAIN = 6;
  public static final int YXRRSET = 7;
  public static final int NXRRSET = 8;
  public static final int NOTAUTH = 9;
  public static final int NOTZONE = 10;

  private static final String[] NAMES = {
    "NOERROR",
    "FORMERR",
    "SERVFAIL",
    "NXDOMAIN",
    "NOTIMP",
    "REFUSED",
    "YXDOMAIN",
    "YXRRSET",
    "NXRRSET",
    "NOTAUTH",
    "NOTZONE"
  };

  private Rcode() {}

  public static String name(int rcode) {
    return rcode >= 0 && rcode < NAMES.length ? NAMES[rcode] : "RCODE" + rcode;
  }
}
