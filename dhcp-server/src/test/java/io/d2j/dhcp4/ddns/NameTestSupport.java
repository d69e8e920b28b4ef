package io.d2j.dhcp4.ddns;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.packet.DhcpOptions;
import io.d2j.dhcp4.packet.OptionCodes;
import io.d2j.ncr.ConflictResolutionMode;
import io.d2j.ncr.IpAddresses;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.OptionalDouble;

/** Parameters and queries for the name-policy tables. */
final class NameTestSupport {

  static final Inet4Address ADDRESS = (Inet4Address) IpAddresses.parse("10.0.0.15");

  private NameTestSupport() {}

  static DdnsParams params(
      boolean updates,
      boolean overrideNoUpdate,
      boolean overrideClientUpdate,
      ReplaceClientName mode,
      String suffix,
      HostnameSanitizer sanitizer) {
    return new DdnsParams(
        updates,
        overrideNoUpdate,
        overrideClientUpdate,
        mode,
        "myhost",
        suffix,
        false,
        ConflictResolutionMode.CHECK_WITH_DHCID,
        OptionalDouble.empty(),
        sanitizer);
  }

  static DdnsParams params(ReplaceClientName mode, String suffix) {
    return params(true, false, false, mode, suffix, DdnsParams.DEFAULTS.sanitizer());
  }

  static Octets hex(String h) {
    return Octets.of(HexFormat.of().parseHex(h.replace(" ", "")));
  }

  /** Option 81 with these flags and a wire-format partial name. */
  static Octets wire81(int flags, String name) {
    StringBuilder h = new StringBuilder(String.format("%02x0000", flags));
    if (!name.isEmpty()) {
      for (String label : name.split("\\.")) {
        h.append(String.format("%02x", label.length()))
            .append(HexFormat.of().formatHex(label.getBytes(StandardCharsets.ISO_8859_1)));
      }
    }
    return hex(h.toString());
  }

  /** Option 81 with these flags and a name in the deprecated ASCII form. */
  static Octets ascii81(int flags, String name) {
    return hex(
        String.format("%02x0000", flags)
            + HexFormat.of().formatHex(name.getBytes(StandardCharsets.ISO_8859_1)));
  }

  static ClientNames with81(Octets payload) {
    return ClientNames.of(DhcpOptions.builder().put(OptionCodes.CLIENT_FQDN, payload).build());
  }

  static ClientNames with12(String hostname) {
    return ClientNames.of(
        DhcpOptions.builder()
            .put(OptionCodes.HOST_NAME, hostname.getBytes(StandardCharsets.ISO_8859_1))
            .build());
  }

  static ClientNames none() {
    return ClientNames.of(DhcpOptions.EMPTY);
  }

  /** The reply option the decision gives, as {@code code:hex}, or {@code none}. */
  static String reply(NameDecision d) {
    String hostname = d.names(ADDRESS).hostname();
    return d.response(hostname)
        .map(o -> o.code() + ":" + HexFormat.of().formatHex(o.payload().toByteArray()))
        .orElse("none");
  }

  /** Option 12 payload text, or option 81's name in ASCII form, for readable tables. */
  static String replyName(NameDecision d) {
    String hostname = d.names(ADDRESS).hostname();
    return d.response(hostname)
        .map(
            o ->
                o.code() == OptionCodes.HOST_NAME
                    ? "12:" + new String(o.payload().toByteArray(), StandardCharsets.US_ASCII)
                    : "81:" + ClientFqdn.decode(o.payload()).name() + ".")
        .orElse("none");
  }
}
