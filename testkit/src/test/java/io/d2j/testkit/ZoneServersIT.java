package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** Knot and PowerDNS (BIND has {@link BindServerIT}) as the scenario tests use them. */
@Timeout(60)
class ZoneServersIT {

  enum Product {
    KNOT {
      @Override
      ZoneServer start(TestKey key) throws IOException {
        KnotServer.assumeAvailable();
        return KnotServer.start(key);
      }
    },
    POWERDNS {
      @Override
      ZoneServer start(TestKey key) throws IOException {
        PowerDnsServer.assumeAvailable();
        return PowerDnsServer.start(key);
      }
    };

    abstract ZoneServer start(TestKey key) throws IOException;
  }

  @ParameterizedTest
  @EnumSource(Product.class)
  void servesTheTestZones_andAppliesSignedUpdatesOnly(Product product) throws IOException {
    TestKey key = TestKey.random("d2j-key.", "HMAC-SHA256");
    try (ZoneServer dns = product.start(key)) {
      assertThat(dns.query("static.example.org.", Type.A))
          .extracting(Record::rdataToString)
          .containsExactly("192.0.2.200");
      assertThat(dns.query("1.2.0.192.in-addr.arpa.", Type.PTR))
          .extracting(Record::rdataToString)
          .containsExactly("ns1.example.org.");
      assertThat(dns.query("8.b.d.0.1.0.0.2.ip6.arpa.", Type.SOA)).hasSize(1);
      assertThat(dns.query("absent.example.org.", Type.A)).isEmpty();

      // BIND and PowerDNS answer an unsigned UPDATE REFUSED, Knot NOTAUTH.
      assertThat(addAWithDhcid(dns, null, "h0")).isIn(Rcode.REFUSED, Rcode.NOTAUTH);
      assertThat(addAWithDhcid(dns, TestKey.random("d2j-key.", "HMAC-SHA256"), "h0"))
          .isIn(Rcode.NOTAUTH, Rcode.REFUSED);
      assertThat(dns.query("h0.example.org.", Type.A)).isEmpty();

      assertThat(addAWithDhcid(dns, key, "h1")).as(dns.log()).isEqualTo(Rcode.NOERROR);
      assertThat(dns.query("h1.example.org.", Type.A))
          .extracting(Record::rdataToString)
          .containsExactly("192.0.2.10");
      assertThat(dns.query("h1.example.org.", Type.DHCID))
          .extracting(Record::rdataToString)
          .containsExactly("AAEBAgME");
    }
  }

  @ParameterizedTest
  @EnumSource(Product.class)
  void close_leavesNoProcessAndNoDirectoryBehind(Product product) throws IOException {
    ZoneServer dns = product.start(TestKey.random("d2j-key.", "HMAC-SHA256"));
    Path dir = ((ZoneServerProcess) dns).workDir();
    assertThat(processesFor(dir)).hasSize(1);

    dns.close();

    assertThat(processesFor(dir)).isEmpty();
    assertThat(dir).doesNotExist();
  }

  private static List<ProcessHandle> processesFor(Path dir) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
        .toList();
  }

  /** Adds {@code label}.example.org. A 192.0.2.10 and DHCID AAEBAgME; returns the rcode. */
  private static int addAWithDhcid(ZoneServer dns, TestKey key, String label) throws IOException {
    Name zone = Name.fromConstantString(TestZones.FORWARD);
    Name name = Name.fromString(label, zone);
    Update update = new Update(zone);
    update.add(new ARecord(name, DClass.IN, 60, InetAddress.getByName("192.0.2.10")));
    update.add(new DHCIDRecord(name, DClass.IN, 60, new byte[] {0, 1, 1, 2, 3, 4}));
    SimpleResolver resolver = new SimpleResolver(dns.socketAddress());
    if (key != null) {
      resolver.setTSIGKey(key.tsig());
    }
    Message response = resolver.send(update);
    return response.getRcode();
  }
}
