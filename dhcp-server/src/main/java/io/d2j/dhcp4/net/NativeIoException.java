package io.d2j.dhcp4.net;

import java.io.IOException;

/** A failed libc call, with its errno. */
final class NativeIoException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int errno;

  NativeIoException(String what, int errno) {
    super(Libc.describe(what, errno));
    this.errno = errno;
  }

  /** The failed call's errno, for the caller to tell a lost interface from a transient error. */
  int errno() {
    return errno;
  }

  /** The last call's errno as an exception. */
  static NativeIoException last(String what) {
    return new NativeIoException(what, Libc.errno());
  }
}
