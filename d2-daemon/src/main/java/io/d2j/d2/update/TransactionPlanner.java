package io.d2j.d2.update;

import io.d2j.d2.domain.DdnsDomain;
import io.d2j.d2.domain.DomainMatcher;
import io.d2j.d2.domain.ReverseNames;
import io.d2j.d2.log.D2Log;
import io.d2j.d2.stats.D2Stats;
import io.d2j.d2.transaction.Transaction;
import io.d2j.d2.transaction.TransactionPolicy;
import io.d2j.ncr.NameChangeRequest;
import java.util.Optional;

/**
 * Decides, as Kea's update manager does (d2-behaviour.md §6.4), which directions of an NCR run: a
 * requested direction with no domains configured at all is skipped; a requested direction whose
 * domains exist but none matches drops the whole NCR, so no half-update is made; nothing left to do
 * drops it too. Unlike Kea, every drop says which name was tried and which domains exist.
 */
public final class TransactionPlanner {

  private final DomainMatcher forward;
  private final DomainMatcher reverse;
  private final TransactionPolicy policy;

  public TransactionPlanner(
      DomainMatcher forward, DomainMatcher reverse, TransactionPolicy policy) {
    this.forward = forward;
    this.reverse = reverse;
    this.policy = policy;
  }

  public Plan plan(NameChangeRequest ncr) {
    Optional<DdnsDomain> fwd = Optional.empty();
    Optional<DdnsDomain> rev = Optional.empty();
    if (ncr.forward() && !forward.isEmpty()) {
      String name = ncr.fqdn().text();
      fwd = forward.match(name);
      if (fwd.isEmpty()) {
        return new Plan.Drop(
            D2Log.DHCP_DDNS_NO_FWD_MATCH_ERROR,
            D2Stats.NCR_DROPPED_NO_MATCH,
            "no forward domain matches " + name + "; configured: " + forward.candidates());
      }
    }
    if (ncr.reverse() && !reverse.isEmpty()) {
      String name = ReverseNames.of(ncr.address());
      rev = reverse.match(name);
      if (rev.isEmpty()) {
        return new Plan.Drop(
            D2Log.DHCP_DDNS_NO_REV_MATCH_ERROR,
            D2Stats.NCR_DROPPED_NO_MATCH,
            "no reverse domain matches " + name + "; configured: " + reverse.candidates());
      }
    }
    if (fwd.isEmpty() && rev.isEmpty()) {
      return new Plan.Drop(
          D2Log.DHCP_DDNS_REQUEST_DROPPED,
          D2Stats.NCR_DROPPED_NO_DIRECTION,
          "nothing to do: the requested direction(s) "
              + directions(ncr)
              + " have no ddns-domains configured");
    }
    return new Plan.Run(new Transaction(ncr, fwd, rev, policy));
  }

  private static String directions(NameChangeRequest ncr) {
    if (ncr.forward() && ncr.reverse()) {
      return "forward and reverse";
    }
    return ncr.forward() ? "forward" : "reverse";
  }
}
