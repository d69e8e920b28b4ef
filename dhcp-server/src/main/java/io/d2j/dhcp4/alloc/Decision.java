package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.config.Reservation;
import io.d2j.dhcp4.config.Subnet4;
import io.d2j.dhcp4.lease.Lease4;
import java.util.Objects;
import java.util.Optional;

/** What the server answers to one query, and the lease change that goes with it. */
public sealed interface Decision
    permits Decision.Offer,
        Decision.Ack,
        Decision.InformAck,
        Decision.Nak,
        Decision.NoAddress,
        Decision.Silent {

  /** DHCPOFFER of {@code lease} (not stored: RFC 2131 §4.3.1 only reserves it). */
  record Offer(Subnet4 subnet, Lease4 lease, Optional<Reservation> reservation)
      implements Decision {
    public Offer {
      Objects.requireNonNull(subnet, "subnet");
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(reservation, "reservation");
    }
  }

  /** DHCPACK of {@code lease}, after {@code change} is stored. */
  record Ack(Subnet4 subnet, Lease4 lease, Optional<Reservation> reservation, LeaseChange change)
      implements Decision {
    public Ack {
      Objects.requireNonNull(subnet, "subnet");
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(reservation, "reservation");
      Objects.requireNonNull(change, "change");
    }
  }

  /** DHCPACK to a DHCPINFORM: configuration only, no lease (RFC 2131 §4.3.5). */
  record InformAck(Subnet4 subnet, Optional<Reservation> reservation) implements Decision {
    public InformAck {
      Objects.requireNonNull(subnet, "subnet");
      Objects.requireNonNull(reservation, "reservation");
    }
  }

  /** DHCPNAK, with the reason for the log and option 56. */
  record Nak(String reason) implements Decision {
    public Nak {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * No reply to a DISCOVER: no address in {@code subnet} (or its shared network) is free for this
   * client, the starvation case Kea counts in {@code v4-allocation-fail*}.
   *
   * @param subnet the subnet selected for the query
   * @param noPools no pool there admits the client's classes at all (Kea's {@code
   *     v4-allocation-fail-no-pools}), as opposed to every admitting pool being taken
   */
  record NoAddress(Subnet4 subnet, boolean noPools) implements Decision {
    public NoAddress {
      Objects.requireNonNull(subnet, "subnet");
    }

    /** The reason, as a {@link Silent} decision would give it. */
    public String reason() {
      return (noPools
              ? "no pool admits the client's classes in subnet "
              : "no address available in subnet ")
          + subnet.prefix()
          + subnet.sharedNetwork().map(n -> " (shared network " + n + ")").orElse("");
    }
  }

  /** No reply (RELEASE, DECLINE, a query for another server, nothing to offer). */
  record Silent(String reason, LeaseChange change) implements Decision {
    public Silent {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(change, "change");
    }

    public static Silent because(String reason) {
      return new Silent(reason, LeaseChange.NONE);
    }
  }
}
