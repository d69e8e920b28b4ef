package io.d2j.dhcp4.alloc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.d2j.dhcp4.Octets;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code store-extended-info}: the relay agent information (option 82) of the query that made or
 * renewed a lease, kept in the lease's user context as Kea 2.2 keeps it: {@code { "ISC": {
 * "relay-agent-info": "0x0108..." } }} (upper-case hex of the option's payload), other keys of the
 * context untouched. The text is written in Kea's own JSON layout, so lease files compare equal.
 */
final class ExtendedInfo {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ExtendedInfo() {}

  /** {@code userContext} with {@code ISC.relay-agent-info} set to {@code rai}. */
  static String withRelayInfo(String userContext, Octets rai) {
    ObjectNode root;
    try {
      JsonNode parsed = userContext.isEmpty() ? null : JSON.readTree(userContext);
      root = parsed instanceof ObjectNode o ? o : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      root = JSON.createObjectNode();
    }
    StringBuilder hex = new StringBuilder("0x");
    for (int i = 0; i < rai.length(); i++) {
      hex.append(HEX[rai.get(i) >>> 4]).append(HEX[rai.get(i) & 0xF]);
    }
    ObjectNode isc = JSON.createObjectNode();
    isc.put("relay-agent-info", hex.toString());
    root.set("ISC", isc);
    StringBuilder out = new StringBuilder();
    write(root, out);
    return out.toString();
  }

  /** Kea's {@code Element::str()}: {@code { "a": 1, "b": [ 1, 2 ] }}, keys sorted. */
  private static void write(JsonNode n, StringBuilder out) {
    if (n.isObject()) {
      java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), e.getValue());
      }
      out.append("{ ");
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        out.append(JSON.getNodeFactory().textNode(e.getKey()).toString()).append(": ");
        write(e.getValue(), out);
      }
      out.append(" }");
    } else if (n.isArray()) {
      out.append("[ ");
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        write(n.get(i), out);
      }
      out.append(" ]");
    } else {
      out.append(n.toString());
    }
  }
}
