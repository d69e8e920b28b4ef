package io.d2j.dhcp4.runtime;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The IPv4 addresses of {@code interfaces-config.interfaces}: {@code NAME}, {@code NAME/ADDRESS} or
 * {@code *} (every interface that is up, non-loopback first). They select the subnet of directly
 * connected clients and give the server identifier.
 */
final class Interfaces {

  record Resolved(List<Inet4Address> addresses) {}

  private Interfaces() {}

  static Resolved resolve(List<String> names) throws IOException {
    List<Inet4Address> out = new ArrayList<>();
    for (String entry : names) {
      int slash = entry.indexOf('/');
      if (slash >= 0) {
        InetAddress a = io.d2j.ncr.IpAddresses.parse(entry.substring(slash + 1));
        if (a instanceof Inet4Address v4) {
          out.add(v4);
        }
        continue;
      }
      if ("*".equals(entry)) {
        List<Inet4Address> loopback = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          if (nic.isUp()) {
            (nic.isLoopback() ? loopback : out).addAll(v4(nic));
          }
        }
        out.addAll(loopback);
        continue;
      }
      NetworkInterface nic = NetworkInterface.getByName(entry);
      if (nic == null) {
        throw new IOException("interfaces-config names '" + entry + "', which does not exist");
      }
      out.addAll(v4(nic));
    }
    return new Resolved(out);
  }

  private static List<Inet4Address> v4(NetworkInterface nic) {
    List<Inet4Address> out = new ArrayList<>();
    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
      if (a instanceof Inet4Address v4) {
        out.add(v4);
      }
    }
    return out;
  }
}
