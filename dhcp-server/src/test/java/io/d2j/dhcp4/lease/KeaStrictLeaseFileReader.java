package io.d2j.dhcp4.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An independent, strict reader of Kea 2.2's lease4 file, written from the rules of Kea's
 * csv_lease_file4.cc and csv_file.cc (spec §5.1) and sharing no code with the store: exactly the
 * 2.2 header, exactly 11 columns per row, Kea's value syntax per column, only {@code &#xHH}
 * escapes, a newline after every row. Returns the problems found, one per line; none = valid.
 */
final class KeaStrictLeaseFileReader {
  private static final String HEADER =
      "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,"
          + "user_context";
  private static final Pattern QUAD =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern HEX = Pattern.compile("([0-9a-f]{2}(:[0-9a-f]{2})*)?");
  private static final Pattern UINT = Pattern.compile("0|[1-9]\\d*");

  /** Printable ASCII except the separator; {@code &} only as the start of an escape. */
  private static final Pattern TEXT =
      Pattern.compile("([\\x20-\\x25\\x27-\\x2b\\x2d-\\x7e]|&#x[0-9a-f]{2})*");

  private KeaStrictLeaseFileReader() {}

  static List<String> problems(Path file) throws IOException {
    List<String> problems = new ArrayList<>();
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    if (!text.endsWith("\n")) {
      problems.add("file does not end with a newline");
    }
    String[] lines = text.split("\n", -1);
    if (!lines[0].equals(HEADER)) {
      problems.add("line 1: header is not Kea 2.2's: " + lines[0]);
    }
    for (int i = 1; i < lines.length - 1; i++) {
      String where = "line " + (i + 1) + ": ";
      String[] v = lines[i].split(",", -1);
      if (v.length != 11) {
        problems.add(where + v.length + " columns");
        continue;
      }
      check(problems, where + "address", QUAD, v[0]);
      check(problems, where + "hwaddr", HEX, v[1]);
      check(problems, where + "client_id", HEX, v[2]);
      if (!v[2].isEmpty() && (v[2].length() + 1) / 3 < 2) {
        problems.add(where + "client_id shorter than 2 octets");
      }
      for (int c : new int[] {3, 4, 5, 9}) {
        check(problems, where + "column " + (c + 1), UINT, v[c]);
      }
      if (UINT.matcher(v[3]).matches()
          && UINT.matcher(v[4]).matches()
          && Long.parseLong(v[4]) < Long.parseLong(v[3])) {
        problems.add(where + "expire before valid_lifetime");
      }
      for (int c : new int[] {6, 7}) {
        if (!v[c].equals("0") && !v[c].equals("1")) {
          problems.add(where + "column " + (c + 1) + " is not 0 or 1: " + v[c]);
        }
      }
      check(problems, where + "hostname", TEXT, v[8]);
      check(problems, where + "user_context", TEXT, v[10]);
      if (!v[9].equals("0") && !v[9].equals("1") && !v[9].equals("2")) {
        problems.add(where + "state " + v[9]);
      }
      if (v[1].isEmpty() && v[2].isEmpty() && !v[9].equals("1")) {
        problems.add(where + "neither hwaddr nor client_id");
      }
      if (!v[10].isEmpty()) {
        String json = v[10].replace("&#x2c", ",").replace("&#x26", "&");
        try {
          JsonNode node = new ObjectMapper().readTree(json);
          if (!node.isObject()) {
            problems.add(where + "user_context is not a map");
          }
        } catch (IOException e) {
          problems.add(where + "user_context is not JSON: " + json);
        }
      }
    }
    return problems;
  }

  private static void check(List<String> problems, String what, Pattern p, String value) {
    if (!p.matcher(value).matches()) {
      problems.add(what + " is malformed: '" + value + "'");
    }
  }
}
