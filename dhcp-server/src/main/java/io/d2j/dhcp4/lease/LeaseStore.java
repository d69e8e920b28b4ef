package io.d2j.dhcp4.lease;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where leases live. One lease per address. The allocator decides what to store; a store only
 * stores, indexes and (for persistent stores) makes each change durable before it returns, so a
 * reply is never sent for a lease that a crash would lose. Every method is a query or a
 * single-lease change, so a SQL store ({@link PgLeaseStore}) maps each to one statement.
 *
 * <p>Implementations are safe to call from several threads unless they say otherwise.
 */
public interface LeaseStore extends AutoCloseable {

  /**
   * Stores a new lease.
   *
   * @return false, storing nothing, when the address already has a lease
   * @throws LeaseStoreException when the change could not be made durable
   */
  boolean add(Lease4 lease);

  /**
   * Replaces the lease for {@code lease.address()}.
   *
   * @return false, storing nothing, when the address has no lease
   * @throws LeaseStoreException when the change could not be made durable
   */
  boolean update(Lease4 lease);

  /**
   * Removes the lease of {@code address}.
   *
   * @return false when there was none
   * @throws LeaseStoreException when the change could not be made durable
   */
  boolean delete(Inet4Address address);

  /** The lease of {@code address}. */
  Optional<Lease4> get(Inet4Address address);

  /** Leases whose hardware address is {@code hwaddr}, in ascending address order. */
  List<Lease4> getByHwAddress(Octets hwaddr);

  /** Leases whose client id is {@code clientId}, in ascending address order. */
  List<Lease4> getByClientId(Octets clientId);

  /** Every lease, in ascending address order. */
  List<Lease4> all();

  /**
   * Calls {@code action} with every lease, in ascending address order, without holding them all at
   * once where the store can (the in-memory stores build one {@link Lease4} at a time). {@code
   * action} must not change the store.
   */
  default void forEach(Consumer<Lease4> action) {
    all().forEach(action);
  }

  /**
   * Leases due for reclamation: not yet {@link LeaseState#EXPIRED_RECLAIMED} and expired before
   * {@code before}, oldest expiry first, at most {@code limit} of them (0 means no limit, as Kea's
   * {@code max-reclaim-leases}).
   */
  List<Lease4> expired(Instant before, int limit);

  /**
   * At most {@code limit} leases with addresses above {@code after} (all addresses when empty), in
   * ascending address order: one page of {@code lease4-get-page}. The default walks {@link
   * #forEach}; a SQL store asks for the page alone.
   */
  default List<Lease4> page(Optional<Inet4Address> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " is below 1");
    }
    long from = after.map(LeaseStore::unsigned).orElse(-1L);
    List<Lease4> page = new java.util.ArrayList<>();
    forEach(
        l -> {
          if (page.size() < limit && unsigned(l.address()) > from) {
            page.add(l);
          }
        });
    return page;
  }

  /**
   * Deletes the {@link LeaseState#EXPIRED_RECLAIMED} leases that expired before {@code
   * expiredBefore} (Kea's flush of reclaimed leases past {@code hold-reclaimed-time}); returns how
   * many. The default deletes them one by one; a SQL store uses one statement.
   */
  default int deleteReclaimed(Instant expiredBefore) {
    long cutoff = expiredBefore.getEpochSecond();
    List<Inet4Address> due = new java.util.ArrayList<>();
    forEach(
        lease -> {
          if (lease.state() == LeaseState.EXPIRED_RECLAIMED && lease.expire() < cutoff) {
            due.add(lease.address());
          }
        });
    int n = 0;
    for (Inet4Address address : due) {
      if (delete(address)) {
        n++;
      }
    }
    return n;
  }

  private static long unsigned(Inet4Address a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  /** The number of leases. */
  int size();

  /**
   * Group commit, for the packet thread: until {@link #commitDeferred()}, changes made by the
   * calling thread are written but need not be durable yet, so that one sync covers a whole batch
   * of queries. The caller sends no reply for the batch before {@code commitDeferred} returns, so
   * no reply is ever sent for a lease a crash would lose. Stores that sync nothing do nothing.
   */
  default void deferSyncs() {}

  /**
   * Makes every change deferred since {@link #deferSyncs()} durable and ends the deferral. When
   * that fails the store takes the deferred changes back before it throws, so that what it holds
   * agrees with what it would load after a restart: a lease no one was told of must not stay (the
   * client's retry would look like a renewal of it, and get no DNS update).
   *
   * @throws LeaseStoreException when they could not be made durable (and were taken back)
   */
  default void commitDeferred() {}

  /**
   * Ends the deferral without waiting for the sync: the changes are written, and {@link
   * Pending#awaitDurable()}, called without holding this store's monitor, makes them durable, so
   * that another thread can run its batch while this one's sync is on its way (multi-threading).
   * Stores without such a pipeline make them durable here ({@link #commitDeferred()}) and return a
   * pending that is already done.
   *
   * @throws LeaseStoreException as {@link #commitDeferred()}
   */
  default Pending prepareDeferred() {
    commitDeferred();
    return Pending.DONE;
  }

  /** A deferral whose changes are written but perhaps not durable yet. */
  @FunctionalInterface
  interface Pending {
    Pending DONE = () -> {};

    /**
     * Returns once the deferral's changes are durable. When they cannot be made durable they are
     * taken back (with every change made after them that is not durable either) and this throws.
     *
     * @throws LeaseStoreException when they were taken back
     */
    void awaitDurable();
  }

  /** Releases files or connections; further calls fail. */
  @Override
  void close();
}
