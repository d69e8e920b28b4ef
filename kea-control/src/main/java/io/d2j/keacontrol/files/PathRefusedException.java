package io.d2j.keacontrol.files;

import java.io.IOException;

/**
 * A path a control-channel request named was refused; the message names the path and the rule, e.g.
 * {@code '/etc/cron.d/x' refused: outside the log directory /var/log/d2j (D2J_LOG_DIR)}.
 */
public final class PathRefusedException extends IOException {

  private static final long serialVersionUID = 1L;

  public PathRefusedException(String message) {
    super(message);
  }
}
