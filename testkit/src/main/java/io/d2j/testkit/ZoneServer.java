package io.d2j.testkit;

import java.net.InetSocketAddress;
import java.util.List;
import org.xbill.DNS.Record;

/**
 * A real authoritative DNS server on 127.0.0.1 serving the zones of {@code test-zones/}, accepting
 * UPDATEs signed with {@link #key()}: {@link BindServer}, {@link KnotServer} or {@link
 * PowerDnsServer}. Scenario tests that must hold for every RFC 2136 server take this type.
 *
 * <pre>{@code
 * try (ZoneServer dns = KnotServer.start(TestKey.random("d2j-key.", "HMAC-SHA256"))) {
 *   List<Record> a = dns.query("static.example.org.", Type.A);  // [static.example.org. 60 IN A 192.0.2.200]
 * }
 * }</pre>
 */
public interface ZoneServer extends AutoCloseable {

  /** The product, for test names and messages: {@code BIND}, {@code Knot}, {@code PowerDNS}. */
  String product();

  InetSocketAddress socketAddress();

  /** The key UPDATEs must be signed with. */
  TestKey key();

  /**
   * The answer section for {@code name}/{@code type}; empty on NXDOMAIN and NODATA.
   *
   * @throws IllegalStateException on any other rcode
   */
  List<Record> query(String name, int type);

  /**
   * The zone's records by AXFR over TCP from 127.0.0.1 (each server is set up to allow it), in the
   * server's order, the SOA first and last.
   */
  List<Record> axfr(String zone);

  /** What the server logged so far, for failure messages. */
  String log();

  /** Stops the server and deletes its directory. */
  @Override
  void close();
}
