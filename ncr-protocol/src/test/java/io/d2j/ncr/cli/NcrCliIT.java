package io.d2j.ncr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.d2j.ncr.NcrFraming;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NcrCliIT {
  @Test
  void send_printsExactlyTheJsonItSent() throws Exception {
    try (DatagramSocket d2 =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      d2.setSoTimeout(5000);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          NcrCli.run(
              new String[] {
                "send",
                "--server",
                "127.0.0.1:" + d2.getLocalPort(),
                "--add",
                "--fqdn",
                "h1.example.org",
                "--ip",
                "192.0.2.10",
                "--hw-address",
                "aa:bb:cc:dd:ee:ff"
              },
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
      assertThat(status).isZero();
      DatagramPacket p = new DatagramPacket(new byte[2000], 2000);
      d2.receive(p);
      byte[] got = Arrays.copyOf(p.getData(), p.getLength());
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed).endsWith("\n");
      assertThat(got).isEqualTo(NcrFraming.frame(printed.substring(0, printed.length() - 1)));
    }
  }
}
