package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.LeaseChecks;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseStore;
import io.d2j.dhcp4.log.Dhcp4Log;
import io.d2j.ncr.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sanity-checks.lease-checks} on the leases loaded at start: a lease whose subnet id names
 * no subnet holding its address (the configuration changed since it was written) is kept and
 * reported ({@code warn}, Kea's default), moved to the subnet its address now lies in ({@code fix};
 * kept as it is when there is none), moved or deleted ({@code fix-del}), or deleted ({@code del});
 * {@code none} checks nothing. Reports carry Kea's ids.
 */
public final class LeaseSanity {

  private LeaseSanity() {}

  /** One lease the check reported: its line's id and what it says. */
  public record Finding(Dhcp4Log id, String text) {

    /** Logs the finding. */
    public void log() {
      id.log(text);
    }

    /** The line as logged: the id, then the text. */
    @Override
    public String toString() {
      return id.line(text);
    }
  }

  /** Checks (and per the setting fixes) every lease of {@code store}; returns what it found. */
  public static List<Finding> check(Dhcp4Config config, LeaseStore store) {
    List<Finding> report = new ArrayList<>();
    LeaseChecks mode = config.leaseChecks();
    if (mode == LeaseChecks.NONE) {
      return report;
    }
    for (Lease4 lease : List.copyOf(store.all())) {
      Optional<Subnet4> own = config.subnet(lease.subnetId());
      if (own.isPresent() && own.get().prefix().contains(lease.address())) {
        continue;
      }
      Optional<Subnet4> actual =
          config.subnets().stream().filter(s -> s.prefix().contains(lease.address())).findFirst();
      String what =
          "lease "
              + IpAddresses.format(lease.address())
              + " has subnet-id "
              + lease.subnetId()
              + (actual.isPresent()
                  ? ", but its address lies in subnet " + actual.get().id()
                  : ", and no subnet holds its address");
      switch (mode) {
        case WARN -> report.add(new Finding(Dhcp4Log.DHCPSRV_LEASE_SANITY_FAIL, what));
        case FIX, FIX_DEL -> {
          if (actual.isPresent()) {
            store.update(withSubnet(lease, actual.get().id()));
            report.add(new Finding(Dhcp4Log.DHCPSRV_LEASE_SANITY_FIXED, what + ": moved to it"));
          } else if (mode == LeaseChecks.FIX_DEL) {
            store.delete(lease.address());
            report.add(new Finding(Dhcp4Log.DHCPSRV_LEASE_SANITY_FAIL_DISCARD, what + ": deleted"));
          } else {
            report.add(new Finding(Dhcp4Log.DHCPSRV_LEASE_SANITY_FAIL, what + ": kept"));
          }
        }
        case DEL -> {
          store.delete(lease.address());
          report.add(new Finding(Dhcp4Log.DHCPSRV_LEASE_SANITY_FAIL_DISCARD, what + ": deleted"));
        }
        case NONE -> throw new IllegalStateException("checked above");
      }
    }
    return report;
  }

  private static Lease4 withSubnet(Lease4 l, long subnetId) {
    return new Lease4(
        l.address(),
        l.hwaddr(),
        l.clientId(),
        l.validLifetime(),
        l.cltt(),
        subnetId,
        l.fqdnFwd(),
        l.fqdnRev(),
        l.hostname(),
        l.state(),
        l.userContext());
  }
}
