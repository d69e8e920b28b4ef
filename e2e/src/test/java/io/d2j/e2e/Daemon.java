package io.d2j.e2e;

import io.d2j.testkit.Await;
import io.d2j.testkit.ChildProcess;
import io.d2j.testkit.KeaD2Server;
import io.d2j.testkit.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One daemon of the chain, d2j's or Kea's, running inside the LAN's server namespace with its files
 * in a directory of the test; started from its Kea-format configuration, ready once it logged its
 * start message.
 */
interface Daemon extends AutoCloseable {
  Duration READY = Duration.ofSeconds(60);
  Path KEA_DHCP4 = Path.of("/usr/sbin/kea-dhcp4");
  Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");
  Path DHCPD = Path.of("/usr/sbin/dhcpd");

  /** Everything it logged so far. */
  String log();

  boolean isAlive();

  /** Stops it (SIGTERM, then SIGKILL). */
  @Override
  void close();

  /** Kills it abruptly (SIGKILL): a crash. Where the seat cannot be killed so, a stop. */
  default void kill() {
    close();
  }

  /**
   * {@code bin/d2j-dhcp-ddns -c d2.json}, with its journal in {@code dir}; {@code ns} null = the
   * JVM's own namespace (loopback tests).
   */
  static Daemon d2jD2(NetworkNamespace ns, Path dir, String dhcpDdnsJson) throws IOException {
    Path config = Files.writeString(dir.resolve("d2.json"), dhcpDdnsJson);
    return process(
        "d2j-dhcp-ddns",
        ns,
        dir,
        List.of(bin("d2j-dhcp-ddns"), "-c", config.toString()),
        Map.of("D2J_STATE_DIR", dir.toString()),
        "DHCP_DDNS_STARTED");
  }

  /** ISC's kea-dhcp-ddns 2.2 (testkit's fixture). */
  static Daemon keaD2(NetworkNamespace ns, String dhcpDdnsJson) throws IOException {
    KeaD2Server kea = KeaD2Server.start(dhcpDdnsJson, ns);
    return new Daemon() {
      @Override
      public String log() {
        return kea.log();
      }

      @Override
      public boolean isAlive() {
        return kea.isAlive();
      }

      @Override
      public void close() {
        kea.close();
      }

      @Override
      public String toString() {
        return "kea-dhcp-ddns[" + kea + (ns == null ? "" : " in " + ns.name()) + "]";
      }
    };
  }

  /** {@code bin/d2j-dhcp4 -c dhcp4.json} on the default ports (the namespace is the test's). */
  static Daemon d2jDhcp4(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException {
    return d2jDhcp4(ns, dir, dhcp4Json, List.of());
  }

  /**
   * {@code bin/d2j-dhcp4 -c dhcp4.json} plus {@code options} (e.g. kea-dhcp4's {@code -p 47067 -P
   * 47068} for a loopback run); {@code ns} null = the JVM's own namespace.
   */
  static Daemon d2jDhcp4(NetworkNamespace ns, Path dir, String dhcp4Json, List<String> options)
      throws IOException {
    Path config = Files.writeString(dir.resolve("dhcp4.json"), dhcp4Json);
    List<String> command = new ArrayList<>(List.of(bin("d2j-dhcp4"), "-c", config.toString()));
    command.addAll(options);
    return process("d2j-dhcp4", ns, dir, command, Map.of(), "DHCP4_STARTED");
  }

  /** ISC's kea-dhcp4 2.2 with its pid and lock files in {@code dir}. */
  static Daemon keaDhcp4(NetworkNamespace ns, Path dir, String dhcp4Json) throws IOException {
    Path config = Files.writeString(dir.resolve("dhcp4.json"), dhcp4Json);
    return process(
        "kea-dhcp4",
        ns,
        dir,
        List.of(KEA_DHCP4.toString(), "-c", config.toString()),
        Map.of(
            "KEA_PIDFILE_DIR", dir.toString(),
            "KEA_LOCKFILE_DIR", dir.toString(),
            "KEA_LOGGER_DESTINATION", "stdout"),
        "DHCP4_STARTED");
  }

  /**
   * Debian's dnsmasq with {@code options} (no configuration file of its own), in the foreground,
   * logging to stderr; ready once it logged its DHCP range. {@code env} is passed on to its {@code
   * --dhcp-script}.
   */
  static Daemon dnsmasq(
      NetworkNamespace ns, Path dir, List<String> options, Map<String, String> env)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                DNSMASQ.toString(),
                "--keep-in-foreground",
                "--conf-file=/dev/null",
                "--log-facility=-",
                "--pid-file=" + dir.resolve("dnsmasq.pid")));
    command.addAll(options);
    return process("dnsmasq", ns, dir, command, env, "DHCP, IP range");
  }

  /**
   * ISC dhcpd 4.4 from {@code dhcpd.conf} text, in the foreground, logging to stderr, serving
   * {@code iface}; {@code env} is passed on to what its {@code execute()} runs.
   */
  static Daemon dhcpd(
      NetworkNamespace ns, Path dir, String dhcpdConf, String iface, Map<String, String> env)
      throws IOException {
    Path config = Files.writeString(dir.resolve("dhcpd.conf"), dhcpdConf);
    Path leases = dir.resolve("dhcpd.leases");
    Files.writeString(leases, "");
    return process(
        "dhcpd",
        ns,
        dir,
        List.of(
            DHCPD.toString(),
            "-f",
            "-d",
            "-4",
            "-cf",
            config.toString(),
            "-lf",
            leases.toString(),
            "-pf",
            dir.resolve("dhcpd.pid").toString(),
            iface),
        env,
        "Server starting service.");
  }

  static String bin(String name) {
    return Path.of(System.getProperty("d2j.root", "..")).resolve("bin").resolve(name).toString();
  }

  private static Daemon process(
      String name,
      NetworkNamespace ns,
      Path dir,
      List<String> command,
      Map<String, String> env,
      String readyLine)
      throws IOException {
    Path logFile = dir.resolve(name + ".log");
    // A restart appends to the same log: only what this start writes tells that it is ready.
    int earlier = ChildProcess.readLog(logFile).length();
    ChildProcess p =
        ChildProcess.start(ns == null ? command : ns.command(command), dir, env, logFile);
    String where = ns == null ? "" : " in " + ns.name();
    Daemon daemon =
        new Daemon() {
          @Override
          public String log() {
            return p.log();
          }

          @Override
          public boolean isAlive() {
            return p.isAlive();
          }

          @Override
          public void close() {
            p.stop();
          }

          @Override
          public void kill() {
            p.kill();
          }

          @Override
          public String toString() {
            return name + "[pid " + p.pid() + where + "]";
          }
        };
    try {
      Await.until(
          READY,
          name + " logs " + readyLine,
          () -> {
            if (!p.isAlive()) {
              throw new AssertionError(name + " exited " + p.exitCode() + ":\n" + p.log());
            }
            String log = p.log();
            return log.length() > earlier && log.substring(earlier).contains(readyLine);
          });
    } catch (RuntimeException | AssertionError e) {
      p.stop();
      throw e;
    }
    return daemon;
  }
}
