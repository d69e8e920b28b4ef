package io.d2j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

@Timeout(30)
class BindServerIT {

  @BeforeEach
  void needsBind() {
    BindServer.assumeAvailable();
  }

  @Test
  void start_servesTheTestZones() throws IOException {
    try (BindServer bind = BindServer.start(TestKey.random("d2j-key.", "HMAC-SHA256"))) {
      List<Record> soa = bind.query("example.org.", Type.SOA);
      assertThat(soa).singleElement().isInstanceOf(SOARecord.class);
      assertThat(bind.query("example.org.", Type.NS))
          .extracting(r -> r.rdataToString())
          .containsExactly("ns1.example.org.");
      assertThat(bind.query("1.2.0.192.in-addr.arpa.", Type.PTR))
          .extracting(r -> r.rdataToString())
          .containsExactly("ns1.example.org.");
      assertThat(bind.query("8.b.d.0.1.0.0.2.ip6.arpa.", Type.SOA)).hasSize(1);
      assertThat(bind.query("absent.example.org.", Type.A)).isEmpty();
      assertThat(bind.query("static.example.org.", Type.AAAA)).isEmpty();
      assertThat(bind.axfr("example.org."))
          .extracting(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString())
          .contains("static.example.org. A 192.0.2.200", "ns1.example.org. A 192.0.2.1");
    }
  }

  @Test
  void update_signedWithTheFixtureKey_isApplied() throws IOException {
    try (BindServer bind = BindServer.start(TestKey.random("d2j-key.", "HMAC-SHA256"))) {
      assertThat(addA(bind, bind.key(), "h1", "192.0.2.10")).isEqualTo(Rcode.NOERROR);

      assertThat(bind.query("h1.example.org.", Type.A))
          .extracting(r -> ((ARecord) r).getAddress().getHostAddress())
          .containsExactly("192.0.2.10");
    }
  }

  @Test
  void update_unsignedOrWithAnUnknownKey_isRefused() throws IOException {
    try (BindServer bind = BindServer.start()) {
      assertThat(bind.key().name()).isEqualTo("d2j-key.");
      assertThat(addA(bind, null, "h2", "192.0.2.11")).isEqualTo(Rcode.REFUSED);
      assertThat(addA(bind, TestKey.random("d2j-key.", "HMAC-SHA256"), "h2", "192.0.2.11"))
          .isEqualTo(Rcode.NOTAUTH);
      assertThat(bind.query("h2.example.org.", Type.A)).isEmpty();
    }
  }

  @Test
  void restart_keepsJournaledUpdatesAndThePort() throws IOException {
    try (BindServer bind = BindServer.start()) {
      int port = bind.port();
      assertThat(addA(bind, bind.key(), "kept", "192.0.2.12")).isEqualTo(Rcode.NOERROR);

      bind.stop();
      bind.restart();

      assertThat(bind.port()).isEqualTo(port);
      assertThat(bind.query("kept.example.org.", Type.A)).hasSize(1);
      assertThat(bind.log()).contains("kept.example.org");
    }
  }

  @Test
  void twoServersAtOnce_getDifferentPortsAndDirectories() throws IOException {
    try (BindServer first = BindServer.start();
        BindServer second = BindServer.start()) {
      assertThat(first.port()).isNotEqualTo(second.port());
      assertThat(first.workDir()).isNotEqualTo(second.workDir());
      assertThat(addA(first, first.key(), "only-first", "192.0.2.13")).isEqualTo(Rcode.NOERROR);
      assertThat(second.query("only-first.example.org.", Type.A)).isEmpty();
    }
  }

  @Test
  void severalKeys_md5AndSha256_bothMayUpdate() throws IOException {
    TestKey sha = TestKey.random("sha-key.", "HMAC-SHA256");
    TestKey md5 = TestKey.random("md5-key.", "HMAC-MD5");
    try (BindServer bind = BindServer.start(sha, md5)) {
      assertThat(bind.keys()).containsExactly(sha, md5);
      assertThat(addA(bind, md5, "by-md5", "192.0.2.14")).isEqualTo(Rcode.NOERROR);
      assertThat(addA(bind, sha, "by-sha", "192.0.2.15")).isEqualTo(Rcode.NOERROR);
      assertThat(bind.query("by-md5.example.org.", Type.A)).hasSize(1);
      assertThat(bind.query("by-sha.example.org.", Type.A)).hasSize(1);
    }
  }

  @Test
  void close_leavesNoNamedAndNoDirectoryBehind() throws IOException {
    BindServer bind = BindServer.start();
    String confPath = bind.workDir().resolve("named.conf").toString();
    assertThat(namedProcessesFor(confPath)).hasSize(1);

    bind.close();

    assertThat(namedProcessesFor(confPath)).isEmpty();
    assertThat(bind.workDir()).doesNotExist();
  }

  private static List<ProcessHandle> namedProcessesFor(String confPath) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(confPath))
        .toList();
  }

  /** Adds {@code label}.example.org. A {@code address}; returns the rcode. */
  private static int addA(BindServer bind, TestKey key, String label, String address)
      throws IOException {
    Name zone = Name.fromConstantString(TestZones.FORWARD);
    Update update = new Update(zone);
    update.add(
        new ARecord(
            Name.fromString(label, zone),
            org.xbill.DNS.DClass.IN,
            60,
            InetAddress.getByName(address)));
    SimpleResolver resolver = new SimpleResolver(bind.socketAddress());
    if (key != null) {
      resolver.setTSIGKey(key.tsig());
    }
    Message response = resolver.send(update);
    return response.getRcode();
  }
}
