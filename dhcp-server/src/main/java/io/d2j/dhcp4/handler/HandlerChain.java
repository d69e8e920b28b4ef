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

  /** The first link that needs the lease lock; {@code links.size()} when none does. */
  private final int lockedFrom;

  /** One past the last link that needs the lease lock; {@code lockedFrom} when none does. */
  private final int lockedTo;

  public HandlerChain(List<Link> links) {
    this.links = List.copyOf(links);
    int from = this.links.size();
    int to = from;
    for (int i = 0; i < this.links.size(); i++) {
      if (this.links.get(i).handler().needsLeaseLock()) {
        from = Math.min(from, i);
        to = i + 1;
      }
    }
    this.lockedFrom = from;
    this.lockedTo = to;
  }

  public List<String> names() {
    return links.stream().map(Link::name).toList();
  }

  /**
   * The names of the links from the first to the last that {@linkplain PacketHandler#needsLeaseLock
   * needs the lease lock}: the part of the chain that runs holding it ({@link #runLocked}); empty
   * when none does.
   */
  public List<String> lockedNames() {
    return names().subList(lockedFrom, lockedTo);
  }

  /**
   * Runs {@code query} through the handlers. A reply that reaches the end is sent when some handler
   * gave it a message type; otherwise nothing is sent. The three parts in a row ({@link #start},
   * {@link #runBefore}, {@link #runLocked}, {@link #runAfter}), for a caller that holds the lease
   * lock throughout or needs none.
   */
  public Result run(DhcpPacket query, PacketContext context) {
    Progress p = start(query, context);
    runBefore(p);
    runLocked(p);
    return runAfter(p);
  }

  /**
   * A query on its way through the chain: the reply built so far and where it stands. A verdict
   * that ends the query (drop, respond) skips every later link, whatever part it is in. Confined to
   * the thread that runs the query, as its {@link PacketContext}.
   */
  public static final class Progress {
    private final DhcpPacket query;
    private final PacketContext context;
    private DhcpPacket reply;
    private int next;
    private Silent dropped;
    private boolean responded;

    private Progress(DhcpPacket query, PacketContext context) {
      this.query = query;
      this.context = context;
      this.reply = Replies.start(query);
    }

    public DhcpPacket query() {
      return query;
    }

    /** Whether a handler dropped the query or answered it at once: no later link runs. */
    public boolean ended() {
      return dropped != null || responded;
    }
  }

  /** A query before its first link. */
  public Progress start(DhcpPacket query, PacketContext context) {
    return new Progress(query, context);
  }

  /**
   * The leading links that do not need the lease lock (all of them when none does): run without it,
   * before the caller takes it.
   */
  public void runBefore(Progress p) {
    runTo(p, lockedFrom);
  }

  /**
   * The links from the first to the last that need the lease lock (and those between them): the
   * caller holds it.
   */
  public void runLocked(Progress p) {
    runTo(p, lockedTo);
  }

  /**
   * The trailing links that do not need the lease lock, then the result: the caller may have
   * released it. Option 82 is put last here, once every handler had its turn.
   */
  public Result runAfter(Progress p) {
    runTo(p, links.size());
    if (p.dropped != null) {
      return p.dropped;
    }
    if (p.responded) {
      return new Send(relayInfoLast(p.reply));
    }
    Optional<?> type = p.reply.messageType();
    return type.isPresent()
        ? new Send(relayInfoLast(p.reply))
        : new Silent("chain", "no handler answered");
  }

  private void runTo(Progress p, int end) {
    while (p.next < end && !p.ended()) { // indexed: C1 would allocate an iterator per query
      Link link = links.get(p.next++);
      Verdict v = link.handler().handle(p.query, p.reply, p.context);
      if (v instanceof Verdict.Drop d) {
        p.dropped = new Silent(link.name(), d.reason());
      } else if (v instanceof Verdict.Respond r) {
        p.reply = r.reply();
        p.responded = true;
      } else {
        p.reply = ((Verdict.Continue) v).reply();
      }
    }
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
