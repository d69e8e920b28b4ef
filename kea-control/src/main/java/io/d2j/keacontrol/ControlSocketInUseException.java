package io.d2j.keacontrol;

import java.io.IOException;
import java.nio.file.Path;

/** Another daemon answers on the control socket path: starting would steal its socket. */
public final class ControlSocketInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  public ControlSocketInUseException(Path path) {
    super(
        "control socket "
            + path
            + " is in use: a running daemon accepted a connection on it; stop that daemon or"
            + " configure another socket-name");
  }
}
