package io.d2j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.testkit.TestKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Update;

class NullDnsResponderIT {

  private static final TestKey KEY = TestKey.random("bench-key.", "HMAC-SHA256");

  private static Update update(String owner) throws Exception {
    NcrStream stream = new NcrStream("t", 1);
    Update u = new Update(Name.fromString(NcrStream.FORWARD_ZONE));
    u.add(new AAAARecord(Name.fromString(owner), DClass.IN, 60, stream.address(0)));
    return u;
  }

  @ParameterizedTest(name = "signed {0}")
  @ValueSource(booleans = {false, true})
  void answersNoerrorWithTheZoneEchoedAndRecordsTheOwner(boolean signed) throws Exception {
    try (NullDnsResponder responder = NullDnsResponder.start(signed ? KEY : null, 1)) {
      SimpleResolver resolver = new SimpleResolver(responder.socketAddress());
      resolver.setTimeout(Duration.ofSeconds(2));
      if (signed) {
        resolver.setTSIGKey(KEY.tsig());
      }
      long before = System.nanoTime();
      Message reply = resolver.send(update("H1.example.org."));

      assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(reply.getSection(Section.ZONE))
          .extracting(Record::toString)
          .containsExactly("example.org.\t\t0\tIN\tSOA");
      assertThat(reply.isSigned()).isEqualTo(signed);
      assertThat(reply.isVerified()).isEqualTo(signed);
      assertThat(responder.updates()).isEqualTo(1);
      assertThat(responder.seen("h1.example.org.")).isTrue();
      assertThat(responder.firstSeen("h1.example.org.")).isBetween(before, System.nanoTime());
      assertThat(responder.seen("h2.example.org.")).isFalse();
    }
  }

  @Test
  void keepsUpWithManyConcurrentSenders() throws Exception {
    try (NullDnsResponder responder = NullDnsResponder.start(KEY, 2)) {
      List<Thread> senders = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int base = t * 1000;
        Thread thread =
            new Thread(
                () -> {
                  SimpleResolver resolver = new SimpleResolver(responder.socketAddress());
                  resolver.setTSIGKey(KEY.tsig());
                  resolver.setTimeout(Duration.ofSeconds(2));
                  for (int i = 0; i < 500; i++) {
                    try {
                      resolver.send(update("n" + (base + i) + ".example.org."));
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                });
        senders.add(thread);
        thread.start();
      }
      for (Thread t : senders) {
        t.join();
      }
      assertThat(responder.updates()).isEqualTo(2000);
      assertThat(responder.seen("n3499.example.org.")).isTrue();
    }
  }
}
