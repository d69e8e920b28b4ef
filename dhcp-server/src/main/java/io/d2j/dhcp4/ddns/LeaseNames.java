package io.d2j.dhcp4.ddns;

import java.util.Objects;

/**
 * What a lease records for DNS (spec §3.3): the name (option-81 names keep their trailing dot,
 * option-12 names have none, as in Kea's lease file) and which updates the server makes.
 *
 * @param hostname the name, lower-case, or empty
 * @param fwd whether the server updates the A record
 * @param rev whether the server updates the PTR record
 */
public record LeaseNames(String hostname, boolean fwd, boolean rev) {

  /** No name, no updates. */
  public static final LeaseNames NONE = new LeaseNames("", false, false);

  public LeaseNames {
    Objects.requireNonNull(hostname, "hostname");
  }
}
