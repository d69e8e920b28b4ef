package io.d2j.dhcp4.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.config.InterfacesConfig;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which interfaces {@code interfaces-config} serves on a host, without sockets. */
class ListenPlanTest {

  private static final NetInterface LO = nic("lo", 1, true, true, "127.0.0.1/8");
  private static final NetInterface UPLINK = nic("uplink", 2, true, false, "198.51.100.2/24");
  private static final NetInterface LAN_A =
      nic("lanA", 3, true, false, "10.1.0.1/24", "10.1.9.1/24");
  private static final NetInterface LAN_B = nic("lanB", 4, true, false, "10.2.0.1/24");
  private static final NetInterface DOWN = nic("lanC", 5, false, false, "10.3.0.1/24");
  private static final NetInterface BARE = nic("lanD", 6, true, false);
  private static final NetInterface NO_CARRIER =
      new NetInterface(
          "lanE",
          7,
          new byte[] {2, 0, 0x5e, 0, 0, 7},
          true,
          false,
          false,
          List.of(new NetInterface.Address(ip("10.5.0.1"), 24)));
  private static final List<NetInterface> HOST =
      List.of(LO, UPLINK, LAN_A, LAN_B, DOWN, BARE, NO_CARRIER);

  @Test
  void namedInterfaces_servedWithAllTheirAddresses_rawSocketsButNotOnLoopback() {
    ListenPlan plan =
        ListenPlan.of(config(InterfacesConfig.SocketType.RAW, "lanB", "lanA", "lo"), HOST);

    assertThat(plan.served())
        .extracting(s -> s.nic().name() + " " + s.addresses() + " raw=" + s.packetSocket())
        .containsExactly(
            "lo [/127.0.0.1] raw=false",
            "lanA [/10.1.0.1, /10.1.9.1] raw=true",
            "lanB [/10.2.0.1] raw=true");
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.notes())
        .containsExactly(
            "lo is a loopback interface: served with the UDP socket (no raw socket there)");
  }

  @Test
  void nameSlashAddress_servesThatAddress_serverIdIsItUnlessTheQueryNamedAnother() {
    ListenPlan plan = ListenPlan.of(config(InterfacesConfig.SocketType.UDP, "lanA/10.1.9.1"), HOST);

    ListenPlan.Served a = plan.served().get(0);
    assertThat(a.addresses()).containsExactly(ip("10.1.9.1"));
    assertThat(a.packetSocket()).isFalse();
    assertThat(a.serverId(ip("255.255.255.255"))).isEqualTo(ip("10.1.9.1"));
    assertThat(a.serverId(null)).isEqualTo(ip("10.1.9.1"));
    assertThat(a.serverId(ip("10.1.0.1"))).isEqualTo(ip("10.1.9.1"));
  }

  @Test
  void missingDownAndAddresslessInterfaces_areProblems_toRetry() {
    ListenPlan plan =
        ListenPlan.of(
            config(
                InterfacesConfig.SocketType.RAW, "lanA", "eth9", "lanC", "lanD", "lanB/10.9.9.9"),
            HOST);

    assertThat(plan.served()).extracting(s -> s.nic().name()).containsExactly("lanA");
    assertThat(plan.problems())
        .extracting(ListenPlan.Problem::toString)
        .containsExactly(
            "eth9: no such interface",
            "lanC: the interface is down",
            "lanD: the interface has no IPv4 address",
            "lanB/10.9.9.9: the interface does not have the address 10.9.9.9");
  }

  @Test
  void wildcard_servesEveryUpInterfaceWithAnAddress_notLoopback_noProblems() {
    ListenPlan plan = ListenPlan.of(config(InterfacesConfig.SocketType.RAW, "*"), HOST);

    assertThat(plan.served())
        .extracting(s -> s.nic().name())
        .containsExactly("uplink", "lanA", "lanB");
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.notes())
        .containsExactly(
            "'*' leaves out lanC: down",
            "'*' leaves out lanD: no IPv4 address",
            "'*' leaves out lanE: no carrier");
  }

  @Test
  void namedInterfaceUpWithoutCarrierYet_isServedWithANote_notAProblemToRetry() {
    // At boot the link may still be negotiating (or a switch port in STP listening) when the
    // server starts: Kea skips such an interface and, with no retries configured, never serves it.
    ListenPlan plan = ListenPlan.of(config(InterfacesConfig.SocketType.RAW, "lanE"), HOST);

    assertThat(plan.served())
        .extracting(s -> s.nic().name() + " " + s.addresses() + " raw=" + s.packetSocket())
        .containsExactly("lanE [/10.5.0.1] raw=true");
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.notes())
        .containsExactly(
            "lanE has no carrier yet: served, it answers as soon as the link comes up");
    assertThat(NO_CARRIER.toString()).contains("up, no carrier");
  }

  private static InterfacesConfig config(InterfacesConfig.SocketType type, String... names) {
    return new InterfacesConfig(
        List.of(names),
        type,
        InterfacesConfig.Outbound.SAME_AS_INBOUND,
        true,
        false,
        Duration.ofSeconds(5),
        0);
  }

  private static NetInterface nic(
      String name, int index, boolean up, boolean loopback, String... addresses) {
    return new NetInterface(
        name,
        index,
        loopback ? new byte[0] : new byte[] {2, 0, 0x5e, 0, 0, (byte) index},
        up,
        up,
        loopback,
        java.util.Arrays.stream(addresses)
            .map(
                a ->
                    new NetInterface.Address(
                        ip(a.substring(0, a.indexOf('/'))),
                        Integer.parseInt(a.substring(a.indexOf('/') + 1))))
            .toList());
  }

  private static Inet4Address ip(String s) {
    return (Inet4Address) IpAddresses.parse(s);
  }
}
