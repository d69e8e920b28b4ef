package io.d2j.dhcp4.classify;

import io.d2j.dhcp4.classify.ExprLexer.Kind;
import io.d2j.dhcp4.classify.ExprLexer.Token;
import io.d2j.dhcp4.options.OptionDef;
import io.d2j.dhcp4.options.OptionSpaces;
import java.util.List;
import java.util.Optional;

/**
 * Kea 2.2's expression grammar ({@code src/lib/eval/parser.yy}) as recursive descent with types:
 * {@code or} binds loosest, then {@code and}, then {@code not}, then {@code ==} between string
 * expressions, then {@code +} (concatenation). Each production checks its operands' types, so
 * {@code 'a' and 'b'} or a test that is only a string fails here with the column of the offending
 * token, never when a packet arrives.
 */
final class ExprParser {

  private final List<Token> tokens;
  private final OptionSpaces defs;
  private final ClassLookup classes;
  private int next;
  private int slots;
  private boolean dependsOnKnown;

  private ExprParser(List<Token> tokens, OptionSpaces defs, ClassLookup classes) {
    this.tokens = tokens;
    this.defs = defs;
    this.classes = classes;
  }

  /** The compiled test, its slot count and whether it depends on KNOWN/UNKNOWN. */
  record Compiled(Nodes.Bool root, int slots, boolean dependsOnKnown) {}

  static Compiled parse(String text, OptionSpaces defs, ClassLookup classes) {
    ExprParser p = new ExprParser(ExprLexer.tokens(text), defs, classes);
    Token first = p.peek();
    if (first.kind() == Kind.END) {
      throw new ExpressionException(first.column(), "the expression is empty");
    }
    Object root = p.or();
    Token end = p.peek();
    if (root instanceof Nodes.Str) {
      throw new ExpressionException(
          end.column(), "expected '==' or '+' after a string value, found " + end.describe());
    }
    if (end.kind() != Kind.END) {
      throw new ExpressionException(
          end.column(), "expected 'and', 'or' or the end, found " + end.describe());
    }
    return new Compiled((Nodes.Bool) root, p.slots, p.dependsOnKnown);
  }

  // ---- precedence levels

  private Object or() {
    Token start = peek();
    Object left = and();
    while (peek().is("or")) {
      take();
      Nodes.Bool l = bool(left, start);
      start = peek();
      Object right = and();
      left = new Nodes.Or(l, bool(right, start));
    }
    return left;
  }

  private Object and() {
    Token start = peek();
    Object left = not();
    while (peek().is("and")) {
      take();
      Nodes.Bool l = bool(left, start);
      start = peek();
      Object right = not();
      left = new Nodes.And(l, bool(right, start));
    }
    return left;
  }

  private Object not() {
    if (peek().is("not")) {
      take();
      Token start = peek();
      Object operand = not();
      return new Nodes.Not(bool(operand, start));
    }
    return comparison();
  }

  private Object comparison() {
    Object left = concat();
    if (left instanceof Nodes.Str l && peek().is("==")) {
      take();
      Token at = peek();
      Object right = concat();
      return new Nodes.Equal(l, str(right, at));
    }
    return left;
  }

  private Object concat() {
    Object left = atom();
    while (left instanceof Nodes.Str l && peek().is("+")) {
      take();
      Token at = peek();
      Object right = atom();
      left = new Nodes.Concat(slot(), l, str(right, at));
    }
    return left;
  }

  // ---- atoms

  private Object atom() {
    Token t = take();
    switch (t.kind()) {
      case STRING, HEXSTRING, IP_ADDRESS:
        return new Nodes.Literal(slot(), t.bytes());
      case INTEGER:
        long v = integer(t, 0, 0xFFFF_FFFFL, "an integer value");
        return new Nodes.Literal(
            slot(), new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
      case END:
        throw new ExpressionException(t.column(), "the expression ends too early");
      default:
        break;
    }
    if (t.is("(")) {
      Object inner = or();
      expect(")");
      return inner;
    }
    if (t.kind() != Kind.KEYWORD) {
      throw new ExpressionException(t.column(), "expected a value, found " + t.describe());
    }
    return switch (t.text()) {
      case "option" -> option();
      case "relay4" -> relay4();
      case "relay6", "pkt6" ->
          throw new ExpressionException(t.column(), "'" + t.text() + "' exists only in DHCPv6");
      case "pkt" -> pkt(stringCodes());
      case "pkt4" -> pkt4();
      case "vendor" -> vendor();
      case "vendor-class" -> vendorClass();
      case "member" -> member();
      case "substring" -> substring();
      case "split" -> split();
      case "concat" -> {
        expect("(");
        Nodes.Str a = strArg();
        expect(",");
        Nodes.Str b = strArg();
        expect(")");
        yield new Nodes.Concat(slot(), a, b);
      }
      case "ifelse" -> {
        expect("(");
        Token at = peek();
        Nodes.Bool c = bool(or(), at);
        expect(",");
        Nodes.Str a = strArg();
        expect(",");
        Nodes.Str b = strArg();
        expect(")");
        yield new Nodes.IfElse(slot(), c, a, b);
      }
      case "hexstring" -> {
        expect("(");
        Nodes.Str a = strArg();
        expect(",");
        Nodes.Str b = strArg();
        expect(")");
        yield new Nodes.HexString(slot(), a, b);
      }
      case "addrtotext" -> new Nodes.AddrToText(slot(), oneArg());
      case "int8totext" -> new Nodes.IntToText(slot(), oneArg(), 1, true, t.text());
      case "int16totext" -> new Nodes.IntToText(slot(), oneArg(), 2, true, t.text());
      case "int32totext" -> new Nodes.IntToText(slot(), oneArg(), 4, true, t.text());
      case "uint8totext" -> new Nodes.IntToText(slot(), oneArg(), 1, false, t.text());
      case "uint16totext" -> new Nodes.IntToText(slot(), oneArg(), 2, false, t.text());
      case "uint32totext" -> new Nodes.IntToText(slot(), oneArg(), 4, false, t.text());
      case "lcase" -> new Nodes.ChangeCase(slot(), oneArg(), false);
      case "ucase" -> new Nodes.ChangeCase(slot(), oneArg(), true);
      default -> throw new ExpressionException(t.column(), "unexpected '" + t.text() + "'");
    };
  }

  /** {@code option[code].…}. */
  private Object option() {
    expect("[");
    Token c = take();
    int code;
    if (c.kind() == Kind.OPTION_NAME) {
      code =
          defs.byName(OptionSpaces.DHCP4, c.text())
              .map(OptionDef::code)
              .orElseThrow(
                  () ->
                      new ExpressionException(
                          c.column(), "no option named '" + c.text() + "' in space dhcp4"));
    } else if (c.kind() == Kind.INTEGER) {
      code = (int) integer(c, 0, 255, "an option code");
    } else {
      throw new ExpressionException(
          c.column(), "expected an option code or name, found " + c.describe());
    }
    expect("]");
    expect(".");
    Optional<OptionDef> def = defs.byCode(OptionSpaces.DHCP4, code);
    Nodes.TopOption top =
        new Nodes.TopOption(slot(), code, def.map(OptionDef::isString).orElse(false));
    if (peek().is("option")) {
      take();
      expect("[");
      int sub = (int) integer(take(), 0, 255, "a sub-option code");
      expect("]");
      expect(".");
      Optional<OptionDef> subDef =
          def.filter(OptionDef::encapsulates).flatMap(d -> defs.byCode(d.encapsulate(), sub));
      int skip = def.filter(OptionDef::encapsulates).map(OptionDef::fixedFieldsSize).orElse(-1);
      Nodes.Locator located =
          new Nodes.SubOption(
              slot(), top, skip, sub, subDef.map(OptionDef::isString).orElse(false));
      return representation(located, subDef.orElse(null), sub);
    }
    return representation(top, def.orElse(null), code);
  }

  /** {@code relay4[code].…}: a sub-option of option 82. */
  private Object relay4() {
    expect("[");
    int sub = (int) integer(take(), 0, 255, "a sub-option code");
    expect("]");
    expect(".");
    Optional<OptionDef> subDef = defs.byCode(OptionSpaces.AGENT, sub);
    Nodes.TopOption rai = new Nodes.TopOption(slot(), 82, false);
    Nodes.Locator located =
        new Nodes.SubOption(slot(), rai, 0, sub, subDef.map(OptionDef::isString).orElse(false));
    return representation(located, subDef.orElse(null), sub);
  }

  /** {@code .exists}, {@code .hex} or {@code .text} after a located option. */
  private Object representation(Nodes.Locator located, OptionDef def, int code) {
    Token r = take();
    if (r.is("exists")) {
      return new Nodes.Exists(located);
    }
    if (r.is("hex")) {
      return new Nodes.Hex(slot(), located);
    }
    if (r.is("text")) {
      return new Nodes.Text(slot(), located, def, code);
    }
    throw new ExpressionException(
        r.column(), "expected 'exists', 'hex' or 'text', found " + r.describe());
  }

  /** Which dhcp4 options are strings (Kea counts them without trailing NULs in pkt.len). */
  private boolean[] stringCodes() {
    boolean[] out = new boolean[256];
    for (int c = 0; c < 256; c++) {
      out[c] = defs.byCode(OptionSpaces.DHCP4, c).map(OptionDef::isString).orElse(false);
    }
    return out;
  }

  private Object pkt(boolean[] stringCodes) {
    expect(".");
    Token f = take();
    Nodes.PktField.Field field =
        switch (f.kind() == Kind.KEYWORD ? f.text() : "") {
          case "iface" -> Nodes.PktField.Field.IFACE;
          case "src" -> Nodes.PktField.Field.SRC;
          case "dst" -> Nodes.PktField.Field.DST;
          case "len" -> Nodes.PktField.Field.LEN;
          default ->
              throw new ExpressionException(
                  f.column(),
                  "expected iface, src, dst or len after 'pkt.', found " + f.describe());
        };
    return new Nodes.PktField(slot(), field, stringCodes);
  }

  private Object pkt4() {
    expect(".");
    Token f = take();
    Nodes.Pkt4Field.Field field =
        switch (f.kind() == Kind.KEYWORD ? f.text() : "") {
          case "mac" -> Nodes.Pkt4Field.Field.MAC;
          case "hlen" -> Nodes.Pkt4Field.Field.HLEN;
          case "htype" -> Nodes.Pkt4Field.Field.HTYPE;
          case "ciaddr" -> Nodes.Pkt4Field.Field.CIADDR;
          case "giaddr" -> Nodes.Pkt4Field.Field.GIADDR;
          case "yiaddr" -> Nodes.Pkt4Field.Field.YIADDR;
          case "siaddr" -> Nodes.Pkt4Field.Field.SIADDR;
          case "msgtype" -> Nodes.Pkt4Field.Field.MSGTYPE;
          case "transid" -> Nodes.Pkt4Field.Field.TRANSID;
          default ->
              throw new ExpressionException(
                  f.column(),
                  "expected mac, hlen, htype, ciaddr, giaddr, yiaddr, siaddr, msgtype or"
                      + " transid after 'pkt4.', found "
                      + f.describe());
        };
    return new Nodes.Pkt4Field(slot(), field);
  }

  private Object vendor() {
    if (peek().is(".")) {
      take();
      expectKeyword("enterprise");
      return new Nodes.EnterpriseOf(slot(), new Nodes.Vendor(slot(), 0));
    }
    long enterprise = enterpriseId();
    expect(".");
    Nodes.Vendor vendor = new Nodes.Vendor(slot(), enterprise);
    Token t = take();
    if (t.is("exists")) {
      return new Nodes.Exists(vendor);
    }
    if (!t.is("option")) {
      throw new ExpressionException(
          t.column(), "expected 'exists' or 'option' after 'vendor[…].', found " + t.describe());
    }
    expect("[");
    int sub = (int) integer(take(), 0, 255, "a sub-option code");
    expect("]");
    expect(".");
    OptionDef subDef =
        enterprise == 0
            ? null
            : defs.byCode(OptionSpaces.vendorSpace(enterprise), sub).orElse(null);
    return representation(new Nodes.VendorSubOption(slot(), vendor, sub), subDef, sub);
  }

  private Object vendorClass() {
    if (peek().is(".")) {
      take();
      expectKeyword("enterprise");
      return new Nodes.EnterpriseOf(slot(), new Nodes.VendorClass(slot(), 0));
    }
    long enterprise = enterpriseId();
    expect(".");
    Nodes.VendorClass option = new Nodes.VendorClass(slot(), enterprise);
    Token t = take();
    if (t.is("exists")) {
      return new Nodes.Exists(option);
    }
    if (!t.is("data")) {
      throw new ExpressionException(
          t.column(),
          "expected 'exists' or 'data' after 'vendor-class[…].', found " + t.describe());
    }
    int index = 0;
    if (peek().is("[")) {
      take();
      index = (int) integer(take(), 0, 255, "a data index");
      expect("]");
    }
    return new Nodes.VendorClassData(slot(), option, index);
  }

  /** {@code [n]} or {@code [*]}; 0 and * mean any enterprise. */
  private long enterpriseId() {
    expect("[");
    Token t = take();
    long id;
    if (t.is("*")) {
      id = 0;
    } else {
      id = integer(t, 0, 0xFFFF_FFFFL, "an enterprise number");
    }
    expect("]");
    return id;
  }

  private Object member() {
    expect("(");
    Token name = take();
    if (name.kind() != Kind.STRING) {
      throw new ExpressionException(
          name.column(), "expected a class name in quotes, found " + name.describe());
    }
    switch (classes.lookup(name.text())) {
      case UNDEFINED ->
          throw new ExpressionException(
              name.column(),
              "class '"
                  + name.text()
                  + "' is not defined before this one (a class may only test classes defined"
                  + " above it, or built-in ones)");
      case DEPENDS_ON_KNOWN -> dependsOnKnown = true;
      case DEFINED -> {
        // nothing to note
      }
    }
    expect(")");
    return new Nodes.Member(name.text());
  }

  private Object substring() {
    expect("(");
    Nodes.Str s = strArg();
    expect(",");
    int start = (int) integer(take(), Integer.MIN_VALUE, Integer.MAX_VALUE, "a start position");
    expect(",");
    Token l = take();
    boolean all = l.is("all");
    int length =
        all ? 0 : (int) integer(l, Integer.MIN_VALUE, Integer.MAX_VALUE, "a length or 'all'");
    expect(")");
    return new Nodes.Substring(slot(), s, start, length, all);
  }

  private Object split() {
    expect("(");
    Nodes.Str s = strArg();
    expect(",");
    Nodes.Str d = strArg();
    expect(",");
    int field = (int) integer(take(), Integer.MIN_VALUE, Integer.MAX_VALUE, "a field number");
    expect(")");
    return new Nodes.Split(slot(), s, d, field);
  }

  private Nodes.Str oneArg() {
    expect("(");
    Nodes.Str a = strArg();
    expect(")");
    return a;
  }

  private Nodes.Str strArg() {
    Token at = peek();
    return str(or(), at);
  }

  // ---- helpers

  private int slot() {
    return slots++;
  }

  private Nodes.Bool bool(Object node, Token at) {
    if (node instanceof Nodes.Bool b) {
      return b;
    }
    throw new ExpressionException(
        at.column(), "expected a condition, found a string value (compare it with '==')");
  }

  private Nodes.Str str(Object node, Token at) {
    if (node instanceof Nodes.Str s) {
      return s;
    }
    throw new ExpressionException(at.column(), "expected a string value, found a condition");
  }

  private long integer(Token t, long min, long max, String what) {
    if (t.kind() != Kind.INTEGER) {
      throw new ExpressionException(t.column(), "expected " + what + ", found " + t.describe());
    }
    long v;
    try {
      v = Long.parseLong(t.text());
    } catch (NumberFormatException e) {
      v = t.text().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (v < min || v > max) {
      throw new ExpressionException(
          t.column(), what + " " + t.text() + " is outside " + min + "-" + max);
    }
    return v;
  }

  private void expect(String punct) {
    Token t = take();
    if (!t.is(punct)) {
      throw new ExpressionException(t.column(), "expected '" + punct + "', found " + t.describe());
    }
  }

  private void expectKeyword(String keyword) {
    expect(keyword);
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.kind() != Kind.END) {
      next++;
    }
    return t;
  }
}
