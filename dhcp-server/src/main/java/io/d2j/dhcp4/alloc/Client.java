package io.d2j.dhcp4.alloc;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.lease.Lease4;
import java.util.Objects;

/**
 * Who is asking: the hardware address and the option-61 client identifier (empty when absent).
 *
 * @param hwaddr chaddr's first hlen octets
 * @param clientId the whole option-61 payload, or empty
 */
public record Client(Octets hwaddr, Octets clientId) {

  public Client {
    Objects.requireNonNull(hwaddr, "hwaddr");
    Objects.requireNonNull(clientId, "clientId");
  }

  /**
   * Whether {@code lease} is this client's: by client id when both sides have one, else by hardware
   * address (Kea's rule with {@code match-client-id} true, RFC 2131 §4.2).
   */
  public boolean owns(Lease4 lease) {
    if (!clientId.isEmpty() && !lease.clientId().isEmpty()) {
      return clientId.equals(lease.clientId());
    }
    return !hwaddr.isEmpty() && hwaddr.equals(lease.hwaddr());
  }
}
