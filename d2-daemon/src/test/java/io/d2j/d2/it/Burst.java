package io.d2j.d2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.ncr.ChangeType;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.Dhcid;
import io.d2j.ncr.Fqdn;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrFraming;
import io.d2j.ncr.NcrJsonCodec;
import io.d2j.testkit.BindServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A burst of distinct forward+reverse ADDs for the no-loss tests: name {@code <prefix><i>.example.
 * org.}, address {@code 2001:db8:<net>::<i+1>} (the ip6.arpa test zone covers all of 2001:db8::/32,
 * so every NCR gets its PTR; 192.0.2.0/24 would only hold 254), one client each.
 */
record Burst(String prefix, int net, int count) {

  static final String FORWARD = "example.org.";
  static final String REVERSE6 = "8.b.d.0.1.0.0.2.ip6.arpa.";

  String name(int i) {
    return prefix + i + "." + FORWARD;
  }

  InetAddress address(int i) {
    try {
      return InetAddress.getByName("2001:db8:" + net + "::" + Integer.toHexString(i + 1));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  NameChangeRequest ncr(int i) {
    Fqdn fqdn = Fqdn.of(name(i));
    byte[] duid = ("duid-" + prefix + i).getBytes(StandardCharsets.US_ASCII);
    return new NameChangeRequest(
        ChangeType.ADD,
        true,
        true,
        fqdn,
        address(i),
        Dhcid.fromClientId(duid, fqdn),
        null,
        3600,
        ConflictResolutionMode.CHECK_WITH_DHCID);
  }

  /**
   * Sends every NCR from one socket, never more than {@code window} ahead of what {@code accepted}
   * (the daemon's {@code ncr-received}) says it has taken: for the tests whose subject is not the
   * kernel's receive buffer, so that a loaded machine cannot make them depend on it.
   */
  void sendPaced(int port, int window, java.util.function.LongSupplier accepted)
      throws IOException, InterruptedException {
    NcrJsonCodec codec = NcrJsonCodec.compatible(Clock.systemUTC());
    InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
    try (DatagramSocket s = new DatagramSocket()) {
      long seen = 0;
      for (int i = 0; i < count; i++) {
        while (i - seen >= window) {
          seen = accepted.getAsLong(); // asked only when the window is full
          if (i - seen >= window) {
            Thread.sleep(5);
          }
        }
        byte[] d = NcrFraming.encode(ncr(i), codec);
        s.send(new DatagramPacket(d, d.length, to));
      }
    }
  }

  /** Sends every NCR from one socket, back to back. */
  void send(int port) throws IOException {
    NcrJsonCodec codec = NcrJsonCodec.compatible(Clock.systemUTC());
    InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
    try (DatagramSocket s = new DatagramSocket()) {
      for (int i = 0; i < count; i++) {
        byte[] d = NcrFraming.encode(ncr(i), codec);
        s.send(new DatagramPacket(d, d.length, to));
      }
    }
  }

  /** Owner names compared case-insensitively (dnsjava writes hex digits upper case, BIND lower). */
  private static String key(org.xbill.DNS.Name n) {
    return n.toString().toLowerCase(java.util.Locale.ROOT);
  }

  /** The burst's AAAA records in the forward zone, by owner name. */
  Map<String, List<String>> forward(BindServer bind) {
    Map<String, List<String>> out = new HashMap<>();
    for (Record r : bind.axfr(FORWARD)) {
      if (r.getType() == Type.AAAA && r.getName().toString().startsWith(prefix)) {
        out.computeIfAbsent(key(r.getName()), k -> new java.util.ArrayList<>())
            .add(((AAAARecord) r).getAddress().getHostAddress());
      }
    }
    return out;
  }

  int forwardCount(BindServer bind) {
    return forward(bind).size();
  }

  /**
   * Every NCR applied exactly as sent, and nothing more: one AAAA per name with its address, one
   * PTR per address naming it. A replayed ADD that changed something would show here.
   */
  void assertApplied(BindServer bind) {
    Map<String, List<String>> fwd = forward(bind);
    Map<String, List<String>> expectedFwd = new HashMap<>();
    Map<String, List<String>> expectedRev = new HashMap<>();
    for (int i = 0; i < count; i++) {
      expectedFwd.put(name(i), List.of(address(i).getHostAddress()));
      expectedRev.put(reverseName(address(i)), List.of(name(i)));
    }
    assertSame("forward", fwd, expectedFwd);
    Map<String, List<String>> rev = new HashMap<>();
    for (Record r : bind.axfr(REVERSE6)) {
      if (r.getType() == Type.PTR && ((PTRRecord) r).getTarget().toString().startsWith(prefix)) {
        rev.computeIfAbsent(key(r.getName()), k -> new java.util.ArrayList<>())
            .add(key(((PTRRecord) r).getTarget()));
      }
    }
    assertSame("reverse", rev, expectedRev);
  }

  /** Equal maps, or a failure naming the first few differences (not 10,000 entries). */
  private static void assertSame(
      String what, Map<String, List<String>> actual, Map<String, List<String>> expected) {
    List<String> diffs = new java.util.ArrayList<>();
    expected.forEach(
        (k, v) -> {
          if (!v.equals(actual.get(k))) {
            diffs.add(k + " expected " + v + ", got " + actual.get(k));
          }
        });
    actual.keySet().stream()
        .filter(k -> !expected.containsKey(k))
        .forEach(k -> diffs.add(k + " unexpected " + actual.get(k)));
    assertThat(diffs)
        .as(
            "%s zone: %d names expected, %d present; first differences %s",
            what, expected.size(), actual.size(), diffs.stream().limit(5).toList())
        .isEmpty();
  }

  private static String reverseName(InetAddress a) {
    return key(org.xbill.DNS.ReverseMap.fromAddress(a));
  }
}
