package io.d2j.dhcp4.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;

/**
 * A lease as the lease commands show and take it: Kea's {@code Lease4::toElement} members ({@code
 * ip-address hw-address client-id valid-lft cltt subnet-id fqdn-fwd fqdn-rev hostname state
 * user-context}) and the arguments of {@code lease4-add} / {@code lease4-update} as Kea's lease
 * parser reads them (Kea's src/share/api/lease4-add.json, lease4-update.json).
 */
final class LeaseJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LeaseJson() {}

  /** Kea's lease map; {@code client-id} and {@code user-context} only when the lease has them. */
  static ObjectNode toJson(Lease4 lease) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (!lease.clientId().isEmpty()) {
      out.put("client-id", lease.clientId().toColonHex());
    }
    out.put("cltt", lease.cltt());
    out.put("fqdn-fwd", lease.fqdnFwd());
    out.put("fqdn-rev", lease.fqdnRev());
    out.put("hostname", lease.hostname());
    out.put("hw-address", lease.hwaddr().toColonHex());
    out.put("ip-address", IpAddresses.format(lease.address()));
    out.put("state", lease.state().code());
    out.put("subnet-id", lease.subnetId());
    if (!lease.userContext().isEmpty()) {
      try {
        out.set("user-context", JSON.readTree(lease.userContext()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored user-context is not JSON", e); // Lease4 checks it
      }
    }
    out.put("valid-lft", lease.validLifetime());
    return out;
  }

  /**
   * Builds a lease from {@code lease4-add} / {@code lease4-update} arguments: {@code ip-address}
   * and {@code hw-address} mandatory; {@code subnet-id} (else the subnet containing the address),
   * {@code client-id}, {@code valid-lft} (else the subnet's), {@code expire} (else cltt is now),
   * {@code fqdn-fwd}, {@code fqdn-rev}, {@code hostname}, {@code state}, {@code user-context},
   * {@code comment} optional.
   *
   * @throws IllegalArgumentException with Kea's text for the defect
   */
  static Lease4 parse(JsonNode args, Dhcp4Config config, Instant now) {
    Inet4Address address = address(args, "ip-address");
    Octets hwaddr = hex(string(args, "hw-address"), "hw-address");
    Subnet4 subnet;
    if (args.has("subnet-id")) {
      long id = uint32(args, "subnet-id");
      subnet =
          config
              .subnet(id)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "Invalid subnet-id: No IPv4 subnet with subnet-id="
                              + id
                              + " currently configured."));
      if (!subnet.prefix().contains(address)) {
        throw new IllegalArgumentException(
            "The address "
                + IpAddresses.format(address)
                + " does not belong to subnet "
                + IpAddresses.format(subnet.prefix().network())
                + "/"
                + subnet.prefix().length()
                + ", subnet-id="
                + id);
      }
    } else {
      subnet =
          config.subnets().stream()
              .filter(s -> s.prefix().contains(address))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "subnet-id not specified and failed to find a subnet for address "
                              + IpAddresses.format(address)));
    }
    Octets clientId =
        args.has("client-id") ? hex(string(args, "client-id"), "client-id") : Octets.EMPTY;
    long valid = args.has("valid-lft") ? uint32(args, "valid-lft") : subnet.times().validLifetime();
    long cltt = now.getEpochSecond();
    if (args.has("expire")) {
      long expire = integer(args, "expire");
      if (expire <= 0) {
        throw new IllegalArgumentException(
            "expiration time must be positive for address " + IpAddresses.format(address));
      }
      if (expire < valid) {
        throw new IllegalArgumentException(
            "expiration time must be greater than valid lifetime for address "
                + IpAddresses.format(address));
      }
      cltt = expire - valid;
    }
    boolean fwd = args.has("fqdn-fwd") && bool(args, "fqdn-fwd");
    boolean rev = args.has("fqdn-rev") && bool(args, "fqdn-rev");
    String hostname = args.has("hostname") ? string(args, "hostname") : "";
    if (hostname.isEmpty() && (fwd || rev)) {
      throw new IllegalArgumentException(
          "No hostname specified and either forward or reverse fqdn was set to true.");
    }
    long state = args.has("state") ? integer(args, "state") : 0;
    if (state < 0 || state > 2) {
      throw new IllegalArgumentException(
          "Invalid state value: "
              + state
              + ", supported values are: 0 (default), 1 (declined) and 2 (expired-reclaimed)");
    }
    return new Lease4(
        address,
        hwaddr,
        clientId,
        valid,
        cltt,
        subnet.id(),
        fwd,
        rev,
        hostname,
        LeaseState.fromCode(state),
        userContext(args));
  }

  private static String userContext(JsonNode args) {
    JsonNode ctx = args.get("user-context");
    if (ctx != null && !ctx.isObject()) {
      throw new IllegalArgumentException("Invalid user context '" + ctx + "' is not a JSON map.");
    }
    JsonNode comment = args.get("comment");
    if (comment != null) {
      if (ctx != null && ctx.has("comment")) {
        throw new IllegalArgumentException(
            "Duplicated comment entry '" + comment + "' in user context '" + ctx + "'");
      }
      ObjectNode copy =
          ctx == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) ctx).deepCopy();
      copy.set("comment", comment);
      ctx = copy;
    }
    return ctx == null ? "" : ctx.toString();
  }

  static Inet4Address address(JsonNode args, String name) {
    String text = string(args, name);
    InetAddress a;
    try {
      a = IpAddresses.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Failed to convert string to address '" + text + "': Invalid argument");
    }
    if (!(a instanceof Inet4Address v4)) {
      throw new IllegalArgumentException("Invalid IPv4 address specified: " + text);
    }
    return v4;
  }

  static String string(JsonNode args, String name) {
    JsonNode v = args.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing parameter '" + name + "'");
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("'" + name + "' is not a string.");
    }
    return v.textValue();
  }

  static long integer(JsonNode args, String name) {
    JsonNode v = args.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing parameter '" + name + "'");
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException("'" + name + "' is not an integer.");
    }
    return v.longValue();
  }

  static long uint32(JsonNode args, String name) {
    long v = integer(args, name);
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "The '" + name + "' value (" + v + ") is not within expected range: (0 - 4294967295)");
    }
    return v;
  }

  private static boolean bool(JsonNode args, String name) {
    JsonNode v = args.get(name);
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("'" + name + "' is not a boolean.");
    }
    return v.booleanValue();
  }

  static Octets hex(String text, String name) {
    try {
      return Octets.parseColonHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }
}
