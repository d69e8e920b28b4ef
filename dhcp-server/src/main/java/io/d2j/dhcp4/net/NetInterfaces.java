package io.d2j.dhcp4.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** The host's interfaces as the JDK sees them (names, indexes, MACs, state, IPv4 addresses). */
public final class NetInterfaces {

  private NetInterfaces() {}

  /** Every interface of this network namespace, by index. */
  public static List<NetInterface> detect() throws IOException {
    List<NetInterface> out = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isVirtual()) {
        continue; // an alias (eth0:1): its addresses are listed on its parent
      }
      List<NetInterface.Address> v4 = new ArrayList<>();
      for (InterfaceAddress a : nic.getInterfaceAddresses()) {
        if (a.getAddress() instanceof Inet4Address address) {
          v4.add(new NetInterface.Address(address, a.getNetworkPrefixLength()));
        }
      }
      byte[] mac = nic.getHardwareAddress();
      // The JDK's isUp() is IFF_UP and IFF_RUNNING: administratively up with a carrier.
      boolean running = nic.isUp();
      out.add(
          new NetInterface(
              nic.getName(),
              nic.getIndex(),
              mac == null ? new byte[0] : mac,
              running || administrativelyUp(nic.getName(), nic.getIndex()),
              running,
              nic.isLoopback(),
              v4));
    }
    out.sort(Comparator.comparingInt(NetInterface::index));
    return out;
  }

  /**
   * IFF_UP from {@code /sys/class/net/NAME/flags}, which the JDK does not expose apart from the
   * carrier. Only trusted when that directory's {@code ifindex} is the interface's (a sysfs mounted
   * for another network namespace shows other interfaces); false when it cannot be read.
   */
  static boolean administrativelyUp(String name, int index) {
    Path dir = SYS_CLASS_NET.resolve(name);
    if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
      return false;
    }
    try {
      if (Integer.parseInt(Files.readString(dir.resolve("ifindex")).trim()) != index) {
        return false;
      }
      String flags = Files.readString(dir.resolve("flags")).trim();
      return (Long.decode(flags) & IFF_UP) != 0;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");
  private static final long IFF_UP = 0x1;
}
