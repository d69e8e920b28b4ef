package io.d2j.dhcp4.config;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.options.OptionSpaces;
import io.d2j.dhcp4.options.OptionValues;
import io.d2j.keaconfig.ConfigList;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.ConfigNode;
import io.d2j.keaconfig.ConfigString;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code reservations} (of a subnet, or global) and {@code host-reservation-identifiers}. A
 * reservation has exactly one identifier ({@code hw-address}, {@code duid}, {@code circuit-id},
 * {@code client-id}, {@code flex-id}; hex with or without ':' or a quoted {@code 'string'}); a
 * subnet's reserved address lies in the subnet; within one scope an identifier is reserved once,
 * and an address once unless {@code ip-reservations-unique} is false.
 */
final class HostsParser {

  private static final Set<String> KEYS =
      Set.of(
          "hw-address",
          "duid",
          "circuit-id",
          "client-id",
          "flex-id",
          "ip-address",
          "hostname",
          "option-data",
          "next-server",
          "server-hostname",
          "boot-file-name",
          "client-classes",
          "user-context",
          "comment");

  /** Kea 2.2's default lookup order (flex-id only when configured). */
  static final List<HostIdentifier.Type> DEFAULT_IDENTIFIERS =
      List.of(
          HostIdentifier.Type.HW_ADDRESS,
          HostIdentifier.Type.DUID,
          HostIdentifier.Type.CIRCUIT_ID,
          HostIdentifier.Type.CLIENT_ID);

  private final KeyPolicy policy;
  private final OptionDataParser options;
  private final boolean addressesUnique;

  HostsParser(KeyPolicy policy, OptionDataParser options, boolean addressesUnique) {
    this.policy = policy;
    this.options = options;
    this.addressesUnique = addressesUnique;
  }

  /** {@code host-reservation-identifiers}: names, in lookup order, no repeats. */
  static List<HostIdentifier.Type> identifiers(ConfigMap dhcp4) {
    Optional<ConfigList> list = dhcp4.optList("host-reservation-identifiers");
    if (list.isEmpty()) {
      return DEFAULT_IDENTIFIERS;
    }
    List<HostIdentifier.Type> out = new ArrayList<>();
    for (ConfigNode item : list.get()) {
      if (!(item instanceof ConfigString s)) {
        throw item.error("expected an identifier name, got " + item.typeName());
      }
      HostIdentifier.Type t =
          HostIdentifier.Type.byKeaName(s.value())
              .orElseThrow(
                  () ->
                      item.error(
                          "unknown host identifier '"
                              + s.value()
                              + "' (hw-address, duid, circuit-id, client-id, flex-id)"));
      if (out.contains(t)) {
        throw item.error("host identifier '" + s.value() + "' is listed twice");
      }
      out.add(t);
    }
    if (out.isEmpty()) {
      throw list.get().error("host-reservation-identifiers must name at least one identifier");
    }
    return out;
  }

  /**
   * @param prefix the subnet the reservations belong to; null for global reservations
   */
  List<Reservation> parse(Optional<ConfigList> list, Prefix4 prefix, OptionSpaces defs) {
    List<Reservation> out = new ArrayList<>();
    if (list.isEmpty()) {
      return out;
    }
    Map<HostIdentifier, ConfigNode> identifiers = new HashMap<>();
    Map<Inet4Address, ConfigNode> addresses = new HashMap<>();
    for (ConfigNode item : list.get()) {
      ConfigMap map = Dhcp4ConfigParser.asMap(item);
      policy.check(map, KEYS, false);
      HostIdentifier id = identifier(map);
      ConfigNode idNode = map.require(id.type().keaName());
      ConfigNode first = identifiers.putIfAbsent(id, idNode);
      if (first != null) {
        throw idNode.error(
            "duplicate reservation for "
                + id.type().keaName()
                + " "
                + id.value().toColonHex()
                + " (first at "
                + first.position()
                + ")");
      }
      Optional<Inet4Address> ip =
          map.optString("ip-address").map(t -> SubnetParser.ipv4(map.require("ip-address"), t));
      if (ip.isPresent() && ip.get().hashCode() == 0) {
        ip = Optional.empty();
      }
      if (ip.isPresent()) {
        ConfigNode at = map.require("ip-address");
        if (prefix != null && !prefix.contains(ip.get())) {
          throw at.error(
              "reserved address "
                  + IpAddresses.format(ip.get())
                  + " lies outside subnet "
                  + prefix);
        }
        ConfigNode firstIp = addresses.putIfAbsent(ip.get(), at);
        if (firstIp != null && addressesUnique) {
          throw at.error(
              "address "
                  + IpAddresses.format(ip.get())
                  + " is reserved twice (first at "
                  + firstIp.position()
                  + "; set ip-reservations-unique to false to allow it)");
        }
      }
      out.add(
          new Reservation(
              id,
              ip,
              map.optString("hostname").orElse(""),
              options.parse(map.optList("option-data"), defs),
              classes(map),
              ClassesParser.nextServer(map),
              ClassesParser.text(map, "server-hostname", ClassesParser.MAX_SNAME),
              ClassesParser.text(map, "boot-file-name", ClassesParser.MAX_FILE)));
    }
    return out;
  }

  private static HostIdentifier identifier(ConfigMap map) {
    HostIdentifier.Type found = null;
    for (HostIdentifier.Type t : HostIdentifier.Type.values()) {
      if (map.has(t.keaName())) {
        if (found != null) {
          throw map.require(t.keaName())
              .error(
                  "a reservation has one identifier: '"
                      + found.keaName()
                      + "' and '"
                      + t.keaName()
                      + "' are both set");
        }
        found = t;
      }
    }
    if (found == null) {
      throw map.error(
          "a reservation needs one identifier: hw-address, duid, circuit-id, client-id or"
              + " flex-id");
    }
    String text = map.requireString(found.keaName());
    Octets value;
    try {
      value = text.isBlank() ? Octets.EMPTY : OptionValues.binary(text);
    } catch (IllegalArgumentException e) {
      throw map.require(found.keaName()).error(found.keaName() + ": " + e.getMessage());
    }
    if (value.isEmpty()) {
      throw map.require(found.keaName()).error(found.keaName() + " must not be empty");
    }
    return new HostIdentifier(found, value);
  }

  private static List<String> classes(ConfigMap map) {
    List<String> out = new ArrayList<>();
    for (ConfigNode c : map.optList("client-classes").map(ConfigList::items).orElse(List.of())) {
      if (!(c instanceof ConfigString s) || s.value().isEmpty()) {
        throw c.error("expected a class name, got " + c.typeName());
      }
      if (!out.contains(s.value())) {
        out.add(s.value());
      }
    }
    return out;
  }
}
