package io.d2j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Linux network namespace this test created ({@code ip netns add}), with its loopback up, and
 * deleted again by {@link #close()}. Servers started in it ({@link #command}) have a 127.0.0.1 of
 * their own, so a DHCP server there can broadcast without reaching the host's network.
 *
 * <pre>{@code
 * NetworkNamespace.assumeAvailable();          // skipped unless root with iproute2
 * try (NetworkNamespace ns = NetworkNamespace.create("d2j-srv");
 *     BindServer bind = BindServer.startIn(ns, key)) {
 *   ns.ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
 *   List<Record> a = bind.query("static.example.org.", Type.A); // by TCP through a bridge
 * }
 * }</pre>
 *
 * <p>The JVM itself stays in the host's namespace: it reaches a TCP service inside through {@link
 * #tcpBridge(int)}, which crosses by process (stdin/stdout), never by a host interface.
 */
public final class NetworkNamespace implements AutoCloseable {
  static final String UNAVAILABLE = "needs root and iproute2 'ip' (network namespaces)";
  private static final long COMMAND_SECONDS = 10;

  private final Path ip;
  private final String name;
  private final Thread deleteOnExit;

  private NetworkNamespace(Path ip, String name) {
    this.ip = ip;
    this.name = name;
    // A test JVM that dies before close() must not leave the namespace behind.
    this.deleteOnExit = new Thread(this::delete, "delete netns " + name);
  }

  /** Aborts the calling test (reported as skipped, with the reason) unless namespaces work. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(Executables.runningAsRoot() && locateIp().isPresent(), UNAVAILABLE);
  }

  /**
   * Creates {@code <prefix>-<random hex>} with {@code lo} up.
   *
   * @throws IOException when ip fails; the message holds its output
   */
  public static NetworkNamespace create(String prefix) throws IOException {
    Path ip = locateIp().orElseThrow(() -> new IOException(UNAVAILABLE));
    String name = prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    NetworkNamespace ns = new NetworkNamespace(ip, name);
    ns.run(List.of(ip.toString(), "netns", "add", name));
    Runtime.getRuntime().addShutdownHook(ns.deleteOnExit);
    try {
      ns.ip("link", "set", "lo", "up");
    } catch (IOException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  static Optional<Path> locateIp() {
    return Executables.find(Path.of("/usr/sbin/ip"), "ip")
        .or(() -> Executables.find(Path.of("/sbin/ip"), "ip"));
  }

  public String name() {
    return name;
  }

  /** {@code command} prefixed so that it runs inside this namespace ({@code ip netns exec}). */
  public List<String> command(List<String> command) {
    List<String> out = new ArrayList<>(List.of(ip.toString(), "netns", "exec", name));
    out.addAll(command);
    return out;
  }

  /**
   * Runs {@code ip -n <name> args...} and returns its output.
   *
   * @throws IOException when it exits non-zero, e.g. {@code ip -n d2j-srv-1a2b link set x up: exit
   *     1: Cannot find device "x"}
   */
  public String ip(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ip.toString(), "-n", name));
    command.addAll(List.of(args));
    return run(command);
  }

  /** Runs {@code command} inside the namespace to completion and returns its output. */
  public String exec(String... command) throws IOException {
    return run(command(List.of(command)));
  }

  /** A 127.0.0.1 port on the host side whose TCP connections reach 127.0.0.1:{@code port} here. */
  public NetnsTcpBridge tcpBridge(int port) throws IOException {
    return NetnsTcpBridge.open(this, port);
  }

  private String run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(display(command) + ": no exit within " + COMMAND_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(display(command) + ": interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(display(command) + ": exit " + p.exitValue() + ": " + out);
    }
    return out;
  }

  private String display(List<String> command) {
    List<String> shown = new ArrayList<>(command);
    shown.set(0, "ip");
    return String.join(" ", shown);
  }

  /**
   * Deletes the namespace (and with it the interfaces inside). Processes still running in it keep
   * it alive until they exit: stop them first.
   */
  @Override
  public void close() {
    delete();
    try {
      Runtime.getRuntime().removeShutdownHook(deleteOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and runs the hook itself.
    }
  }

  private void delete() {
    killLeftovers();
    try {
      run(List.of(ip.toString(), "netns", "del", name));
    } catch (IOException e) {
      // Already gone is fine; anything else leaves a name that later runs never reuse.
    }
  }

  /**
   * Kills (SIGKILL) whatever still runs in the namespace: a daemonised dhclient whose test ended
   * before its pid file was read would otherwise outlive the namespace, holding it, for hours.
   */
  private void killLeftovers() {
    String pids;
    try {
      pids = run(List.of(ip.toString(), "netns", "pids", name));
    } catch (IOException e) {
      return;
    }
    for (String pid : pids.split("\\s+")) {
      if (pid.matches("[0-9]+")) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Override
  public String toString() {
    return "NetworkNamespace[" + name + "]";
  }
}
