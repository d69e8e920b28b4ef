package io.d2j.dhcp4.net;

import io.d2j.dhcp4.config.InterfacesConfig;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which interfaces to serve, from {@code interfaces-config} and the interfaces detected, as Kea
 * reads it: {@code NAME} serves the interface with all its IPv4 addresses, {@code NAME/ADDRESS}
 * with that address only (others may be added for the same interface), {@code *} every interface
 * that is up with a carrier, not loopback and has an IPv4 address. An interface named explicitly
 * but missing, administratively down or without an IPv4 address is a {@link Problem}: the caller
 * retries it ({@code service-sockets-*}). One named explicitly that is up but has no carrier yet (a
 * link still negotiating at boot, a switch port in STP listening) is served, with a note: its
 * sockets receive as soon as the link comes up. Kea skips it, and with its default of no retries
 * never serves it. Pure.
 *
 * @param served the interfaces to open, in index order
 * @param problems the named interfaces that cannot be served now
 * @param notes what else the operator should read (interfaces {@code *} left out, raw on loopback)
 */
public record ListenPlan(List<Served> served, List<Problem> problems, List<String> notes) {

  /**
   * An interface to serve.
   *
   * @param selected the addresses of {@code NAME/ADDRESS} entries; empty means all of them
   * @param packetSocket whether it gets a raw packet socket (raw mode, not loopback)
   */
  public record Served(NetInterface nic, List<Inet4Address> selected, boolean packetSocket) {
    public Served {
      selected = List.copyOf(selected);
    }

    /** The addresses it is served with. */
    public List<Inet4Address> addresses() {
      return selected.isEmpty() ? nic.inet4() : selected;
    }

    /**
     * The server identifier for a query that came in here for {@code destination} (null when not
     * known): that address when it is one of ours, else the first address served (Kea: the local
     * address, or the socket's for a broadcast).
     */
    public Inet4Address serverId(Inet4Address destination) {
      return serverId(addresses(), destination);
    }

    /** {@link #serverId(Inet4Address)} with the interface's {@link #addresses()} at hand. */
    public static Inet4Address serverId(List<Inet4Address> mine, Inet4Address destination) {
      return destination != null && mine.contains(destination) ? destination : mine.get(0);
    }
  }

  /** An interface named in the configuration that cannot be served now, and why. */
  public record Problem(String entry, String reason) {
    @Override
    public String toString() {
      return entry + ": " + reason;
    }
  }

  public ListenPlan {
    served = List.copyOf(served);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  public static ListenPlan of(InterfacesConfig config, List<NetInterface> detected) {
    boolean raw = config.socketType() == InterfacesConfig.SocketType.RAW;
    Map<String, List<Inet4Address>> chosen = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String entry : config.names()) {
      if ("*".equals(entry)) {
        for (NetInterface nic : detected) {
          if (nic.loopback()) {
            continue; // Kea: loopback only when named
          }
          if (!nic.carrier() || nic.addresses().isEmpty()) {
            notes.add(
                "'*' leaves out "
                    + nic.name()
                    + (!nic.up()
                        ? ": down"
                        : !nic.carrier() ? ": no carrier" : ": no IPv4 address"));
            continue;
          }
          chosen.putIfAbsent(nic.name(), new ArrayList<>());
        }
        continue;
      }
      int slash = entry.indexOf('/');
      String name = slash < 0 ? entry : entry.substring(0, slash);
      Optional<NetInterface> nic = detected.stream().filter(n -> n.name().equals(name)).findFirst();
      Optional<String> wrong =
          nic.isEmpty() ? Optional.of("no such interface") : unusable(nic.get());
      if (wrong.isEmpty() && slash >= 0) {
        Inet4Address address =
            (Inet4Address) io.d2j.ncr.IpAddresses.parse(entry.substring(slash + 1));
        if (!nic.get().inet4().contains(address)) {
          wrong =
              Optional.of("the interface does not have the address " + address.getHostAddress());
        } else {
          chosen.computeIfAbsent(name, n -> new ArrayList<>()).add(address);
          continue;
        }
      }
      if (wrong.isPresent()) {
        problems.add(new Problem(entry, wrong.get()));
        continue;
      }
      // The whole interface: all its addresses, whatever NAME/ADDRESS entries said.
      chosen.put(name, new ArrayList<>());
    }
    List<Served> served = new ArrayList<>();
    for (NetInterface nic : detected) {
      List<Inet4Address> selected = chosen.get(nic.name());
      if (selected == null) {
        continue;
      }
      if (!nic.carrier()) {
        notes.add(
            nic.name() + " has no carrier yet: served, it answers as soon as the link comes up");
      }
      if (raw && nic.loopback()) {
        notes.add(
            nic.name()
                + " is a loopback interface: served with the UDP socket (no raw socket there)");
      }
      served.add(new Served(nic, selected, raw && !nic.loopback()));
    }
    return new ListenPlan(served, problems, notes);
  }

  private static Optional<String> unusable(NetInterface nic) {
    if (!nic.up()) {
      return Optional.of("the interface is down");
    }
    if (nic.addresses().isEmpty()) {
      return Optional.of("the interface has no IPv4 address");
    }
    return Optional.empty();
  }
}
