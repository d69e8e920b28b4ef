package io.d2j.dhcp4.lease;

import static io.d2j.dhcp4.lease.Leases.CLTT;
import static io.d2j.dhcp4.lease.Leases.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link LeaseTable} against a plain model (a sorted map of {@link Lease4}) over random adds,
 * replacements and removals: every lookup agrees after each step, through slot reuse, index growth
 * and shrinking, hash collisions of shared hardware addresses and client ids, and arena compaction.
 */
class LeaseTableTest {
  private static final Comparator<Inet4Address> UNSIGNED =
      Comparator.comparingLong(a -> Integer.toUnsignedLong(LeaseTable.toInt(a)));

  @Test
  void randomChanges_agreeWithAModel_atEveryStep() {
    Random random = new Random(11);
    LeaseTable table = new LeaseTable();
    TreeMap<Inet4Address, Lease4> model = new TreeMap<>(UNSIGNED);
    for (int step = 0; step < 6_000; step++) {
      // 600 addresses at both ends of the unsigned range, 40 MACs and 40 client ids: chains form.
      int n = random.nextInt(600);
      Inet4Address a =
          n < 300 ? ip("10.0." + (n / 256) + "." + (n % 256)) : ip("250.1.1." + (n - 300) % 256);
      if (random.nextInt(4) == 0) {
        assertThat(table.remove(a)).isEqualTo(model.remove(a) != null);
      } else {
        Lease4 lease = randomLease(random, a);
        table.put(lease);
        model.put(a, lease);
      }
      if (step % 151 == 0 || step > 5_980) {
        assertAgrees(table, model, random);
      }
    }
    assertAgrees(table, model, random);
    for (Inet4Address a : new ArrayList<>(model.keySet())) {
      assertThat(table.remove(a)).isTrue();
    }
    assertThat(table.size()).isZero();
    assertThat(table.all()).isEmpty();
  }

  /**
   * Keys whose hashes collide ({@code {k, 0, 31}} and {@code {k, 1, 0}} hash alike), renewals that
   * keep or change them, and enough slots that the indexes are re-encoded several times as the slot
   * numbers need more bits: every lookup still agrees with the model.
   */
  @Test
  void collidingKeys_renewals_andSlotGrowth_agreeWithAModel() {
    Random random = new Random(5);
    LeaseTable table = new LeaseTable();
    TreeMap<Inet4Address, Lease4> model = new TreeMap<>(UNSIGNED);
    List<Octets> keys = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      keys.add(Octets.of(new byte[] {(byte) k, 0, 31}));
      keys.add(Octets.of(new byte[] {(byte) k, 1, 0}));
    }
    for (int step = 0; step < 20_000; step++) {
      int n = random.nextInt(3_000);
      Inet4Address a = ip("10.1." + (n / 256) + "." + (n % 256));
      int r = random.nextInt(10);
      if (r == 0) {
        assertThat(table.remove(a)).isEqualTo(model.remove(a) != null);
        continue;
      }
      Lease4 old = model.get(a);
      Lease4 lease =
          old != null && r < 6
              ? old.renewed(CLTT + step, 100 + random.nextInt(100)) // same keys
              : new Lease4(
                  a,
                  keys.get(random.nextInt(keys.size())),
                  random.nextBoolean() ? Octets.EMPTY : keys.get(random.nextInt(keys.size())),
                  3600,
                  CLTT + step,
                  1,
                  false,
                  false,
                  "",
                  LeaseState.DEFAULT,
                  "");
      table.put(lease);
      model.put(a, lease);
      if (step % 2_503 == 0) {
        assertCollidingKeysAgree(table, model, keys);
      }
    }
    assertCollidingKeysAgree(table, model, keys);
    for (Inet4Address a : new ArrayList<>(model.keySet())) {
      assertThat(table.remove(a)).isTrue();
      model.remove(a);
      if (model.size() % 499 == 0) {
        assertCollidingKeysAgree(table, model, keys);
      }
    }
    assertThat(table.size()).isZero();
  }

  private static void assertCollidingKeysAgree(
      LeaseTable table, TreeMap<Inet4Address, Lease4> model, List<Octets> keys) {
    assertThat(table.size()).isEqualTo(model.size());
    for (Map.Entry<Inet4Address, Lease4> e : model.entrySet()) {
      assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
    }
    for (Octets key : keys) {
      assertThat(table.byHwAddress(key))
          .containsExactlyElementsOf(
              model.values().stream().filter(l -> l.hwaddr().equals(key)).toList());
      assertThat(table.byClientId(key))
          .containsExactlyElementsOf(
              model.values().stream().filter(l -> l.clientId().equals(key)).toList());
    }
    assertThat(table.byHwAddress(Octets.of(new byte[] {0, 0, 0}))).isEmpty();
  }

  private static Lease4 randomLease(Random random, Inet4Address a) {
    boolean declined = random.nextInt(20) == 0;
    Octets hw =
        declined && random.nextBoolean()
            ? Octets.EMPTY
            : Octets.of(new byte[] {2, 0, 0, 0, 0, (byte) random.nextInt(40)});
    Octets cid =
        random.nextBoolean() || (declined && hw.isEmpty())
            ? Octets.EMPTY
            : Octets.of(new byte[] {1, 7, (byte) random.nextInt(40)});
    if (hw.isEmpty() && cid.isEmpty() && !declined) {
      hw = Octets.of(new byte[] {2, 1});
    }
    String host = random.nextInt(3) == 0 ? "" : "h" + "x".repeat(random.nextInt(200)) + ".ex.org";
    String context = random.nextInt(10) == 0 ? "{\"k\":\"é" + random.nextInt(1000) + "\"}" : "";
    LeaseState state =
        declined
            ? LeaseState.DECLINED
            : random.nextInt(5) == 0 ? LeaseState.EXPIRED_RECLAIMED : LeaseState.DEFAULT;
    return new Lease4(
        a,
        hw,
        cid,
        1 + random.nextInt(5000) + (random.nextInt(50) == 0 ? 0xFFFF_0000L : 0),
        CLTT + random.nextInt(5000),
        random.nextInt(50) == 0 ? 0xFFFF_FFFFL : random.nextInt(4),
        random.nextBoolean(),
        random.nextBoolean(),
        host,
        state,
        context);
  }

  private static void assertAgrees(
      LeaseTable table, TreeMap<Inet4Address, Lease4> model, Random random) {
    assertThat(table.size()).isEqualTo(model.size());
    assertThat(table.all()).containsExactlyElementsOf(model.values());
    for (Map.Entry<Inet4Address, Lease4> e : model.entrySet()) {
      assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
    }
    for (int k = 0; k < 40; k++) {
      Octets hw = Octets.of(new byte[] {2, 0, 0, 0, 0, (byte) k});
      Octets cid = Octets.of(new byte[] {1, 7, (byte) k});
      assertThat(table.byHwAddress(hw))
          .containsExactlyElementsOf(
              model.values().stream().filter(l -> l.hwaddr().equals(hw)).toList());
      assertThat(table.byClientId(cid))
          .containsExactlyElementsOf(
              model.values().stream().filter(l -> l.clientId().equals(cid)).toList());
    }
    assertThat(table.byHwAddress(Octets.EMPTY)).isEmpty();
    assertThat(table.byClientId(Octets.EMPTY)).isEmpty();
    long before = CLTT + random.nextInt(12_000);
    int limit = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(50);
    List<Lease4> due =
        model.values().stream()
            .filter(l -> l.state() != LeaseState.EXPIRED_RECLAIMED && l.expire() < before)
            .sorted(
                Comparator.comparingLong(Lease4::expire).thenComparing(Lease4::address, UNSIGNED))
            .limit(limit == 0 ? Long.MAX_VALUE : limit)
            .toList();
    assertThat(table.expired(before, limit)).containsExactlyElementsOf(due);
  }

  @Test
  void aLeaseComesBackFieldForField_atTheEdgesOfItsFields() {
    LeaseTable table = new LeaseTable();
    Lease4 wide =
        new Lease4(
            ip("255.255.255.255"),
            Octets.of(new byte[20]),
            Octets.of(new byte[128]),
            0xFFFF_FFFFL,
            Long.MAX_VALUE / 2,
            0xFFFF_FFFFL,
            true,
            false,
            "ä,&#x2c;" + "n".repeat(70_000),
            LeaseState.EXPIRED_RECLAIMED,
            "{\"a\":[1,2,{\"b\":\"\\u00e9\"}]}");
    Lease4 declined =
        new Lease4(
            ip("0.0.0.0"),
            Octets.EMPTY,
            Octets.EMPTY,
            1,
            0,
            0,
            false,
            true,
            "",
            LeaseState.DECLINED,
            "");
    table.put(wide);
    table.put(declined);
    assertThat(table.get(wide.address())).isEqualTo(wide);
    assertThat(table.get(declined.address())).isEqualTo(declined);
    assertThat(table.all()).containsExactly(declined, wide);
    assertThat(table.get(ip("10.0.0.1"))).isNull();
  }

  @Test
  void manyRenewals_keepTheArenaBounded() {
    LeaseTable table = new LeaseTable();
    Lease4 lease = Leases.lease(5).withDns("a-rather-long-host-name.example.org", true, true);
    for (int i = 0; i < 50_000; i++) {
      table.put(lease.renewed(CLTT + i, 3600));
    }
    assertThat(table.size()).isEqualTo(1);
    assertThat(table.get(lease.address())).isEqualTo(lease.renewed(CLTT + 49_999, 3600));
    assertThat(table.arenaCapacity()).isLessThan(4096);
  }
}
