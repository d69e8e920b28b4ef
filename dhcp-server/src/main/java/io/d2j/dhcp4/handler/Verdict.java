package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.packet.DhcpPacket;
import java.util.Objects;

/** What a handler decided: pass the reply on, send it now, or answer nothing. */
public sealed interface Verdict permits Verdict.Continue, Verdict.Respond, Verdict.Drop {

  /** Hand {@code reply} to the next handler (at the end of the chain it is sent). */
  record Continue(DhcpPacket reply) implements Verdict {
    public Continue {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /** Send {@code reply} now; later handlers do not run. */
  record Respond(DhcpPacket reply) implements Verdict {
    public Respond {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /** Send nothing; {@code reason} goes to the debug log. */
  record Drop(String reason) implements Verdict {
    public Drop {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static Verdict next(DhcpPacket reply) {
    return new Continue(reply);
  }

  static Verdict respond(DhcpPacket reply) {
    return new Respond(reply);
  }

  static Verdict drop(String reason) {
    return new Drop(reason);
  }
}
