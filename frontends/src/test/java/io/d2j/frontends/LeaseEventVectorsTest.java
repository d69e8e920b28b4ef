package io.d2j.frontends;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.dhcp4.Octets;
import io.d2j.dhcp4.config.Dhcp4Config;
import io.d2j.dhcp4.config.Dhcp4ConfigParser;
import io.d2j.dhcp4.ddns.ClientNames;
import io.d2j.dhcp4.ddns.DdnsParams;
import io.d2j.dhcp4.ddns.LeaseNames;
import io.d2j.dhcp4.ddns.NamePolicy;
import io.d2j.dhcp4.ddns.NcrPolicy;
import io.d2j.dhcp4.lease.Lease4;
import io.d2j.dhcp4.lease.LeaseState;
import io.d2j.ncr.IpAddresses;
import io.d2j.ncr.NameChangeRequest;
import io.d2j.ncr.NcrJsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared vectors ({@code vectors.tsv}): for each lease, the same Kea-format file is read by
 * d2j-dhcp4's own parser and by {@code d2j-lease-event}; d2j-dhcp4's name processing for option 12
 * ({@link NamePolicy}), its NCRs ({@link NcrPolicy}) and JSON ({@link NcrJsonCodec}) must give the
 * pinned name and DHCID, and the C program must print the same add and remove NCRs, octet for
 * octet.
 */
class LeaseEventVectorsTest {
  /** The members a vector adds go where %s is; subnet 2 sets its own suffix. */
  static final String CONFIG =
      """
      {"Dhcp4": {
        "interfaces-config": {"interfaces": []},
        "dhcp-ddns": {"enable-updates": true},
        %s
        "subnet4": [
          {"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.100 - 192.0.2.199"}]},
          {"id": 2, "subnet": "10.0.0.0/8", "ddns-qualifying-suffix": "ten.example.net.",
           "pools": [{"pool": "10.1.2.1 - 10.1.2.99"}]}
        ]
      }}
      """;

  @TempDir static Path dir;

  record Vector(
      String name,
      String members,
      byte[] hostname,
      String address,
      String mac,
      String clientId,
      long lifetime,
      long cltt,
      String fqdn,
      String dhcid) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void built() {
    LeaseEventProgram.assumeBuilt();
  }

  static Stream<Arguments> vectors() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (InputStream in = LeaseEventVectorsTest.class.getResourceAsStream("vectors.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        assertThat(f).as("columns of: %s", line).hasSize(10);
        out.add(
            Arguments.of(
                new Vector(
                    f[0],
                    f[1].equals("-") ? "" : f[1] + ",",
                    f[2].equals("-") ? null : octets(f[2]),
                    f[3],
                    f[4],
                    f[5].equals("-") ? "" : f[5],
                    Long.parseLong(f[6]),
                    Long.parseLong(f[7]),
                    new String(octets(f[8]), StandardCharsets.UTF_8),
                    f[9])));
      }
    }
    return out.stream();
  }

  /** {@code \xNN} is one octet, {@code \\} a backslash, anything else its UTF-8. */
  static byte[] octets(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && text.charAt(i + 1) == 'x') {
        out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
        i += 3;
      } else if (c == '\\' && text.charAt(i + 1) == '\\') {
        out.write('\\');
        i++;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void cProgramAndD2jDhcp4_giveTheSameNameDhcidAndNcrs(Vector v) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("v" + Math.abs(v.name().hashCode()) + ".json"),
            CONFIG.formatted(v.members()));
    List<String> java = javaNcrs(v, config);
    String cAdd = cNcr(v, config, "add");
    String cRemove = cNcr(v, config, "remove");
    if (java.isEmpty()) {
      assertThat(v.fqdn()).as("pinned fqdn of a lease d2j-dhcp4 gives no NCR").isEqualTo("-");
      assertThat(cAdd).as("C program for a lease without NCR").startsWith("no NCR: ");
      assertThat(cRemove).startsWith("no NCR: ");
      return;
    }
    NameChangeRequest add = NcrJsonCodec.compatible(Clock.systemUTC()).decode(java.get(0));
    assertThat(add.fqdn().text() + "\t" + add.dhcid().toHex())
        .as("d2j-dhcp4's name and DHCID against the pinned ones")
        .isEqualTo(v.fqdn() + "\t" + v.dhcid());
    assertThat(cAdd).as("add NCR, C vs Java").isEqualTo(java.get(0));
    assertThat(cRemove).as("remove NCR, C vs Java").isEqualTo(java.get(1));
  }

  /** d2j-dhcp4: option 12 through NamePolicy, the lease through NcrPolicy, the codec's JSON. */
  private static List<String> javaNcrs(Vector v, Path config) throws IOException {
    Dhcp4Config cfg = Dhcp4ConfigParser.read(config);
    Inet4Address address = (Inet4Address) IpAddresses.parse(v.address());
    long subnet = v.address().startsWith("10.") ? 2 : 1;
    DdnsParams params = cfg.subnet(subnet).orElseThrow().ddns();
    Optional<String> hostname =
        v.hostname() == null
            ? Optional.empty()
            : Optional.of(new String(v.hostname(), StandardCharsets.US_ASCII));
    LeaseNames names =
        NamePolicy.decide(new ClientNames(Optional.empty(), hostname, false), params, "")
            .names(address);
    Lease4 lease =
        new Lease4(
            address,
            Octets.parseColonHex(v.mac()),
            v.clientId().isEmpty() ? Octets.EMPTY : Octets.parseColonHex(v.clientId()),
            v.lifetime(),
            v.cltt(),
            subnet,
            names.fwd(),
            names.rev(),
            names.hostname(),
            LeaseState.DEFAULT,
            "");
    NcrJsonCodec codec =
        NcrJsonCodec.compatible(Clock.fixed(Instant.ofEpochSecond(v.cltt()), ZoneOffset.UTC));
    List<NameChangeRequest> adds = NcrPolicy.allocated(lease, params);
    List<NameChangeRequest> removes = NcrPolicy.removed(lease, params);
    List<String> out = new ArrayList<>();
    adds.forEach(n -> out.add(codec.encode(n)));
    removes.forEach(n -> out.add(codec.encode(n)));
    return out;
  }

  private static String cNcr(Vector v, Path config, String kind) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ncr",
                kind,
                "--ip",
                v.address(),
                "--mac",
                v.mac(),
                "--lifetime",
                Long.toString(v.lifetime()),
                "--cltt",
                Long.toString(v.cltt())));
    if (v.hostname() != null) {
      args.addAll(List.of("--hostname-hex", HexFormat.of().formatHex(v.hostname())));
    }
    if (!v.clientId().isEmpty()) {
      args.addAll(List.of("--client-id", v.clientId()));
    }
    LeaseEventProgram.Result r =
        LeaseEventProgram.run(Map.of("D2J_FRONTEND_CONFIG", config.toString()), args);
    assertThat(r.exit()).as("%s", r).isIn(0, 1);
    return r.stdout().strip();
  }
}
