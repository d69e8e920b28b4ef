package io.d2j.migrate.convert;

import io.d2j.migrate.conf.ConfSyntaxException;
import io.d2j.migrate.conf.Statement;
import io.d2j.migrate.conf.Token;
import io.d2j.migrate.json.JMap;
import io.d2j.migrate.json.Member;
import java.util.List;
import java.util.Optional;

/**
 * {@code option NAME VALUE;} to Kea {@code option-data} at the scope's map (spec §4.4), and {@code
 * server-identifier} as option 54.
 */
final class OptionData {
  private final Conversion c;
  private final java.util.function.BiConsumer<Scope, Statement> onDomainName;

  /**
   * @param onDomainName told of each {@code option domain-name} converted (dhcpd's default DNS
   *     suffix)
   */
  OptionData(Conversion c, java.util.function.BiConsumer<Scope, Statement> onDomainName) {
    this.c = c;
    this.onDomainName = onDomainName;
  }

  /** {@code option NAME ...;}, or {@code supersede NAME ...;} (which dhcpd treats the same). */
  void data(Statement s, Scope scope) {
    List<Token> w = s.words();
    if (w.size() < 2 || w.get(1).kind() != Token.Kind.WORD) {
      throw new ConfSyntaxException(s.position(), s.keyword() + ": expecting an option name");
    }
    Token name = w.get(1);
    OptionInfo option =
        c.options
            .find(name.text())
            .orElseThrow(
                () ->
                    new ConfSyntaxException(
                        name.position(),
                        "unknown option "
                            + (name.text().contains(".") ? "" : "dhcp.")
                            + name.text()));
    List<Token> value = w.subList(2, w.size());
    emit(s, scope, option, value);
  }

  /** Emits one option's data into the scope's map, or comments the statement out with why. */
  void emit(Statement s, Scope scope, OptionInfo option, List<Token> value) {
    if (!c.options.keaSpace(option.space()).isPresent()) {
      c.commentOut(s, scope, "option space " + option.space() + " is not declared");
      return;
    }
    boolean v4Option = !option.space().equalsIgnoreCase("dhcp6");
    if ((option.space().equalsIgnoreCase("dhcp") && !c.v4())
        || (option.space().equalsIgnoreCase("dhcp6") && c.v4())) {
      c.commentOut(
          s,
          scope,
          "a DHCPv"
              + (v4Option ? "4" : "6")
              + " option in a DHCPv"
              + (c.v4() ? "4" : "6")
              + " configuration");
      return;
    }
    if (option.space().equalsIgnoreCase("agent")) {
      c.commentOut(s, scope, "relay agent sub-options are the relay's to send, not the server's");
      return;
    }
    if (!value.isEmpty() && value.get(0).isPunct("=")) {
      Optional<List<Token>> constant = constant(value.subList(1, value.size()));
      if (constant.isEmpty()) {
        c.commentOut(
            s,
            scope,
            "a computed option value: Kea 2.2 computes option values only with the flex-option hook library");
        return;
      }
      value = constant.get();
    }
    OptionValues.Data data;
    try {
      data = OptionValues.convert(option, value, s.position(), t -> c.hostAddress(t, false));
    } catch (OptionValues.UnresolvedName e) {
      c.commentOut(s, scope, c.unresolvedReason(e.name()));
      return;
    } catch (OptionValues.Unconvertible e) {
      c.commentOut(s, scope, e.getMessage());
      return;
    }
    JMap od = new JMap();
    String keaSpace = c.options.keaSpace(option.space()).orElseThrow();
    if (option.keaName().isPresent()) {
      od.put("name", option.keaName().get());
      if (!keaSpace.equals(c.family().space())) {
        od.put("space", keaSpace);
      }
    } else {
      od.put("code", option.code());
      if (!keaSpace.equals(c.family().space())) {
        od.put("space", keaSpace);
      }
      od.put("csv-format", false);
    }
    od.put("data", data.data());
    c.spacesWithData.add(keaSpace);
    Member m = scope.place().list("option-data").add(od);
    if (option.space().equalsIgnoreCase("dhcp")
        && option.code() == 15
        && s.keyword().equals("option")
        && value.size() == 1
        && value.get(0).kind() == Token.Kind.STRING) {
      onDomainName.accept(scope, s);
    }
    if (option.keaName().isEmpty()) {
      c.partial(
          s,
          m,
          "Kea 2.2 has no definition of option "
              + option.dhcpdName()
              + " ("
              + option.code()
              + "): sent as the same bytes, written in hex");
    } else {
      c.converted(s, m);
    }
  }

  /** A value expression that is a constant string or hex, as plain value tokens. */
  private static Optional<List<Token>> constant(List<Token> expression) {
    if (expression.size() == 1
        && (expression.get(0).kind() == Token.Kind.STRING
            || Hex.colonSeparated(expression.get(0)).isPresent())) {
      return Optional.of(expression);
    }
    return Optional.empty();
  }
}
