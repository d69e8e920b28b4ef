package io.d2j.dhcp4.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.kea.KeaDhcp4;
import io.d2j.dhcp4.packet.DhcpCodec;
import io.d2j.dhcp4.packet.DhcpPacket;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expression table of {@link ExpressionTest} run by kea-dhcp4 2.2 itself: each row becomes a
 * client class whose test is the row's expression and whose option-data is one private option
 * (224-254, always sent); the test packet goes to kea-dhcp4 through a relay socket on loopback, and
 * the OFFER's private options tell which classes matched. d2j's answers must be Kea's. Needs
 * kea-dhcp4 (Debian kea-dhcp4-server); skipped with the reason otherwise.
 */
class ExpressionKeaCrossCheckIT {

  private static final int FIRST_CODE = 224;
  private static final int BATCH = 31;

  @TempDir Path dir;

  @Test
  void everyTableRow_matchesInKeaAsInD2j() throws Exception {
    assumeTrue(KeaDhcp4.installed(), "kea-dhcp4 not installed (kea-dhcp4-server)");
    // lcase/ucase came with Kea 2.4; 2.2 refuses them, so only d2j's side checks those rows.
    List<Table.Row> rows =
        Table.rows().stream()
            .filter(r -> !r.test().contains("lcase(") && !r.test().contains("ucase("))
            .toList();
    assertThat(rows).hasSizeGreaterThan(90);
    Map<String, List<Table.Row>> byPacket = new LinkedHashMap<>();
    rows.forEach(r -> byPacket.computeIfAbsent(r.packet(), p -> new ArrayList<>()).add(r));
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    int run = 0;
    for (Map.Entry<String, List<Table.Row>> e : byPacket.entrySet()) {
      List<Table.Row> list = e.getValue();
      for (int from = 0; from < list.size(); from += BATCH) {
        List<Table.Row> batch = list.subList(from, Math.min(list.size(), from + BATCH));
        boolean[] kea = keaMatches(batch, TestPackets.all().get(e.getKey()), run++);
        for (int i = 0; i < batch.size(); i++) {
          Table.Row r = batch.get(i);
          boolean d2j = ExpressionTest.matches(r.test(), r.packet());
          checked++;
          if (kea[i] != d2j || d2j != r.expected()) {
            disagreements.add(
                r.test()
                    + " on "
                    + r.packet()
                    + ": kea "
                    + kea[i]
                    + ", d2j "
                    + d2j
                    + ", table "
                    + r.expected());
          }
        }
      }
    }

    assertThat(checked).isEqualTo(rows.size());
    assertThat(disagreements).isEmpty();
  }

  private boolean[] keaMatches(List<Table.Row> batch, DhcpPacket packet, int run) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode dhcp4 = json.createObjectNode();
    dhcp4
        .putObject("interfaces-config")
        .put("dhcp-socket-type", "udp")
        .putArray("interfaces")
        .add("lo");
    dhcp4.putObject("lease-database").put("type", "memfile").put("persist", false);
    ArrayNode classes = dhcp4.putArray("client-classes");
    // The classes the d2j side is given as already matched.
    classes.addObject().put("name", "gold").put("test", "'a' == 'a'");
    for (int i = 0; i < batch.size(); i++) {
      ObjectNode c = classes.addObject().put("name", "row" + i).put("test", batch.get(i).test());
      c.putArray("option-data")
          .addObject()
          .put("code", FIRST_CODE + i)
          .put("csv-format", false)
          .put("data", "01")
          .put("always-send", true);
    }
    ObjectNode subnet = dhcp4.putArray("subnet4").addObject();
    subnet.put("id", 1).put("subnet", "127.0.0.0/8");
    subnet.putArray("pools").addObject().put("pool", "127.0.0.100 - 127.0.0.200");
    ObjectNode root = json.createObjectNode();
    root.set("Dhcp4", dhcp4);
    Path runDir = dir.resolve("run" + run);
    java.nio.file.Files.createDirectories(runDir);
    try (DatagramSocket relay = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      int serverPort = probe.getLocalPort();
      probe.close();
      try (KeaDhcp4 kea =
          KeaDhcp4.start(
              runDir,
              json.writerWithDefaultPrettyPrinter().writeValueAsString(root),
              List.of(
                  "-p",
                  Integer.toString(serverPort),
                  "-P",
                  Integer.toString(relay.getLocalPort())))) {
        relay.setSoTimeout(5000);
        byte[] out = DhcpCodec.encode(packet, 1500);
        relay.send(
            new DatagramPacket(out, out.length, new InetSocketAddress("127.0.0.1", serverPort)));
        byte[] buf = new byte[4096];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        try {
          relay.receive(in);
        } catch (SocketTimeoutException e) {
          throw new AssertionError("kea-dhcp4 did not answer:\n" + kea.log(), e);
        }
        DhcpPacket offer = DhcpCodec.decode(Arrays.copyOf(buf, in.getLength()));
        boolean[] matched = new boolean[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
          matched[i] = offer.options().has(FIRST_CODE + i);
        }
        return matched;
      }
    }
  }
}
