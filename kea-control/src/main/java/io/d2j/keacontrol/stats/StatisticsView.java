package io.d2j.keacontrol.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Statistics in Kea's sample format: {@code {"ncr-received": [[3, "2026-11-27 20:13:28.807057"]]}}.
 * One sample per statistic (Kea's D2 keeps only the latest). Kea formats the time with {@code
 * localtime_r} (src/lib/util/chrono_time_utils.cc), i.e. in the daemon's local zone, to the
 * microsecond; so does this, in the zone it is given (the runtime passes the system default).
 */
public final class StatisticsView {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private final DateTimeFormatter stamp;

  public StatisticsView(ZoneId zone) {
    this.stamp = STAMP.withZone(zone);
  }

  /** One member per statistic, in the order given. */
  public ObjectNode toJson(Map<String, Statistics.Sample> samples) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    samples.forEach(
        (name, sample) -> {
          ArrayNode pair = JsonNodeFactory.instance.arrayNode();
          pair.add(sample.value());
          pair.add(stamp.format(sample.at()));
          out.putArray(name).add(pair);
        });
    return out;
  }
}
