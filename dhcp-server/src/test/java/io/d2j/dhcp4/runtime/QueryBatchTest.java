package io.d2j.dhcp4.runtime;

import static io.d2j.dhcp4.alloc.Fixtures.NOW;
import static io.d2j.dhcp4.alloc.Fixtures.SERVER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.alloc.Fixtures;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.lease.FlakySync;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseEvents;
import io.d2j.dhcp4.lease.LeaseStoreException;
import io.d2j.dhcp4.lease.MemfileLeaseStore;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpMessageType;
import io.d2j.dhcp4.packet.DhcpPacket;
import io.d2j.keacontrol.stats.Statistics;
import io.d2j.ncr.IpAddresses;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit as the packet thread runs it, without sockets: lease events (the NCRs, later HA
 * lease updates) fire only once the batch's lease changes are durable, and a failed sync sends
 * neither the ACK nor the event (ARCHITECTURE.md: "lease events fire only once the lease is
 * durable").
 */
class QueryBatchTest {

  private final Dhcp4Config config = Fixtures.config();
  private final Statistics stats = new Statistics(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  /** What happened, in order: "sync", "sync failed", "allocated 10.0.0.10", ... */
  private final List<String> journal = new ArrayList<>();

  private final LeaseEvents recorder =
      new LeaseEvents() {
        @Override
        public void onAllocated(Lease4 lease) {
          journal.add("allocated " + IpAddresses.format(lease.address()));
        }

        @Override
        public void onRenewed(Lease4 previous, Lease4 renewed) {
          journal.add("renewed " + IpAddresses.format(renewed.address()));
        }

        @Override
        public void onReleased(Lease4 lease) {
          journal.add("released " + IpAddresses.format(lease.address()));
        }
      };

  @Test
  void requestInABatch_leaseEventFiresAfterTheSync() {
    SyncRecordingStore store = new SyncRecordingStore(false);
    QueryBatch<String> batch = QueryBatch.assemble(config, store, recorder, stats);

    batch.begin();
    batch.add(request('a', "10.0.0.10"), "a", "client a", context());
    batch.add(request('b', "10.0.0.12"), "b", "client b", context());
    // The chain has stored both leases but nothing is durable yet: no event may have left.
    assertThat(store.get(Fixtures.ip("10.0.0.10"))).isPresent();
    assertThat(journal).isEmpty();
    List<QueryBatch.Answer<String>> answers = batch.commit();

    assertThat(journal).containsExactly("sync", "allocated 10.0.0.10", "allocated 10.0.0.12");
    assertThat(answers)
        .extracting(a -> a.origin() + " " + a.reply().messageType().orElseThrow())
        .containsExactly("a ACK", "b ACK");
  }

  @Test
  void serviceOffAfterTheQueryWasReceived_itIsDroppedUnderTheLeaseLock_noLeaseNoReply() {
    SyncRecordingStore store = new SyncRecordingStore(false);
    QueryBatch<String> batch = QueryBatch.assemble(config, store, recorder, stats);
    AtomicBoolean serving = new AtomicBoolean(true);
    batch.serving(serving::get);
    // Received while the service was on (the receiving thread let it through to the queue), then
    // dhcp-disable (an HA partner about to read this server's leases for its sync) before a packet
    // thread takes it: a lease granted now would be missed by that sync.
    QueryBatch.Query<String> queued = query('a', "10.0.0.10");
    serving.set(false);

    assertThat(batch.process(List.of(queued))).isEmpty();
    assertThat(store.get(Fixtures.ip("10.0.0.10"))).isEmpty();
    assertThat(journal).noneMatch(line -> line.startsWith("allocated"));
    assertThat(stats.value("pkt4-receive-drop")).isEqualTo(1);

    serving.set(true);
    assertThat(batch.process(List.of(query('b', "10.0.0.12")))).hasSize(1);
    assertThat(journal).contains("allocated 10.0.0.12");
  }

  @Test
  void syncFails_neitherTheAckNorTheLeaseEventLeaves() {
    SyncRecordingStore store = new SyncRecordingStore(true);
    QueryBatch<String> batch = QueryBatch.assemble(config, store, recorder, stats);

    batch.begin();
    batch.add(request('a', "10.0.0.10"), "a", "client a", context());
    List<QueryBatch.Answer<String>> answers = batch.commit();

    assertThat(answers).isEmpty();
    assertThat(journal).containsExactly("sync failed");
    assertThat(stats.value("pkt4-receive-drop")).isEqualTo(1);

    // The next batch syncs: its own event fires, the dropped one does not come back.
    store.failSync = false;
    batch.begin();
    batch.add(request('b', "10.0.0.12"), "b", "client b", context());
    assertThat(batch.commit()).hasSize(1);
    assertThat(journal).containsExactly("sync failed", "sync", "allocated 10.0.0.12");
  }

  @Test
  void syncFails_theStoreForgetsTheLease_soTheClientsRetryIsANewAllocationWithItsEvent(
      @TempDir Path dir) {
    FlakySync disk = new FlakySync();
    try (MemfileLeaseStore store = disk.open(dir.resolve("leases4.csv"), Clock.systemUTC())) {
      QueryBatch<String> batch = QueryBatch.assemble(config, store, recorder, stats);
      disk.failing(true);
      assertThat(batch.process(List.of(query('a', "10.0.0.10")))).isEmpty();
      // No one was told of 10.0.0.10: neither the store nor its file keeps it.
      assertThat(store.get(Fixtures.ip("10.0.0.10"))).isEmpty();
      assertThat(store.all()).isEmpty();

      // The client asks again once the disk is back: a new lease, so its NCR is sent now, rather
      // than a "renewal" of a lease it never had, which sends no NCR when the name is unchanged.
      disk.failing(false);
      assertThat(batch.process(List.of(query('a', "10.0.0.10"))))
          .extracting(a -> a.reply().messageType().orElseThrow())
          .containsExactly(DhcpMessageType.ACK);
      assertThat(journal).containsExactly("allocated 10.0.0.10");
    }
  }

  @Test
  void undecodableDatagram_costsOnlyItself() {
    QueryBatch<String> batch =
        QueryBatch.assemble(config, new SyncRecordingStore(false), recorder, stats);

    batch.begin();
    batch.add(new byte[] {1, 2, 3}, "x", "junk", context());
    batch.add(request('a', "10.0.0.10"), "a", "client a", context());

    assertThat(batch.commit()).extracting(QueryBatch.Answer::origin).containsExactly("a");
    assertThat(stats.value("pkt4-parse-failed")).isEqualTo(1);
    assertThat(stats.value("pkt4-received")).isEqualTo(2);
  }

  private static QueryBatch.Query<String> query(char client, String address) {
    return new QueryBatch.Query<>(
        request(client, address), String.valueOf(client), "client " + client, context());
  }

  private static PacketContext context() {
    return new PacketContext(NOW, SERVER_ID, List.of());
  }

  /** A relayed DHCPREQUEST in SELECTING state for {@code address}: an ACK and a new lease. */
  private static byte[] request(char client, String address) {
    DhcpPacket q =
        Fixtures.query(
            DhcpMessageType.REQUEST,
            client,
            "gi=192.0.2.1 sid=" + IpAddresses.format(SERVER_ID) + " req=" + address);
    return DhcpCodec.encode(q, 576);
  }

  /** An in-memory store whose deferred sync is journaled, and fails on demand. */
  private final class SyncRecordingStore extends ForwardingLeaseStore {
    boolean failSync;

    SyncRecordingStore(boolean failSync) {
      this.failSync = failSync;
    }

    @Override
    public void commitDeferred() {
      if (failSync) {
        journal.add("sync failed");
        throw new LeaseStoreException("leases4.csv: cannot sync: No space left on device");
      }
      journal.add("sync");
    }
  }
}
