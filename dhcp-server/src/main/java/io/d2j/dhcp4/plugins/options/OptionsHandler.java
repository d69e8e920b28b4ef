package io.d2j.dhcp4.plugins.options;

import io.d2j.dhcp4.config.OptionData;
import io.d2j.dhcp4.config.Pool4;
import io.d2j.dhcp4.config.Reservation;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fills the options of OFFER, ACK and NAK.
 *
 * <ul>
 *   <li>Server identifier (54) always: RFC 2131 table 3 requires it in OFFER, ACK and NAK;
 *   <li>NAK carries nothing else but its message (56) and the echoes (table 3);
 *   <li>subnet mask (1) from the subnet, unless option-data sets it;
 *   <li>option-data merged global &lt; shared network &lt; subnet &lt; pool &lt; reservation, sent
 *       when the client asked for it (option 55), when it is {@code always-send}, or when it is one
 *       of routers (3), DNS servers (6) and domain name (15), which Kea always sends;
 *   <li>client identifier (61) echoed (RFC 6842) and relay agent information (82) echoed last (RFC
 *       3046 §2.2).
 * </ul>
 */
final class OptionsHandler implements PacketHandler {

  private static final Set<Integer> ALWAYS =
      Set.of(
          OptionCodes.SUBNET_MASK,
          OptionCodes.ROUTER,
          OptionCodes.DOMAIN_NAME_SERVER,
          OptionCodes.DOMAIN_NAME);

  @Override
  public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context) {
    Optional<DhcpMessageType> type = reply.messageType();
    if (type.isEmpty()) {
      return Verdict.next(reply);
    }
    DhcpOptions.Builder b = reply.options().toBuilder();
    b.address(OptionCodes.SERVER_IDENTIFIER, context.serverId());
    if (type.get() != DhcpMessageType.NAK && context.subnet().isPresent()) {
      List<Integer> requested = query.options().parameterRequestList();
      for (OptionData o : merged(context).values()) {
        if (o.code() == OptionCodes.SERVER_IDENTIFIER) {
          b.put(o.code(), o.data());
        } else if (o.alwaysSend() || ALWAYS.contains(o.code()) || requested.contains(o.code())) {
          b.put(o.code(), o.data());
        }
      }
    }
    query.options().clientIdentifier().ifPresent(id -> b.put(OptionCodes.CLIENT_IDENTIFIER, id));
    query
        .options()
        .relayAgentInformation()
        .ifPresent(
            ri ->
                b.remove(OptionCodes.RELAY_AGENT_INFORMATION)
                    .put(OptionCodes.RELAY_AGENT_INFORMATION, ri));
    return Verdict.next(reply.withOptions(b.build()));
  }

  private static Map<Integer, OptionData> merged(PacketContext context) {
    Subnet4 subnet = context.subnet().orElseThrow();
    Map<Integer, OptionData> byCode = new LinkedHashMap<>();
    byCode.put(
        OptionCodes.SUBNET_MASK,
        new OptionData(
            OptionCodes.SUBNET_MASK,
            io.d2j.dhcp4.Octets.of(subnet.prefix().netmask().getAddress()),
            false));
    subnet.options().forEach(o -> byCode.put(o.code(), o));
    context
        .lease()
        .flatMap(l -> subnet.pool(l.address()))
        .map(Pool4::options)
        .ifPresent(os -> os.forEach(o -> byCode.put(o.code(), o)));
    context
        .reservation()
        .map(Reservation::options)
        .ifPresent(os -> os.forEach(o -> byCode.put(o.code(), o)));
    return byCode;
  }
}
