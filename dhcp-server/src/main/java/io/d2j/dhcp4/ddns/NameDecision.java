package io.d2j.dhcp4.ddns;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.OptionCodes;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of name processing for one query in one subnet: which name the lease gets (or that it
 * is to be generated from the address, once allocation chose one), which DNS updates the server
 * makes, and which option the reply carries. Pure: {@link NamePolicy} makes these.
 */
public sealed interface NameDecision
    permits NameDecision.NoName, NameDecision.FqdnAnswer, NameDecision.HostNameAnswer {

  /** The lease's name and update flags once its address is known. */
  LeaseNames names(Inet4Address address);

  /**
   * The option for the reply, given the name the lease ended up with ({@code hostname} of the
   * lease, as {@link #names} made it).
   */
  Optional<ResponseOption> response(String leaseHostname);

  /** One reply option: its code and payload. */
  record ResponseOption(int code, Octets payload) {
    public ResponseOption {
      Objects.requireNonNull(payload, "payload");
    }
  }

  /** No name: no option in the reply, no DNS updates. */
  record NoName(String reason) implements NameDecision {
    public NoName {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public LeaseNames names(Inet4Address address) {
      return LeaseNames.NONE;
    }

    @Override
    public Optional<ResponseOption> response(String leaseHostname) {
      return Optional.empty();
    }
  }

  /**
   * The option-81 path: the reply carries option 81 with {@code answer}'s flags and RCODEs and the
   * lease's name, always absolute.
   *
   * @param answer the reply's flags (S, N, O recomputed, E copied) and RCODEs (echoed)
   * @param name the absolute name with trailing dot, or empty: generate from the address
   * @param params the subnet's parameters (for generation)
   */
  record FqdnAnswer(ClientFqdn answer, Optional<String> name, DdnsParams params)
      implements NameDecision {
    public FqdnAnswer {
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(params, "params");
    }

    /** Kea: forward = reply S; reverse = NOT reply N (spec §2.3). */
    @Override
    public LeaseNames names(Inet4Address address) {
      String n = name.orElseGet(() -> NamePolicy.generate(address, params, true));
      return new LeaseNames(n, answer.has(ClientFqdn.S), !answer.has(ClientFqdn.N));
    }

    @Override
    public Optional<ResponseOption> response(String leaseHostname) {
      if (leaseHostname.isEmpty()) {
        return Optional.empty();
      }
      String bare =
          leaseHostname.endsWith(".")
              ? leaseHostname.substring(0, leaseHostname.length() - 1)
              : leaseHostname;
      return Optional.of(
          new ResponseOption(
              OptionCodes.CLIENT_FQDN, answer.answer(answer.flags(), bare, true).encode()));
    }
  }

  /**
   * The option-12 path: both directions follow the subnet's updates switch; names carry no trailing
   * dot (spec §2.5).
   *
   * @param name the name, or empty: generate from the address
   * @param updates the effective updates switch U
   * @param sendOption whether the reply carries option 12
   * @param params the subnet's parameters (for generation)
   */
  record HostNameAnswer(
      Optional<String> name, boolean updates, boolean sendOption, DdnsParams params)
      implements NameDecision {
    public HostNameAnswer {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(params, "params");
    }

    @Override
    public LeaseNames names(Inet4Address address) {
      String n = name.orElseGet(() -> NamePolicy.generate(address, params, false));
      return new LeaseNames(n, updates, updates);
    }

    @Override
    public Optional<ResponseOption> response(String leaseHostname) {
      if (!sendOption || leaseHostname.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new ResponseOption(
              OptionCodes.HOST_NAME, Octets.of(leaseHostname.getBytes(StandardCharsets.US_ASCII))));
    }
  }
}
