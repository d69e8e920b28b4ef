package io.d2j.dhcp4.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.keacontrol.Answer;
import io.d2j.keacontrol.Command;
import io.d2j.keacontrol.CommandRegistry;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The IPv4 commands of Kea's lease_cmds hook, with its argument names, answer shapes, result codes
 * and texts (Kea 2.2's src/share/api/lease4-*.json): lease4-get, lease4-get-all, lease4-get-page,
 * lease4-add, lease4-update, lease4-del, lease4-wipe. HA's lease updates between peers use these
 * same commands.
 */
public final class LeaseCommands {

  private final LeaseTarget target;
  private final Clock clock;

  /** The store and the subnets are the target's at each command (a reload replaces both). */
  public LeaseCommands(LeaseTarget target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  public void registerAll(CommandRegistry registry) {
    registry.register(Command.of("lease4-get", guarded(this::get)));
    registry.register(Command.of("lease4-get-all", guarded(this::getAll)));
    registry.register(Command.of("lease4-get-page", guarded(this::getPage)));
    registry.register(Command.of("lease4-add", guarded(this::add)));
    registry.register(Command.of("lease4-update", guarded(this::update)));
    registry.register(Command.of("lease4-del", guarded(this::delete)));
    registry.register(Command.of("lease4-wipe", guarded(this::wipe)));
  }

  /** Kea answers every argument defect with result 1 and the defect as text. */
  private static java.util.function.Function<JsonNode, Answer> guarded(
      java.util.function.Function<JsonNode, Answer> handler) {
    return args -> {
      try {
        return handler.apply(args);
      } catch (IllegalArgumentException e) {
        return Answer.error(e.getMessage());
      }
    };
  }

  private Answer get(JsonNode args) {
    return find(args)
        .map(l -> Answer.ok("IPv4 lease found.", LeaseJson.toJson(l)))
        .orElseGet(
            () -> new Answer(Answer.EMPTY, Optional.of("Lease not found."), Optional.empty()));
  }

  /**
   * The lease named by {@code ip-address}, or by {@code identifier-type} ({@code address}, {@code
   * hw-address}, {@code client-id}) with {@code identifier} and {@code subnet-id}.
   */
  private Optional<Lease4> find(JsonNode args) {
    if (args == null || !args.isObject()) {
      throw new IllegalArgumentException("Parameters missing or are not a map.");
    }
    if (args.has("ip-address")) {
      return target.leases().get(LeaseJson.address(args, "ip-address"));
    }
    if (!args.has("subnet-id")) {
      throw new IllegalArgumentException("Mandatory 'subnet-id' parameter missing.");
    }
    if (!args.get("subnet-id").isIntegralNumber()) {
      throw new IllegalArgumentException("'subnet-id' parameter is not integer.");
    }
    long subnetId = args.get("subnet-id").longValue();
    JsonNode type = args.get("identifier-type");
    JsonNode id = args.get("identifier");
    if (type == null || !type.isTextual()) {
      throw new IllegalArgumentException(
          "No 'ip-address' provided and 'identifier-type' is either missing or not a string.");
    }
    if (id == null || !id.isTextual()) {
      throw new IllegalArgumentException(
          "No 'ip-address' provided and 'identifier' is either missing or not a string.");
    }
    List<Lease4> candidates;
    switch (type.textValue()) {
      case "hw-address" ->
          candidates = target.leases().getByHwAddress(LeaseJson.hex(id.textValue(), "identifier"));
      case "client-id" ->
          candidates = target.leases().getByClientId(LeaseJson.hex(id.textValue(), "identifier"));
      case "address" -> candidates = List.of();
      case "duid" -> throw new IllegalArgumentException("Query by duid is not allowed in v4.");
      default ->
          throw new IllegalArgumentException(
              "Incorrect identifier type: "
                  + type.textValue()
                  + ", the only supported values are: address, hw-address, duid");
    }
    return candidates.stream().filter(l -> l.subnetId() == subnetId).findFirst();
  }

  private Answer getAll(JsonNode args) {
    List<Lease4> out = new ArrayList<>();
    if (args != null) {
      JsonNode subnets = args.get("subnets");
      if (subnets == null) {
        throw new IllegalArgumentException("'subnets' parameter not specified");
      }
      if (!subnets.isArray()) {
        throw new IllegalArgumentException("'subnets' parameter must be a list");
      }
      for (JsonNode id : subnets) {
        if (!id.isIntegralNumber()) {
          throw new IllegalArgumentException("listed subnet identifiers must be numbers");
        }
        target
            .leases()
            .forEach(
                l -> {
                  if (l.subnetId() == id.longValue()) {
                    out.add(l);
                  }
                });
      }
    } else {
      out.addAll(target.leases().all());
    }
    return leaseList(out, false);
  }

  private Answer getPage(JsonNode args) {
    if (args == null) {
      throw new IllegalArgumentException("no parameters specified for the lease4-get-page command");
    }
    JsonNode from = args.get("from");
    if (from == null) {
      throw new IllegalArgumentException("'from' parameter not specified");
    }
    if (!from.isTextual()) {
      throw new IllegalArgumentException("'from' parameter must be a string");
    }
    Optional<Inet4Address> after = Optional.empty();
    if (!"start".equals(from.textValue())) {
      try {
        after = Optional.of(LeaseJson.address(args, "from"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'from' parameter value is neither 'start' keyword nor a valid IPv4 address");
      }
    }
    JsonNode limit = args.get("limit");
    if (limit == null) {
      throw new IllegalArgumentException("'limit' parameter not specified");
    }
    if (!limit.isIntegralNumber()) {
      throw new IllegalArgumentException("'limit' parameter must be a number");
    }
    if (limit.longValue() == 0) {
      throw new IllegalArgumentException("page size of the retrieved leases must not be 0");
    }
    if (limit.longValue() < 0 || limit.longValue() > 0xFFFF_FFFFL) {
      // Kea reads the limit as an unsigned size: a negative one is a huge one.
      throw new IllegalArgumentException(
          "page size of retrieved leases must not be greater than 4294967295");
    }
    // The page starts after "from" (exclusive), in address order, as Kea's memfile pages; the
    // store fetches only the page (one statement for a SQL store).
    List<Lease4> page =
        target.leases().page(after, (int) Math.min(Integer.MAX_VALUE, limit.longValue()));
    return leaseList(page, true);
  }

  private static Answer leaseList(List<Lease4> list, boolean withCount) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    list.forEach(l -> array.add(LeaseJson.toJson(l)));
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    if (withCount) {
      args.put("count", list.size());
    }
    args.set("leases", array);
    return new Answer(
        list.isEmpty() ? Answer.EMPTY : Answer.SUCCESS,
        Optional.of(list.size() + " IPv4 lease(s) found."),
        Optional.of(args));
  }

  private Answer add(JsonNode args) {
    if (args == null) {
      throw new IllegalArgumentException("no parameters specified for the command");
    }
    Lease4 lease = LeaseJson.parse(args, target.config(), clock.instant());
    if (!target.leases().add(lease)) {
      return Answer.error("IPv4 lease already exists.");
    }
    Dhcp4Log.LEASE_CMDS_ADD4.log(args);
    return Answer.ok(
        "Lease for address "
            + IpAddresses.format(lease.address())
            + ", subnet-id "
            + lease.subnetId()
            + " added.");
  }

  private Answer update(JsonNode args) {
    if (args == null) {
      throw new IllegalArgumentException("no parameters specified for lease4-update command");
    }
    Lease4 lease = LeaseJson.parse(args, target.config(), clock.instant());
    JsonNode force = args.get("force-create");
    if (force != null && !force.isBoolean()) {
      throw new IllegalArgumentException("'force-create' is not a boolean.");
    }
    boolean forceCreate = force != null && force.booleanValue();
    Dhcp4Log.LEASE_CMDS_UPDATE4.log(args);
    if (forceCreate && target.leases().get(lease.address()).isEmpty()) {
      if (!target.leases().add(lease)) {
        return Answer.error("lost race between calls to get and add");
      }
      return Answer.ok("IPv4 lease added.");
    }
    if (!target.leases().update(lease)) {
      return Answer.error(
          "failed to update the lease with address "
              + IpAddresses.format(lease.address())
              + " either because the lease has been deleted or it has changed in the database,"
              + " in both cases a retry might succeed");
    }
    return Answer.ok("IPv4 lease updated.");
  }

  private Answer delete(JsonNode args) {
    Optional<Lease4> lease = find(args);
    JsonNode updateDdns = args.get("update-ddns");
    if (updateDdns != null && !updateDdns.isBoolean()) {
      throw new IllegalArgumentException("'update-ddns' is not a boolean.");
    }
    if (lease.isPresent() && target.leases().delete(lease.get().address())) {
      if (updateDdns != null && updateDdns.booleanValue()) {
        // Administrative deletions are DNS-silent unless asked (Kea's lease4-del, spec §3.2).
        target.leaseEvents().onReleased(lease.get());
      }
      Dhcp4Log.LEASE_CMDS_DEL4.log(args);
      return Answer.ok("IPv4 lease deleted.");
    }
    return new Answer(Answer.EMPTY, Optional.of("IPv4 lease not found."), Optional.empty());
  }

  private Answer wipe(JsonNode args) {
    long only = 0;
    if (args != null && args.has("subnet-id")) {
      only = LeaseJson.uint32(args, "subnet-id");
    }
    Set<Long> ids = new HashSet<>();
    StringBuilder names = new StringBuilder();
    if (only != 0) {
      ids.add(only);
      names.append(' ').append(only);
    } else {
      for (Subnet4 s : target.config().subnets()) {
        ids.add(s.id());
        names.append(' ').append(s.id());
      }
    }
    List<Inet4Address> wiped = new ArrayList<>();
    target
        .leases()
        .forEach(
            l -> {
              if (ids.contains(l.subnetId())) {
                wiped.add(l.address());
              }
            });
    int deleted = 0;
    for (Inet4Address a : wiped) {
      if (target.leases().delete(a)) {
        deleted++;
      }
    }
    Dhcp4Log.LEASE_CMDS_WIPE4.log(deleted, names);
    return new Answer(
        deleted == 0 ? Answer.EMPTY : Answer.SUCCESS,
        Optional.of("Deleted " + deleted + " IPv4 lease(s) from subnet(s)" + names),
        Optional.empty());
  }
}
