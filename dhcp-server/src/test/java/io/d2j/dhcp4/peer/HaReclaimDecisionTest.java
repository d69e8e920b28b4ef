package io.d2j.dhcp4.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.alloc.ReclaimPolicy.Action;
import io.d2j.dhcp4.ha.HaConfig;
import io.d2j.dhcp4.ha.HaConfigParser;
import io.d2j.dhcp4.ha.QueryScopes;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.keaconfig.KeaConfigReader;
import io.d2j.keacontrol.files.PathGuard;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which server of an HA pair removes an expired lease's name (spec §3.4 #3, §6.12): the one serving
 * the lease's scope now; the other reclaims it silently once the partner, answering and serving
 * that scope, has had a minute to; when no server is known to serve it, nobody reclaims it yet.
 * Owners from spec §6.6's vectors: client-id {@code 01aabbccddeeff} is server1's, hardware address
 * {@code aabbccddeeff} without a client-id server2's.
 */
class HaReclaimDecisionTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  private static HaConfig config(String mode, String me, String role2) {
    String rel =
        "{\"this-server-name\": \""
            + me
            + "\", \"mode\": \""
            + mode
            + "\", \"peers\": [{\"name\": \"server1\", \"url\": \"http://127.0.0.1:8001/\","
            + " \"role\": \"primary\"}, {\"name\": \"server2\", \"url\":"
            + " \"http://127.0.0.1:8002/\", \"role\": \""
            + role2
            + "\"}, {\"name\": \"server3\", \"url\": \"http://127.0.0.1:8003/\", \"role\":"
            + " \"backup\"}]}";
    return new HaConfigParser(new ArrayList<>(), PathGuard.TRUSTED, Path.of("/tmp"))
        .parse(KeaConfigReader.parse("{\"high-availability\": [" + rel + "]}", "ha.json"));
  }

  private static Set<String> names(String list) {
    return list.equals("-")
        ? Set.of()
        : Arrays.stream(list.split("\\+")).collect(Collectors.toUnmodifiableSet());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          own scope, load-balancing         | LB | server1 | cid  | server1         | server2         | 0    | RECLAIM_AND_REMOVE
          partner's scope, fresh            | LB | server1 | hw   | server1         | server2         | 59   | LATER
          partner's scope, a minute old     | LB | server1 | hw   | server1         | server2         | 60   | RECLAIM_SILENTLY
          partner's scope, partner silent   | LB | server1 | hw   | server1         | -               | 3600 | LATER
          partner's scope, partner-down     | LB | server1 | hw   | server1+server2 | -               | 0    | RECLAIM_AND_REMOVE
          own scope, waiting, partner-down  | LB | server1 | cid  | -               | server1+server2 | 60   | RECLAIM_SILENTLY
          own scope, waiting, fresh         | LB | server1 | cid  | -               | server1+server2 | 10   | LATER
          own scope, both waiting           | LB | server1 | cid  | -               | -               | 3600 | LATER
          declined (no client), serving     | LB | server1 | none | server1         | server2         | 0    | RECLAIM_AND_REMOVE
          declined (no client), serving none| LB | server1 | none | -               | server2         | 3600 | LATER
          hot-standby primary               | HS | server1 | hw   | server1         | -               | 0    | RECLAIM_AND_REMOVE
          hot-standby standby               | HS | server2 | hw   | -               | server1         | 60   | RECLAIM_SILENTLY
          hot-standby standby, fresh        | HS | server2 | cid  | -               | server1         | 5    | LATER
          hot-standby standby, partner-down | HS | server2 | cid  | server1+server2 | -               | 0    | RECLAIM_AND_REMOVE
          backup, a minute old              | LB | server3 | cid  | -               | -               | 60   | RECLAIM_SILENTLY
          backup, fresh                     | LB | server3 | hw   | -               | -               | 30   | LATER
          """)
  void decision(
      String name,
      String mode,
      String me,
      String client,
      String serving,
      String partnerServes,
      long expiredFor,
      Action expected) {
    HaConfig config =
        config(
            mode.equals("LB") ? "load-balancing" : "hot-standby",
            me,
            mode.equals("LB") ? "secondary" : "standby");
    Octets cid = client.equals("cid") ? Octets.parseColonHex("01:aa:bb:cc:dd:ee:ff") : Octets.EMPTY;
    Octets hw = client.equals("none") ? Octets.EMPTY : Octets.parseColonHex("aa:bb:cc:dd:ee:ff");
    long validLifetime = 3600;
    Lease4 lease =
        Lease4.assigned(
            (Inet4Address) IpAddresses.parse("10.0.0.10"),
            client.equals("none") ? Octets.parseColonHex("aa:bb:cc:dd:ee:ff") : hw,
            cid,
            validLifetime,
            NOW.getEpochSecond() - expiredFor - validLifetime,
            1);
    if (client.equals("none")) {
      // A declined lease has no client: Kea clears both identifiers.
      lease =
          new Lease4(
              lease.address(),
              Octets.EMPTY,
              Octets.EMPTY,
              lease.validLifetime(),
              lease.cltt(),
              1,
              false,
              false,
              "",
              io.d2j.dhcp4.lease.LeaseState.DECLINED,
              "");
    }
    assertThat(
            HaShell.reclaimDecision(
                new QueryScopes(config),
                names(serving),
                names(partnerServes),
                me.equals("server3"),
                lease,
                NOW))
        .isEqualTo(expected);
  }
}
