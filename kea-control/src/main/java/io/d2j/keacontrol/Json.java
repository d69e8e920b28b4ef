package io.d2j.keacontrol;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The control channel's Jackson object mapper, built at its first use: the first command, not the
 * daemon's start. Building one loads Jackson's data binding, about 200 ms of CPU in a fresh JVM,
 * which a D2 would otherwise spend before it serves its first NCR (issue 14, start-to-serving).
 */
public final class Json {

  private Json() {}

  /** The shared mapper, in Jackson's default configuration; never reconfigure it. */
  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
