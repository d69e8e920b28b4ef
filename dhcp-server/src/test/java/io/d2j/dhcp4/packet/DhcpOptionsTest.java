package io.d2j.dhcp4.packet;

import static io.d2j.dhcp4.packet.RealClientPacketsTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.dhcp4.Octets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DhcpOptionsTest {

  @ParameterizedTest(name = "option {0} with {1} octets: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|1|option 0: code must be 1-254 (0 and 255 are pad and end)",
        "255|0|option 255: code must be 1-254 (0 and 255 are pad and end)",
        "52|1|option 52: the option overload is written by the codec, not set by callers",
        "53|0|option 53: length 0, expected 1",
        "57|1|option 57: length 1, expected 2",
        "51|8|option 51: length 8, expected 4",
        "6|0|option 6: length 0, expected a non-zero multiple of 4",
        "12|0|option 12: length 0, expected at least 1",
        "81|2|option 81: length 2, expected at least 3",
      })
  void invalidPayloads_areRejectedByCodeAndReason(int code, int length, String message) {
    assertThatThrownBy(() -> DhcpOptions.builder().put(code, new byte[length]).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void typedAccessors_readTheBuiltValues() throws Exception {
    DhcpOptions o =
        DhcpOptions.builder()
            .messageType(DhcpMessageType.ACK)
            .address(1, ip("255.255.255.0"))
            .addresses(3, List.of(ip("10.0.0.1")))
            .addresses(6, List.of(ip("10.0.0.53"), ip("10.0.1.53")))
            .text(15, "example.org")
            .address(28, ip("10.0.0.255"))
            .uint32(51, 0xFFFF_FFFFL)
            .uint32(58, 1800)
            .uint32(59, 3150)
            .uint16(57, 1500)
            .build();

    assertThat(o.messageType()).contains(DhcpMessageType.ACK);
    assertThat(o.subnetMask()).contains(ip("255.255.255.0"));
    assertThat(o.routers()).containsExactly(ip("10.0.0.1"));
    assertThat(o.domainNameServers()).containsExactly(ip("10.0.0.53"), ip("10.0.1.53"));
    assertThat(o.domainName()).contains("example.org");
    assertThat(o.broadcastAddress()).contains(ip("10.0.0.255"));
    assertThat(o.leaseTime()).hasValue(4294967295L);
    assertThat(o.renewalTime()).hasValue(1800);
    assertThat(o.rebindingTime()).hasValue(3150);
    assertThat(o.maxMessageSize()).hasValue(1500);
    assertThat(o.serverIdentifier()).isEmpty();
    assertThat(o.parameterRequestList()).isEmpty();
  }

  @Test
  void unknownMessageTypeValue_readsAsAbsent() {
    assertThat(DhcpOptions.builder().put(53, (byte) 200).build().messageType()).isEmpty();
  }

  @Test
  void order_isPartOfTheValue_andReplacingKeepsThePosition() {
    Map<Integer, Octets> ab = new LinkedHashMap<>();
    ab.put(12, Octets.of((byte) 'a'));
    ab.put(15, Octets.of((byte) 'b'));
    Map<Integer, Octets> ba = new LinkedHashMap<>();
    ba.put(15, Octets.of((byte) 'b'));
    ba.put(12, Octets.of((byte) 'a'));

    assertThat(DhcpOptions.of(ab)).isNotEqualTo(DhcpOptions.of(ba));
    DhcpOptions replaced = DhcpOptions.of(ab).toBuilder().text(12, "z").build();
    assertThat(replaced.asMap().keySet()).containsExactly(12, 15);
    assertThat(replaced.hostName()).contains("z");
  }

  @Test
  void uintBuilders_rejectOutOfRangeValues() {
    assertThatThrownBy(() -> DhcpOptions.builder().uint32(51, -1))
        .hasMessage("option 51: -1 is not a uint32");
    assertThatThrownBy(() -> DhcpOptions.builder().uint16(57, 65536))
        .hasMessage("option 57: 65536 is not a uint16");
  }
}
