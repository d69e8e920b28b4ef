package io.d2j.ncr.cli;

import io.d2j.ncr.udp.NcrUdpSender;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code d2j-ncr send}: builds one NCR from flags, computes its DHCID, sends it over UDP and prints
 * the JSON it sent.
 *
 * <pre>
 * $ d2j-ncr send --server 127.0.0.1:53001 --add --fqdn host1.example.com --ip 192.0.2.10 \
 *     --hw-address aa:bb:cc:dd:ee:ff --shape kea-3.1.6
 * {"change-type":0,"forward-change":true,"reverse-change":true,"fqdn":"host1.example.com.",...}
 * </pre>
 *
 * Exit status: 0 sent (or printed with {@code --print}), 1 send failed, 2 usage error.
 */
public final class NcrCli {
  static final String USAGE =
      """
      usage: d2j-ncr send --server HOST:PORT (--add|--remove) --fqdn NAME --ip ADDR
                          (--client-id HEX | --hw-address MAC | --duid HEX)
                          [--forward] [--reverse] [--lease-length S] [--mode MODE]
                          [--shape compatible|kea-2.2|kea-2.6|kea-3.1.6] [--print]

      Sends one NameChangeRequest to a DHCP-DDNS server (Kea D2 or d2j) over UDP and prints
      the JSON it sent.
        --server HOST:PORT  D2 address; HOST is an IP literal ([::1]:53001 for IPv6)
        --add | --remove    change-type 0 or 1
        --fqdn NAME         the lease's name; a trailing dot is added
        --ip ADDR           the lease's IPv4 or IPv6 address
        --client-id HEX     DHCPv4 client identifier (DHCID type 1, or 2 for RFC 4361 ids)
        --hw-address MAC    Ethernet address aa:bb:cc:dd:ee:ff (DHCID type 0, htype 1)
        --duid HEX          DHCPv6 DUID (DHCID type 2)
        --forward/--reverse directions to update; both when neither is given
        --lease-length S    seconds, the TTL D2 gives the records (default 3600)
        --mode MODE         check-with-dhcid (default), no-check-with-dhcid,
                            check-exists-with-dhcid, no-check-without-dhcid
        --shape SHAPE       sender generation to imitate (default compatible)
        --print             print the JSON without sending; --server is then optional
      Exit status: 0 sent, 1 send failed, 2 usage error.""";

  private static final long SEND_TIMEOUT_SECONDS = 10;

  private NcrCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command with the system clock; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Clock.systemUTC());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    List<String> list = List.of(args);
    if (list.contains("--help") || list.contains("-h") || list.equals(List.of("help"))) {
      out.println(USAGE);
      return 0;
    }
    SendRequest request;
    try {
      if (list.isEmpty() || !list.get(0).equals("send")) {
        throw new UsageException(
            list.isEmpty()
                ? "missing command (expected send)"
                : "unknown command '" + list.get(0) + "' (expected send)");
      }
      request = SendRequest.parse(list.subList(1, list.size()), clock);
    } catch (UsageException e) {
      err.println("d2j-ncr: " + e.getMessage());
      err.println("Try 'd2j-ncr --help'.");
      return 2;
    }
    String json = request.codec().encode(request.ncr());
    if (request.printOnly()) {
      out.println(json);
      return 0;
    }
    return send(request, json, out, err);
  }

  private static int send(SendRequest request, String json, PrintStream out, PrintStream err) {
    InetSocketAddress server = request.server();
    try (NcrUdpSender sender = NcrUdpSender.open(server, request.codec(), 1)) {
      sender.send(request.ncr()).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (IOException e) {
      err.println("d2j-ncr: cannot open a UDP socket towards " + server + ": " + e.getMessage());
      return 1;
    } catch (ExecutionException e) {
      err.println("d2j-ncr: " + e.getCause().getMessage());
      return 1;
    } catch (TimeoutException e) {
      err.println(
          "d2j-ncr: send to " + server + " did not complete in " + SEND_TIMEOUT_SECONDS + " s");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("d2j-ncr: interrupted while sending to " + server);
      return 1;
    }
    out.println(json);
    return 0;
  }

  /** A command line that names a bad flag; exit status 2. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}
