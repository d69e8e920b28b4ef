package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.dhcp4.packet.OptionCodes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The ordered handlers of one configuration. Immutable; build with {@link ChainAssembler}. */
public final class HandlerChain {

  /** A handler with the plugin name it came from (for logs and {@code toString}). */
  public record Link(String name, PacketHandler handler) {
    public Link {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(handler, "handler");
    }
  }

  /** The chain's result: the reply to send, or the reason for sending none. */
  public sealed interface Result permits Send, Silent {}

  public record Send(DhcpPacket reply) implements Result {}

  public record Silent(String handler, String reason) implements Result {}

  private final List<Link> links;

  public HandlerChain(List<Link> links) {
    this.links = List.copyOf(links);
  }

  public List<String> names() {
    return links.stream().map(Link::name).toList();
  }

  /**
   * Runs {@code query} through the handlers. A reply that reaches the end is sent when some handler
   * gave it a message type; otherwise nothing is sent.
   */
  public Result run(DhcpPacket query, PacketContext context) {
    DhcpPacket reply = Replies.start(query);
    for (int i = 0; i < links.size(); i++) { // indexed: C1 would allocate an iterator per query
      Link link = links.get(i);
      Verdict v = link.handler().handle(query, reply, context);
      if (v instanceof Verdict.Drop d) {
        return new Silent(link.name(), d.reason());
      } else if (v instanceof Verdict.Respond r) {
        return new Send(relayInfoLast(r.reply()));
      }
      reply = ((Verdict.Continue) v).reply();
    }
    Optional<?> type = reply.messageType();
    return type.isPresent()
        ? new Send(relayInfoLast(reply))
        : new Silent("chain", "no handler answered");
  }

  /** Option 82 goes last whatever handlers added after it (RFC 3046 §2.1). */
  private static DhcpPacket relayInfoLast(DhcpPacket reply) {
    DhcpOptions options = reply.options();
    int size = options.size();
    if (size == 0 || options.codeAt(size - 1) == OptionCodes.RELAY_AGENT_INFORMATION) {
      return reply;
    }
    Octets info = options.find(OptionCodes.RELAY_AGENT_INFORMATION);
    if (info == null) {
      return reply;
    }
    return reply.withOptions(
        options.toBuilder()
            .remove(OptionCodes.RELAY_AGENT_INFORMATION)
            .put(OptionCodes.RELAY_AGENT_INFORMATION, info)
            .build());
  }

  @Override
  public String toString() {
    return String.join(" -> ", names());
  }
}
