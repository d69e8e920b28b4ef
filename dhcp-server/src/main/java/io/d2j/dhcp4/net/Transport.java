package io.d2j.dhcp4.net;

import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The server's sockets as the packet thread sees them: datagrams in with their ingress interface,
 * replies out by the right interface. {@link #receive} and {@link #send} are called by the packet
 * thread only; {@link #close} by any thread (it wakes a waiting receive).
 */
public interface Transport extends AutoCloseable {

  /**
   * Waits for at least one datagram, then adds it and whatever else is already queued, up to {@code
   * max} in all.
   *
   * @return false once closed
   */
  boolean receive(List<Inbound> into, int max);

  /** Sends one reply. */
  void send(Outbound reply) throws IOException;

  /**
   * Sends {@code replies} in order, as {@link #send} each (a transport may send several with one
   * system call), telling {@code done} of each: with null once it is sent, else with why not.
   */
  default void sendAll(List<Outbound> replies, BiConsumer<Outbound, Exception> done) {
    for (Outbound reply : replies) {
      try {
        send(reply);
        done.accept(reply, null);
      } catch (IOException | RuntimeException e) {
        done.accept(reply, e);
      }
    }
  }

  /** The UDP port served (the one bound, when 0 was asked for). */
  int port();

  /** A line for the start log: what is open. */
  String describe();

  @Override
  void close();
}
