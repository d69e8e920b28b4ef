package io.d2j.dhcp4.ha;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code high-availability} part of {@code status-get} (spec §6.8), as kea-dhcp4 2.2 with the
 * HA hook reports it:
 *
 * <pre>
 * {"ha-mode": "load-balancing",
 *  "ha-servers": {"local": {"role": "primary", "scopes": ["server1"], "state": "load-balancing"},
 *                 "remote": {"age": 3, "analyzed-packets": 0, "communication-interrupted": false,
 *                            "connecting-clients": 0, "in-touch": true, "last-scopes": ["server2"],
 *                            "last-state": "load-balancing", "role": "secondary",
 *                            "unacked-clients": 0, "unacked-clients-left": 0}}}
 * </pre>
 *
 * {@code remote} is left out for a backup server and in passive-backup mode.
 */
public final class HaStatus {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private HaStatus() {}

  /** One element of {@code arguments.high-availability}. */
  public static ObjectNode render(HaConfig config, HaStateMachine machine) {
    ObjectNode out = JSON.objectNode();
    out.put("ha-mode", config.mode().wire());
    ObjectNode servers = out.putObject("ha-servers");
    ObjectNode local = servers.putObject("local");
    local.put("role", config.role().wire());
    local.set("scopes", sorted(machine.scopes()));
    local.put("state", machine.state().wire());
    if (config.mode() == HaMode.PASSIVE_BACKUP || config.role() == HaRole.BACKUP) {
      return out;
    }
    CommunicationState comm = machine.communication();
    ObjectNode remote = servers.putObject("remote");
    remote.put(
        "age",
        comm.inTouch() ? Duration.between(comm.lastPoke(), comm.clock().instant()).toSeconds() : 0);
    remote.put("analyzed-packets", comm.analyzedPackets());
    remote.put("communication-interrupted", comm.interrupted());
    remote.put("connecting-clients", comm.connectingClients());
    remote.put("in-touch", comm.inTouch());
    remote.set("last-scopes", sorted(comm.partnerScopes()));
    remote.put("last-state", comm.inTouch() ? comm.partnerState().wire() : "");
    remote.put("role", config.partner().map(p -> p.role().wire()).orElse(""));
    remote.put("unacked-clients", comm.unackedClients());
    remote.put("unacked-clients-left", comm.unackedClientsLeft());
    return out;
  }

  private static ArrayNode sorted(Set<String> names) {
    ArrayNode list = JSON.arrayNode();
    new TreeSet<>(names).forEach(list::add);
    return list;
  }
}
