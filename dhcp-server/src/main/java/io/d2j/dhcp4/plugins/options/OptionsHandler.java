package io.d2j.dhcp4.plugins.options;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.classify.ClientClasses;
import io.d2j.dhcp4.config.ClientClassDef;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.OptionData;
import io.d2j.dhcp4.config.Pool4;
import io.d2j.dhcp4.config.Reservation;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.options.OptionSpaces;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Fills the options and boot fields of OFFER, ACK and NAK the way kea-dhcp4 2.2 builds them.
 *
 * <ul>
 *   <li>Configured options are searched in Kea's order: the host reservation, the pool of the
 *       address, the subnet (over its shared network), the query's classes in the order it joined
 *       them, then the globals; the first scope that has an option wins;
 *   <li>sent: what the client asks for in option 55 (in its order), every {@code always-send}
 *       option, and routers (3), domain-name-servers (6), domain-name (15) and the server
 *       identifier (54) whenever configured; the subnet mask (1) of the subnet with every lease;
 *   <li>option 125: the sub-options of the enterprise the client (or a configured option 125) names
 *       that it asks for (DOCSIS option request) or that are {@code always-send};
 *   <li>server identifier (54) always (RFC 2131 table 3); a NAK carries only 53, 54, 56 and the
 *       echoes; client identifier (61) echoed when {@code echo-client-id} is on (RFC 6842); relay
 *       agent information (82) echoed last (RFC 3046 §2.2);
 *   <li>siaddr, sname and file from {@code next-server}, {@code server-hostname}, {@code
 *       boot-file-name}: the subnet's (inherited), overridden by the first class that sets each,
 *       overridden by the host reservation's.
 * </ul>
 */
final class OptionsHandler implements PacketHandler {

  private static final int[] BASIC = {
    OptionCodes.ROUTER,
    OptionCodes.DOMAIN_NAME_SERVER,
    OptionCodes.DOMAIN_NAME,
    OptionCodes.SERVER_IDENTIFIER
  };
  private static final long DOCSIS = 4491;
  private static final int VIVSO = 125;

  private final Dhcp4Config config;

  OptionsHandler(Dhcp4Config config) {
    this.config = config;
  }

  /**
   * No: it reads the immutable configuration and what allocation left in the query's context
   * (subnet, lease, reservation, classes).
   */
  @Override
  public boolean needsLeaseLock() {
    return false;
  }

  @Override
  public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context) {
    Optional<DhcpMessageType> type = reply.messageType();
    if (type.isEmpty()) {
      return Verdict.next(reply);
    }
    DhcpOptions.Builder b = reply.options().toBuilder();
    // Plain loops and null checks below: this runs per reply, and C1 allocates every lambda,
    // iterator and Optional it is given.
    if (config.echoClientId()) {
      Octets id = query.options().find(OptionCodes.CLIENT_IDENTIFIER);
      if (id != null) {
        b.put(OptionCodes.CLIENT_IDENTIFIER, id);
      }
    }
    DhcpPacket out = reply;
    if (type.get() != DhcpMessageType.NAK && context.subnet().isPresent()) {
      Subnet4 subnet = context.subnet().get();
      List<List<OptionData>> scopes = scopes(context, subnet);
      if (context.lease().isPresent()) {
        b.put(OptionCodes.SUBNET_MASK, subnet.prefix().netmaskOctets());
      }
      // Option 55's codes in the client's order, then every always-send option's code; a code
      // seen twice is already in the reply or was not found the first time.
      Octets asked = query.options().find(OptionCodes.PARAMETER_REQUEST_LIST);
      for (int i = 0; asked != null && i < asked.length(); i++) {
        addConfigured(b, scopes, asked.get(i));
      }
      for (int s = 0; s < scopes.size(); s++) {
        List<OptionData> scope = scopes.get(s);
        for (int i = 0; i < scope.size(); i++) {
          OptionData o = scope.get(i);
          if (o.alwaysSend() && o.isDhcp4()) {
            addConfigured(b, scopes, o.code());
          }
        }
      }
      vendorOptions(query, b, scopes);
      for (int code : BASIC) {
        addConfigured(b, scopes, code);
      }
      out = bootFields(reply, subnet, context.classes(), context.reservation());
    }
    if (!b.has(OptionCodes.SERVER_IDENTIFIER)) {
      b.address(OptionCodes.SERVER_IDENTIFIER, context.serverId());
    }
    Octets relayInfo = query.options().find(OptionCodes.RELAY_AGENT_INFORMATION);
    if (relayInfo != null) {
      b.remove(OptionCodes.RELAY_AGENT_INFORMATION)
          .put(OptionCodes.RELAY_AGENT_INFORMATION, relayInfo);
    }
    return Verdict.next(out.withOptions(b.build()));
  }

  /** Kea's option lists in search order: host, pool, subnet (and network), classes, global. */
  private List<List<OptionData>> scopes(PacketContext context, Subnet4 subnet) {
    List<List<OptionData>> out = new ArrayList<>(4);
    Optional<Reservation> reservation = context.reservation();
    if (reservation.isPresent()) {
      out.add(reservation.get().options());
    }
    Optional<Lease4> lease = context.lease();
    Optional<Pool4> pool =
        lease.isPresent() ? subnet.pool(lease.get().address()) : Optional.empty();
    if (pool.isPresent()) {
      out.add(pool.get().options());
    }
    out.add(subnet.options());
    List<String> names = context.classes().names();
    for (int i = 0; i < names.size(); i++) { // indexed: C1 allocates iterators
      String name = names.get(i);
      Optional<ClientClassDef> c = config.clientClasses().find(name);
      if (c.isPresent()) {
        out.add(c.get().options());
      }
    }
    out.add(config.globalOptions());
    return out;
  }

  /** Adds option {@code code} from the first scope that configures it, unless already set. */
  private static void addConfigured(
      DhcpOptions.Builder b, List<List<OptionData>> scopes, int code) {
    if (code == OptionCodes.PAD
        || code == OptionCodes.END
        || code == OptionCodes.OVERLOAD
        || b.has(code)) {
      return;
    }
    OptionData o = find(scopes, OptionSpaces.DHCP4, code);
    if (o != null) {
      b.put(code, o.data());
    }
  }

  /** The first option {@code code} of {@code space} in the scopes, or null. */
  private static OptionData find(List<List<OptionData>> scopes, String space, int code) {
    // Indexed loops: C1 allocates every iterator, and this runs for each code of each reply.
    for (int s = 0; s < scopes.size(); s++) {
      List<OptionData> scope = scopes.get(s);
      for (int i = 0; i < scope.size(); i++) {
        OptionData o = scope.get(i);
        if (o.code() == code && o.space().equals(space)) {
          return o;
        }
      }
    }
    return null;
  }

  /**
   * Option 125 (RFC 3925), as Kea 2.2's appendRequestedVendorOptions: the enterprise is the one the
   * client's option 125 names, or that of a configured option 125 already in the reply; the
   * sub-options are those a DOCSIS client requests (its sub-option 1) and the {@code always-send}
   * ones of that enterprise's space ({@code vendor-N}); on the wire: enterprise number, data
   * length, sub-options.
   */
  private static void vendorOptions(
      DhcpPacket query, DhcpOptions.Builder b, List<List<OptionData>> scopes) {
    Optional<Octets> asked = query.options().get(VIVSO).filter(v -> v.length() >= 4);
    Optional<Octets> configured = b.get(VIVSO).filter(v -> v.length() >= 4);
    if (asked.isEmpty() && configured.isEmpty()) {
      return;
    }
    long enterprise = enterprise(configured.isPresent() ? configured.get() : asked.get());
    String space = OptionSpaces.vendorSpace(enterprise);
    LinkedHashSet<Integer> codes = new LinkedHashSet<>();
    if (enterprise == DOCSIS && asked.isPresent()) {
      Octets oro = subOption(asked.get(), 1);
      for (int i = 0; oro != null && i < oro.length(); i++) {
        codes.add(oro.get(i));
      }
    }
    for (List<OptionData> scope : scopes) {
      for (OptionData o : scope) {
        if (o.alwaysSend() && o.space().equals(space)) {
          codes.add(o.code());
        }
      }
    }
    ByteArrayOutputStream subs = new ByteArrayOutputStream();
    for (int code : codes) {
      OptionData o = find(scopes, space, code);
      if (o != null && o.data().length() <= 255) {
        subs.write(code);
        subs.write(o.data().length());
        subs.writeBytes(o.data().toByteArray());
      }
    }
    if (subs.size() == 0 && configured.isEmpty()) {
      return;
    }
    if (subs.size() > 255) {
      return;
    }
    byte[] payload = new byte[5 + subs.size()];
    for (int i = 0; i < 4; i++) {
      payload[i] = (byte) (enterprise >>> (24 - 8 * i));
    }
    payload[4] = (byte) subs.size();
    System.arraycopy(subs.toByteArray(), 0, payload, 5, subs.size());
    b.put(VIVSO, Octets.of(payload));
  }

  private static long enterprise(Octets v) {
    return ((long) v.get(0) << 24) | ((long) v.get(1) << 16) | (v.get(2) << 8) | v.get(3);
  }

  /** Sub-option {@code code} of the first enterprise block of an option-125 payload. */
  private static Octets subOption(Octets vivso, int code) {
    if (vivso.length() < 5) {
      return null;
    }
    int end = Math.min(vivso.length(), 5 + vivso.get(4));
    int i = 5;
    while (i + 1 < end) {
      int c = vivso.get(i);
      int len = vivso.get(i + 1);
      if (i + 2 + len > end) {
        return null;
      }
      if (c == code) {
        return vivso.slice(i + 2, len);
      }
      i += 2 + len;
    }
    return null;
  }

  /** siaddr, sname, file: subnet, then the first class setting each, then the reservation. */
  private DhcpPacket bootFields(
      DhcpPacket reply, Subnet4 subnet, ClientClasses classes, Optional<Reservation> reservation) {
    Inet4Address siaddr = subnet.policy().nextServer().orElse(reply.siaddr());
    String sname = subnet.policy().serverHostname();
    String file = subnet.policy().bootFileName();
    boolean classNext = false;
    boolean classSname = false;
    boolean classFile = false;
    List<String> names = classes.names();
    for (int i = 0; i < names.size(); i++) { // indexed: C1 allocates iterators
      String name = names.get(i);
      Optional<ClientClassDef> c = config.clientClasses().find(name);
      if (c.isEmpty()) {
        continue;
      }
      if (!classNext && c.get().nextServer().isPresent()) {
        siaddr = c.get().nextServer().get();
        classNext = true;
      }
      if (!classSname && !c.get().serverHostname().isEmpty()) {
        sname = c.get().serverHostname();
        classSname = true;
      }
      if (!classFile && !c.get().bootFileName().isEmpty()) {
        file = c.get().bootFileName();
        classFile = true;
      }
    }
    if (reservation.isPresent()) {
      Reservation r = reservation.get();
      siaddr = r.nextServer().orElse(siaddr);
      sname = r.serverHostname().isEmpty() ? sname : r.serverHostname();
      file = r.bootFileName().isEmpty() ? file : r.bootFileName();
    }
    if (siaddr.equals(reply.siaddr()) && sname.isEmpty() && file.isEmpty()) {
      return reply;
    }
    return new DhcpPacket(
        reply.op(),
        reply.htype(),
        reply.hlen(),
        reply.hops(),
        reply.xid(),
        reply.secs(),
        reply.flags(),
        reply.ciaddr(),
        reply.yiaddr(),
        siaddr,
        reply.giaddr(),
        reply.chaddr(),
        Octets.of(sname.getBytes(StandardCharsets.UTF_8)),
        Octets.of(file.getBytes(StandardCharsets.UTF_8)),
        reply.options());
  }
}
