package io.d2j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP listener on the host's 127.0.0.1 whose every connection is carried to 127.0.0.1:{@code
 * port} inside a {@link NetworkNamespace}, for test code (dnsjava queries and AXFR) that cannot
 * leave the JVM's namespace. Each connection runs one small bash inside the namespace that opens
 * the inner connection ({@code /dev/tcp}) and copies bytes between it and its stdin/stdout; no
 * interface joins the two namespaces.
 */
public final class NetnsTcpBridge implements AutoCloseable {

  private final NetworkNamespace ns;
  private final int innerPort;
  private final ServerSocket listener;
  private final Set<Process> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private NetnsTcpBridge(NetworkNamespace ns, int innerPort) throws IOException {
    this.ns = ns;
    this.innerPort = innerPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "bridge to " + ns.name() + ":" + innerPort);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static NetnsTcpBridge open(NetworkNamespace ns, int innerPort) throws IOException {
    return new NetnsTcpBridge(ns, innerPort);
  }

  /** Where to connect on the host side. */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        carry(socket);
      } catch (IOException e) {
        // Closed listener ends the loop; a failed spawn costs only that connection.
      }
    }
  }

  private void carry(Socket socket) throws IOException {
    // The writer (stdin → inner) is a child of the reader (inner → stdout); either copy ending
    // ends the connection, the process and its child (stdin closed), so nothing outlives it.
    // Bash gives a background job /dev/null as stdin unless it is redirected explicitly (fd 4).
    String script =
        "exec 3<>/dev/tcp/127.0.0.1/" + innerPort + " 4<&0 || exit 1; cat <&4 >&3 & exec cat <&3";
    Process p;
    try {
      p = new ProcessBuilder(ns.command(List.of("bash", "-c", script))).start();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    open.add(p);
    Runnable end =
        () -> {
          try {
            socket.close();
          } catch (IOException e) {
            // Already closed by the other copy.
          }
          p.destroyForcibly();
          open.remove(p);
        };
    pump(socket.getInputStream(), p.getOutputStream(), end, "up");
    pump(p.getInputStream(), socket.getOutputStream(), end, "down");
  }

  private static void pump(InputStream in, OutputStream out, Runnable end, String direction) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (in;
                  out) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // Either side closed: the copy is over.
              } finally {
                end.run();
              }
            },
            "bridge " + direction);
    t.setDaemon(true);
    t.start();
  }

  /** Stops listening and ends every carried connection. */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // Closing a server socket only fails if it is already broken; nothing to keep.
    }
    for (Process p : open) {
      p.destroyForcibly();
    }
  }
}
