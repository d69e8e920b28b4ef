package io.d2j.dhcp4.net;

import io.d2j.dhcp4.config.InterfacesConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the configured interfaces on a {@link NativeTransport} and keeps at it, as Kea's {@code
 * service-sockets-*} say: an interface that is missing, down or without an IPv4 address is tried
 * again every {@code service-sockets-retry-wait-time}, up to {@code service-sockets-max-retries}
 * times; when some still fail after that, {@code service-sockets-require-all} stops the server
 * ({@link #fatal()}). Interfaces are detected again at every try. One log line per interface says
 * what was opened, or why not. An interface whose socket fails later (the interface was removed)
 * gets the same tries again (Kea would not notice).
 *
 * <p>Tries run on the timer given; {@link #start} runs the first one on the caller's thread.
 */
public final class InterfaceWatch {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcpsrv");

  /** Detects the interfaces; {@link NetInterfaces#detect()} in production. */
  public interface Detector {
    List<NetInterface> detect() throws IOException;
  }

  private final InterfacesConfig config;
  private final NativeTransport transport;
  private final ScheduledExecutorService timer;
  private final Detector detector;
  private final CompletableFuture<String> fatal = new CompletableFuture<>();

  /** What is open now, by interface index: the interface as opened. Guarded by this. */
  private final Map<Integer, ListenPlan.Served> open = new HashMap<>();

  private final Set<Integer> withPacketSocket = new HashSet<>();
  private boolean retrying;

  private InterfaceWatch(
      InterfacesConfig config,
      NativeTransport transport,
      ScheduledExecutorService timer,
      Detector detector) {
    this.config = config;
    this.transport = transport;
    this.timer = timer;
    this.detector = detector;
  }

  /**
   * Opens the transport's UDP socket on {@code port} (0: any); nothing is served until {@link
   * #start}.
   */
  public static InterfaceWatch open(
      InterfacesConfig config, int port, ScheduledExecutorService timer, Detector detector)
      throws IOException {
    InterfaceWatch[] self = new InterfaceWatch[1];
    NativeTransport transport =
        NativeTransport.open(port, config.outbound(), (name, why) -> self[0].lost(name, why));
    self[0] = new InterfaceWatch(config, transport, timer, detector);
    return self[0];
  }

  public NativeTransport transport() {
    return transport;
  }

  /**
   * The first try: opens what it can now and schedules the retries for the rest.
   *
   * @throws IOException when {@code service-sockets-require-all} is set, some interface failed and
   *     no retry is left (Kea exits at start then too)
   */
  public void start() throws IOException {
    List<ListenPlan.Problem> problems = attempt();
    if (open.isEmpty()) {
      LOG.warn(
          "DHCPSRV_NO_SOCKETS_OPEN no interface is served{}: the server answers no query",
          config.names().isEmpty() ? " (interfaces-config lists none)" : "");
    }
    if (!problems.isEmpty()) {
      if (config.maxRetries() == 0 && config.requireAll()) {
        throw new IOException(
            "service-sockets-require-all: cannot serve " + problems + " (no retry configured)");
      }
      retry(problems, 1);
    }
  }

  /** Completed with the reason when require-all gives up: the server must stop. */
  public CompletableFuture<String> fatal() {
    return fatal;
  }

  /** From the packet thread: a served interface's socket failed for good. */
  public void lost(String name, String reason) {
    synchronized (this) {
      open.values().removeIf(s -> s.nic().name().equals(name));
    }
    LOG.warn("DHCP4_INTERFACE_LOST {}: {}; it is no longer served", name, reason);
    retry(List.of(new ListenPlan.Problem(name, reason)), 1);
  }

  private synchronized void retry(List<ListenPlan.Problem> problems, long attempt) {
    if (attempt > config.maxRetries()) {
      LOG.warn(
          "DHCP4_OPEN_SOCKETS_FAILED {} still cannot be served after {} retries{}",
          problems,
          config.maxRetries(),
          config.requireAll()
              ? "; service-sockets-require-all: stopping"
              : " (service-sockets-max-retries); a config-reload tries again");
      if (config.requireAll()) {
        fatal.complete("service-sockets-require-all: cannot serve " + problems);
      }
      return;
    }
    if (retrying) {
      return; // one schedule at a time; it re-plans everything anyway
    }
    retrying = true;
    for (ListenPlan.Problem p : problems) {
      LOG.info(
          "DHCP4_OPEN_SOCKET_RETRY {}: retry {} of {} in {} ms",
          p.entry(),
          attempt,
          config.maxRetries(),
          config.retryWait().toMillis());
    }
    try {
      timer.schedule(
          () -> {
            List<ListenPlan.Problem> left;
            synchronized (this) {
              retrying = false;
              left = attempt();
            }
            if (!left.isEmpty()) {
              retry(left, attempt + 1);
            }
          },
          config.retryWait().toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      retrying = false;
    }
  }

  /** Detects, plans, opens what is new, hands the result to the transport; the problems left. */
  private synchronized List<ListenPlan.Problem> attempt() {
    List<NetInterface> detected;
    try {
      detected = detector.detect();
    } catch (IOException e) {
      List<ListenPlan.Problem> all = new ArrayList<>();
      for (String name : config.names()) {
        all.add(new ListenPlan.Problem(name, "cannot list the interfaces: " + e.getMessage()));
      }
      return all;
    }
    ListenPlan plan = ListenPlan.of(config, detected);
    plan.notes().forEach(n -> LOG.info("DHCP4_INTERFACE_NOTE {}", n));
    List<ListenPlan.Problem> problems = new ArrayList<>(plan.problems());
    List<ListenPlan.Served> served = new ArrayList<>();
    Map<Integer, NativeTransport.PacketSocketHandle> opened = new HashMap<>();
    for (ListenPlan.Served s : plan.served()) {
      int index = s.nic().index();
      boolean raw = s.packetSocket();
      if (raw && !withPacketSocket.contains(index)) {
        try {
          opened.put(index, transport.openPacketSocket(s.nic()));
        } catch (NativeIoException e) {
          if (e.errno() != Libc.EPERM) {
            problems.add(new ListenPlan.Problem(s.nic().name(), "raw socket: " + e.getMessage()));
            continue;
          }
          LOG.error(
              "DHCP4_OPEN_SOCKET_FAIL {}: no raw socket ({}; it needs CAP_NET_RAW): served by the"
                  + " UDP socket instead, so replies to clients without an address are broadcast",
              s.nic().name(),
              e.getMessage());
          raw = false;
          s = new ListenPlan.Served(s.nic(), s.selected(), false);
        }
      }
      served.add(s);
      ListenPlan.Served before = open.put(index, s);
      if (raw) {
        withPacketSocket.add(index);
      } else {
        withPacketSocket.remove(index);
      }
      if (!s.equals(before)) {
        LOG.info(
            "DHCP4_INTERFACE_OPENED {}: {}, UDP port {}; serving {}",
            s.nic(),
            raw ? "raw packet socket" : "UDP socket (IP_PKTINFO)",
            transport.port(),
            s.addresses().stream()
                .map(java.net.Inet4Address::getHostAddress)
                .collect(java.util.stream.Collectors.joining(" ")));
      }
    }
    // Interfaces open before but no longer in the plan (gone, or now failing) are dropped.
    Set<Integer> keep = new HashSet<>();
    served.forEach(s -> keep.add(s.nic().index()));
    open.keySet().retainAll(keep);
    withPacketSocket.retainAll(keep);
    transport.serve(served, opened);
    for (ListenPlan.Problem p : problems) {
      LOG.warn("DHCP4_OPEN_SOCKET_FAIL {}", p);
    }
    return problems;
  }
}
