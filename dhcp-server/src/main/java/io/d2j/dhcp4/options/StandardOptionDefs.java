package io.d2j.dhcp4.options;

import java.util.List;

/**
 * The option definitions Kea 2.2 has built in: the {@code dhcp4} space (RFC 2132 and later RFCs,
 * names and types as Kea's {@code std_option_defs.h} gives them), CableLabs' DOCSIS 3 vendor space
 * ({@code vendor-4491}) and option 43's last-resort definition (a container of {@code
 * vendor-encapsulated-options-space}, used when no {@code option-def} redefines it).
 */
final class StandardOptionDefs {

  static final String DHCP4 = OptionSpaces.DHCP4;
  static final String AGENT = OptionSpaces.AGENT;

  private StandardOptionDefs() {}

  static List<OptionDef> dhcp4() {
    return List.of(
        OptionDef.of("subnet-mask", 1, DHCP4, OptionDataType.IPV4_ADDRESS, false),
        OptionDef.of("time-offset", 2, DHCP4, OptionDataType.INT32, false),
        OptionDef.of("routers", 3, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("time-servers", 4, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("name-servers", 5, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("domain-name-servers", 6, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("log-servers", 7, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("cookie-servers", 8, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("lpr-servers", 9, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("impress-servers", 10, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("resource-location-servers", 11, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("host-name", 12, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("boot-size", 13, DHCP4, OptionDataType.UINT16, false),
        OptionDef.of("merit-dump", 14, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("domain-name", 15, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("swap-server", 16, DHCP4, OptionDataType.IPV4_ADDRESS, false),
        OptionDef.of("root-path", 17, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("extensions-path", 18, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("ip-forwarding", 19, DHCP4, OptionDataType.BOOLEAN, false),
        OptionDef.of("non-local-source-routing", 20, DHCP4, OptionDataType.BOOLEAN, false),
        OptionDef.of("policy-filter", 21, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("max-dgram-reassembly", 22, DHCP4, OptionDataType.UINT16, false),
        OptionDef.of("default-ip-ttl", 23, DHCP4, OptionDataType.UINT8, false),
        OptionDef.of("path-mtu-aging-timeout", 24, DHCP4, OptionDataType.UINT32, false),
        OptionDef.of("path-mtu-plateau-table", 25, DHCP4, OptionDataType.UINT16, true),
        OptionDef.of("interface-mtu", 26, DHCP4, OptionDataType.UINT16, false),
        OptionDef.of("all-subnets-local", 27, DHCP4, OptionDataType.BOOLEAN, false),
        OptionDef.of("broadcast-address", 28, DHCP4, OptionDataType.IPV4_ADDRESS, false),
        OptionDef.of("perform-mask-discovery", 29, DHCP4, OptionDataType.BOOLEAN, false),
        OptionDef.of("mask-supplier", 30, DHCP4, OptionDataType.BOOLEAN, false),
        OptionDef.of("router-discovery", 31, DHCP4, OptionDataType.BOOLEAN, false),
        OptionDef.of("router-solicitation-address", 32, DHCP4, OptionDataType.IPV4_ADDRESS, false),
        OptionDef.of("static-routes", 33, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("trailer-encapsulation", 34, DHCP4, OptionDataType.BOOLEAN, false),
        OptionDef.of("arp-cache-timeout", 35, DHCP4, OptionDataType.UINT32, false),
        OptionDef.of("ieee802-3-encapsulation", 36, DHCP4, OptionDataType.BOOLEAN, false),
        OptionDef.of("default-tcp-ttl", 37, DHCP4, OptionDataType.UINT8, false),
        OptionDef.of("tcp-keepalive-interval", 38, DHCP4, OptionDataType.UINT32, false),
        OptionDef.of("tcp-keepalive-garbage", 39, DHCP4, OptionDataType.BOOLEAN, false),
        OptionDef.of("nis-domain", 40, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("nis-servers", 41, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("ntp-servers", 42, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("netbios-name-servers", 44, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("netbios-dd-server", 45, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("netbios-node-type", 46, DHCP4, OptionDataType.UINT8, false),
        OptionDef.of("netbios-scope", 47, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("font-servers", 48, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("x-display-manager", 49, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("dhcp-requested-address", 50, DHCP4, OptionDataType.IPV4_ADDRESS, false),
        OptionDef.of("dhcp-lease-time", 51, DHCP4, OptionDataType.UINT32, false),
        OptionDef.of("dhcp-option-overload", 52, DHCP4, OptionDataType.UINT8, false),
        OptionDef.of("dhcp-message-type", 53, DHCP4, OptionDataType.UINT8, false),
        OptionDef.of("dhcp-server-identifier", 54, DHCP4, OptionDataType.IPV4_ADDRESS, false),
        OptionDef.of("dhcp-parameter-request-list", 55, DHCP4, OptionDataType.UINT8, true),
        OptionDef.of("dhcp-message", 56, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("dhcp-max-message-size", 57, DHCP4, OptionDataType.UINT16, false),
        OptionDef.of("dhcp-renewal-time", 58, DHCP4, OptionDataType.UINT32, false),
        OptionDef.of("dhcp-rebinding-time", 59, DHCP4, OptionDataType.UINT32, false),
        OptionDef.of("vendor-class-identifier", 60, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("dhcp-client-identifier", 61, DHCP4, OptionDataType.BINARY, false),
        OptionDef.of("nwip-domain-name", 62, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("nwip-suboptions", 63, DHCP4, OptionDataType.BINARY, false),
        OptionDef.of("nisplus-domain-name", 64, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("nisplus-servers", 65, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("tftp-server-name", 66, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("boot-file-name", 67, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("mobile-ip-home-agent", 68, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("smtp-server", 69, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("pop-server", 70, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("nntp-server", 71, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("www-server", 72, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("finger-server", 73, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("irc-server", 74, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("streettalk-server", 75, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of(
            "streettalk-directory-assistance-server", 76, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("user-class", 77, DHCP4, OptionDataType.BINARY, false),
        OptionDef.record(
            "slp-directory-agent",
            78,
            DHCP4,
            true,
            OptionDataType.BOOLEAN,
            OptionDataType.IPV4_ADDRESS),
        OptionDef.record(
            "slp-service-scope", 79, DHCP4, false, OptionDataType.BOOLEAN, OptionDataType.STRING),
        OptionDef.record(
            "fqdn",
            81,
            DHCP4,
            false,
            OptionDataType.UINT8,
            OptionDataType.UINT8,
            OptionDataType.UINT8,
            OptionDataType.FQDN),
        OptionDef.container("dhcp-agent-options", 82, DHCP4, AGENT),
        OptionDef.of("nds-servers", 85, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("nds-tree-name", 86, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("nds-context", 87, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("bcms-controller-names", 88, DHCP4, OptionDataType.FQDN, true),
        OptionDef.of("bcms-controller-address", 89, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("authenticate", 90, DHCP4, OptionDataType.BINARY, false),
        OptionDef.of("client-last-transaction-time", 91, DHCP4, OptionDataType.UINT32, false),
        OptionDef.of("associated-ip", 92, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("client-system", 93, DHCP4, OptionDataType.UINT16, true),
        OptionDef.record(
            "client-ndi",
            94,
            DHCP4,
            false,
            OptionDataType.UINT8,
            OptionDataType.UINT8,
            OptionDataType.UINT8),
        OptionDef.record(
            "uuid-guid", 97, DHCP4, false, OptionDataType.UINT8, OptionDataType.BINARY),
        OptionDef.of("uap-servers", 98, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("geoconf-civic", 99, DHCP4, OptionDataType.BINARY, false),
        OptionDef.of("pcode", 100, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("tcode", 101, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("v6-only-preferred", 108, DHCP4, OptionDataType.UINT32, false),
        OptionDef.of("netinfo-server-address", 112, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("netinfo-server-tag", 113, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("v4-captive-portal", 114, DHCP4, OptionDataType.STRING, false),
        OptionDef.of("auto-config", 116, DHCP4, OptionDataType.UINT8, false),
        OptionDef.of("name-service-search", 117, DHCP4, OptionDataType.UINT16, true),
        OptionDef.of("subnet-selection", 118, DHCP4, OptionDataType.IPV4_ADDRESS, false),
        OptionDef.of("domain-search", 119, DHCP4, OptionDataType.FQDN, true),
        OptionDef.record(
            "vivco-suboptions", 124, DHCP4, false, OptionDataType.UINT32, OptionDataType.BINARY),
        OptionDef.of("vivso-suboptions", 125, DHCP4, OptionDataType.UINT32, false),
        OptionDef.of("pana-agent", 136, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("v4-lost", 137, DHCP4, OptionDataType.FQDN, false),
        OptionDef.of("capwap-ac-v4", 138, DHCP4, OptionDataType.IPV4_ADDRESS, true),
        OptionDef.of("sip-ua-cs-domains", 141, DHCP4, OptionDataType.FQDN, true),
        OptionDef.record(
            "rdnss-selection",
            146,
            DHCP4,
            true,
            OptionDataType.UINT8,
            OptionDataType.IPV4_ADDRESS,
            OptionDataType.IPV4_ADDRESS,
            OptionDataType.FQDN),
        OptionDef.record(
            "v4-portparams", 159, DHCP4, false, OptionDataType.UINT8, OptionDataType.PSID),
        OptionDef.record(
            "option-6rd",
            212,
            DHCP4,
            true,
            OptionDataType.UINT8,
            OptionDataType.UINT8,
            OptionDataType.IPV6_ADDRESS,
            OptionDataType.IPV4_ADDRESS),
        OptionDef.of("v4-access-domain", 213, DHCP4, OptionDataType.FQDN, false));
  }

  /** Option 43 when no option-def says otherwise: sub-options of an unnamed vendor space. */
  static OptionDef vendorEncapsulatedLastResort() {
    return OptionDef.container(
        "vendor-encapsulated-options", 43, DHCP4, OptionSpaces.VENDOR_ENCAPSULATED);
  }

  /** CableLabs DOCSIS 3 (enterprise 4491) sub-options of option 125. */
  static List<OptionDef> docsis3() {
    String space = OptionSpaces.DOCSIS3_V4;
    return List.of(
        OptionDef.of("oro", 1, space, OptionDataType.UINT8, true),
        OptionDef.of("tftp-servers", 2, space, OptionDataType.IPV4_ADDRESS, true));
  }
}
