package io.d2j.dhcp4.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientFqdnTest {

  private static Octets hex(String h) {
    return Octets.of(HexFormat.of().parseHex(h.replace(" ", "")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // payload | flags | rcode1 | rcode2 | name | full
        "05 00 00 05 686f737431                | 5  | 0 | 0 | host1             | false",
        "05 00 00 05 686f737431 00             | 5  | 0 | 0 | host1             | true",
        "05 07 09 05 4d69786564 04 43617365 03 4f5247 00 | 5 | 7 | 9 | mixed.case.org | true",
        "01 00 00 686f737432                   | 1  | 0 | 0 | host2             | false",
        "01 00 00 486f7374322e                 | 1  | 0 | 0 | host2             | true",
        "01 00 00 4f5c3033326e                 | 1  | 0 | 0 | 'o n'             | false",
        "f4 00 00                              | 4  | 0 | 0 | ''                | false",
        "04 00 00 00                           | 4  | 0 | 0 | ''                | true",
        "0c 00 00 05 686f737431                | 12 | 0 | 0 | host1             | false",
      })
  void decode_readsFlagsRcodesAndTheLowerCasedName(
      String payload, int flags, int rcode1, int rcode2, String name, boolean full) {
    assertThat(ClientFqdn.decode(hex(payload)))
        .isEqualTo(new ClientFqdn(flags, rcode1, rcode2, name, full));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0d 00 00 05 686f737431 | option 81: flags N and S are both set (RFC 4702 §2.1)",
        "05 00                  | option 81: truncated (2 octets, at least 3 needed)",
        // The ASCII form must read as a DNS name (kea-dhcp4 2.2 drops such a query too).
        "01 00 00 612e2e62      | option 81: empty label at offset 2 of the ASCII name",
        "01 00 00 2e61          | option 81: empty label at offset 0 of the ASCII name",
        "01 00 00 65656565656565656565656565656565656565656565656565656565656565656565656565656565656565656565656565656565656565656565656565656565 | option 81: label of 64 octets at offset 0 exceeds 63",
        "05 00 00 05 686f73     | option 81: label at name offset 0 runs past the end of the"
            + " option",
        "05 00 00 c0 0c         | option 81: label length 192 at name offset 0 exceeds 63",
        "05 00 00 01 61 00 01   | option 81: 1 octets after the root label",
      })
  void decode_rejectsWithTheDefect(String payload, String message) {
    assertThatThrownBy(() -> ClientFqdn.decode(hex(payload)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void lenientParsing_readsNAndSAsS() {
    assertThat(ClientFqdn.decode(hex("0d 00 00 05 686f737431"), true))
        .isEqualTo(new ClientFqdn(5, 0, 0, "host1", false));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "05 00 00 05 686f737431 07 6578616d706c65 03 636f6d 00 | 5 | host1.example.com | true",
        "01 00 00 686f7374322e6578616d706c652e636f6d2e        | 1 | host2.example.com | true",
        "0c 07 09                                              | 12 | ''               | false",
      })
  void encode_writesTheWireOrAsciiForm(String payload, int flags, String name, boolean full) {
    int rcode1 = hex(payload).get(1);
    int rcode2 = hex(payload).get(2);
    assertThat(new ClientFqdn(flags, rcode1, rcode2, name, full).encode()).isEqualTo(hex(payload));
  }
}
