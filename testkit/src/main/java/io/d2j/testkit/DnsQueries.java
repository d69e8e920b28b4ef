package io.d2j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The queries the zone-server fixtures answer for tests: one question, the answer section. */
final class DnsQueries {
  private DnsQueries() {}

  /**
   * The answer section for {@code name}/{@code type} asked of {@code server}; empty on NXDOMAIN.
   *
   * @throws IllegalStateException on any rcode but NOERROR and NXDOMAIN, e.g. {@code query
   *     x.example.org./A at /127.0.0.1:5300: SERVFAIL}
   */
  static List<Record> answer(
      InetSocketAddress server, String name, int type, Duration timeout, boolean tcp) {
    try {
      Record question = Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN);
      Message response = resolver(server, timeout, tcp).send(Message.newQuery(question));
      int rcode = response.getRcode();
      if (rcode == Rcode.NXDOMAIN) {
        return List.of();
      }
      if (rcode != Rcode.NOERROR) {
        throw new IllegalStateException(
            "query "
                + name
                + "/"
                + Type.string(type)
                + " at "
                + server
                + ": "
                + Rcode.string(rcode));
      }
      return response.getSection(Section.ANSWER);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "query " + name + "/" + Type.string(type) + " at " + server, e);
    }
  }

  /** The records of {@code zone} by AXFR from {@code server} (TCP). */
  static List<Record> axfr(InetSocketAddress server, String zone, Duration timeout) {
    try {
      org.xbill.DNS.ZoneTransferIn transfer =
          org.xbill.DNS.ZoneTransferIn.newAXFR(Name.fromString(zone, Name.root), server, null);
      transfer.setTimeout(timeout);
      transfer.run();
      return transfer.getAXFR();
    } catch (IOException e) {
      throw new UncheckedIOException("AXFR " + zone + " from " + server, e);
    } catch (org.xbill.DNS.ZoneTransferException e) {
      throw new IllegalStateException(
          "AXFR " + zone + " from " + server + ": " + e.getMessage(), e);
    }
  }

  /** True once {@code server} answers SOA for {@code zone} with a record. */
  static boolean answersSoa(InetSocketAddress server, String zone, Duration timeout, boolean tcp) {
    try {
      Message response =
          resolver(server, timeout, tcp)
              .send(
                  Message.newQuery(
                      Record.newRecord(Name.fromConstantString(zone), Type.SOA, DClass.IN)));
      return response.getRcode() == Rcode.NOERROR && !response.getSection(Section.ANSWER).isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static SimpleResolver resolver(InetSocketAddress server, Duration timeout, boolean tcp) {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(timeout);
    resolver.setTCP(tcp);
    return resolver;
  }
}
