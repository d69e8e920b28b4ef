package io.d2j.e2e;

import io.d2j.testkit.Await;
import io.d2j.testkit.ChildProcess;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tcpdump on one interface of a namespace, watching DHCP (UDP 67/68): what actually went over the
 * wire, with link-layer addresses, so a test can tell a unicast OFFER from a broadcast one.
 */
final class Capture implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/tcpdump");
  private static final Pattern FRAME =
      Pattern.compile("^\\S+ ([0-9a-f:]{17}) > ([0-9a-f:]{17}), ethertype IPv4");
  private static final Pattern IP =
      Pattern.compile("^\\s+([0-9.]+)\\.(\\d+) > ([0-9.]+)\\.(\\d+): BOOTP/DHCP, (Request|Reply)");
  private static final Pattern TYPE = Pattern.compile("DHCP-Message \\(53\\), length 1: (\\w+)");

  /** One DHCP message seen: link-layer and IP destination, direction, message type. */
  record Message(String destinationMac, String destination, boolean reply, String type) {}

  private final ChildProcess tcpdump;

  private Capture(ChildProcess tcpdump) {
    this.tcpdump = tcpdump;
  }

  static Capture start(NetworkNamespace ns, String iface, Path dir) throws IOException {
    Files.createDirectories(dir);
    ChildProcess p =
        ChildProcess.start(
            ns.command(
                List.of(
                    BINARY.toString(),
                    "-i",
                    iface,
                    "-n",
                    "-e",
                    "-l",
                    "-v",
                    "-U",
                    "udp port 67 or udp port 68")),
            dir,
            Map.of(),
            dir.resolve("tcpdump-" + iface + ".log"));
    Capture c = new Capture(p);
    Await.until(
        Duration.ofSeconds(10), "tcpdump listening", () -> p.log().contains("listening on"));
    return c;
  }

  /** Every DHCP message seen so far, in order. */
  List<Message> messages() {
    List<Message> out = new ArrayList<>();
    String mac = null;
    String destination = null;
    Boolean reply = null;
    for (String line : tcpdump.log().lines().toList()) {
      Matcher f = FRAME.matcher(line);
      if (f.find()) {
        mac = f.group(2);
        destination = null;
        reply = null;
        continue;
      }
      Matcher ip = IP.matcher(line);
      if (ip.find()) {
        destination = ip.group(3);
        reply = ip.group(5).equals("Reply");
        continue;
      }
      Matcher t = TYPE.matcher(line);
      if (t.find() && mac != null && destination != null) {
        out.add(new Message(mac, destination, reply, t.group(1)));
        mac = null;
      }
    }
    return out;
  }

  String log() {
    return tcpdump.log();
  }

  @Override
  public void close() {
    tcpdump.stop();
  }
}
