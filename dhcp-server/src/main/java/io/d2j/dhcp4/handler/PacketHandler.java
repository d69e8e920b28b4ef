package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.packet.DhcpPacket;

/**
 * One link of the chain (CoreDHCP's contract, STYLE.md #9): the query, the reply built so far and
 * the per-query context in; a {@link Verdict} out. Handlers run on a packet thread, one query at a
 * time per thread, and do no network I/O.
 *
 * <p>With {@code multi-threading} several packet threads run the chain at once, and the lease
 * store's monitor (the lease lock) is held over only part of it: from the first handler that
 * {@linkplain #needsLeaseLock needs the lock} to the last one that does ({@link HandlerChain}). The
 * handlers before that part run before the packet thread takes the lock, those after it once it
 * released the lock, while other threads run the locked part of their own queries. So:
 *
 * <ul>
 *   <li>a handler that reads or writes the {@link io.d2j.dhcp4.lease.LeaseStore}, fires {@link
 *       io.d2j.dhcp4.lease.LeaseEvents}, or keeps mutable state shared between queries that is not
 *       thread-safe, must say {@link #needsLeaseLock} true: that is the default, so a plugin that
 *       says nothing runs as before, under the lock (and keeps every handler between it and the
 *       built-in {@code allocation} under it too);
 *   <li>a handler that reads only its configuration, the query, the reply and the query's {@link
 *       PacketContext} (confined to the query's thread), and counts statistics or logs, may say
 *       false, and then runs on several threads at once, without the lock.
 * </ul>
 */
@FunctionalInterface
public interface PacketHandler {

  /** A handler that changes nothing (a plugin its configuration switched off); needs no lock. */
  PacketHandler PASS =
      new PacketHandler() {
        @Override
        public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context) {
          return Verdict.next(reply);
        }

        @Override
        public boolean needsLeaseLock() {
          return false;
        }
      };

  Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context);

  /**
   * Whether this handler must run holding the lease store's monitor (see the class comment): true
   * unless it touches neither the lease store, nor its events, nor any shared mutable state that is
   * not thread-safe. Asked once, when the chain is assembled: the answer must not change.
   */
  default boolean needsLeaseLock() {
    return true;
  }
}
