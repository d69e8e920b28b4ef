package io.d2j.dhcp4.net;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc socket calls the server needs that the JDK lacks (AF_PACKET, IP_PKTINFO, a socket
 * filter), through JNA's direct mapping: no C of ours, one maintained library. Constants are
 * Linux's generic ABI values (x86-64 and aarch64; the structures assume LP64). Every call returns
 * -1 on failure with the cause in {@link #errno()}.
 */
final class Libc {

  static final int AF_INET = 2;
  static final int AF_PACKET = 17;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_NONBLOCK = 0x800;
  static final int SOCK_CLOEXEC = 0x80000;

  static final int SOL_SOCKET = 1;
  static final int SO_REUSEADDR = 2;
  static final int SO_ERROR = 4;
  static final int SO_BROADCAST = 6;
  static final int SO_RCVBUF = 8;
  static final int SO_ATTACH_FILTER = 26;
  static final int IPPROTO_IP = 0;
  static final int IP_PKTINFO = 8;

  static final int ETH_P_IP = 0x0800;
  static final int PACKET_HOST = 0;
  static final int PACKET_BROADCAST = 1;

  static final int MSG_DONTWAIT = 0x40;
  static final short POLLIN = 0x1;
  static final short POLLERR = 0x8;
  static final short POLLHUP = 0x10;
  static final short POLLNVAL = 0x20;
  static final int EFD_NONBLOCK = 0x800;
  static final int EFD_CLOEXEC = 0x80000;

  static final int EPERM = 1;
  static final int EINTR = 4;
  static final int ENXIO = 6;
  static final int EBADF = 9;
  static final int EAGAIN = 11;
  static final int ENODEV = 19;
  static final int ENETDOWN = 100;

  static {
    Native.register(Libc.class, "c");
  }

  private Libc() {}

  static native int socket(int domain, int type, int protocol);

  static native int bind(int fd, byte[] addr, int addrlen);

  static native int getsockname(int fd, byte[] addr, int[] addrlen);

  static native int setsockopt(int fd, int level, int name, byte[] value, int len);

  static native int setsockopt(int fd, int level, int name, Pointer value, int len);

  static native int getsockopt(int fd, int level, int name, int[] value, int[] len);

  static native long recvfrom(int fd, Pointer buf, long len, int flags, byte[] addr, int[] addrlen);

  static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);

  static native long recvmsg(int fd, Pointer msg, int flags);

  static native long sendmsg(int fd, Pointer msg, int flags);

  static native int sendmmsg(int fd, Pointer msgvec, int vlen, int flags);

  static native int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);

  static native int poll(Pointer fds, long nfds, int timeout);

  static native int eventfd(int initval, int flags);

  static native long read(int fd, byte[] buf, long len);

  static native long write(int fd, byte[] buf, long len);

  static native int close(int fd);

  static native String strerror(int errnum);

  /** The calling thread's errno after the last call. */
  static int errno() {
    return Native.getLastError();
  }

  /** {@code what: strerror(errno) (errno N)}. */
  static String describe(String what, int errno) {
    return what + ": " + strerror(errno) + " (errno " + errno + ")";
  }

  /** Whether libc could be bound here (JNA's dispatch library loads, the symbols resolve). */
  static boolean available() {
    try {
      return close(-1) == -1;
    } catch (LinkageError e) {
      return false;
    }
  }
}
