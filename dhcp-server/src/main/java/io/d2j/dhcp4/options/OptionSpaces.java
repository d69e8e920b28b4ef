package io.d2j.dhcp4.options;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every option definition the server knows, by space: Kea's built-in ones and those of {@code
 * option-def}. Immutable; a client class with its own {@code option-def} gets an overlay ({@link
 * #withOverlay}) that is searched first. Lookups follow Kea's order: the overlay, the built-in
 * definitions of the space, the vendor definitions of a {@code vendor-N} space, the global {@code
 * option-def}, and last option 43's fallback definition.
 */
public final class OptionSpaces {

  public static final String DHCP4 = "dhcp4";

  /** Option 82's sub-options (RFC 3046). */
  public static final String AGENT = "dhcp-agent-options-space";

  /** Option 43's sub-options when no option-def gives option 43 a space of its own. */
  public static final String VENDOR_ENCAPSULATED = "vendor-encapsulated-options-space";

  /** CableLabs' DOCSIS 3 sub-options; also what {@code vendor-4491} means. */
  public static final String DOCSIS3_V4 = "docsis3-v4";

  private static final String VENDOR_PREFIX = "vendor-";
  private static final long CABLE_LABS = 4491;

  private final Map<String, Map<Integer, OptionDef>> builtInByCode;
  private final Map<String, Map<String, OptionDef>> builtInByName;
  private final Map<String, Map<Integer, OptionDef>> runtimeByCode;
  private final Map<String, Map<String, OptionDef>> runtimeByName;
  private final Map<String, Map<Integer, OptionDef>> overlayByCode;
  private final Map<String, Map<String, OptionDef>> overlayByName;
  private final List<OptionDef> runtime;
  private final OptionDef lastResort43 = StandardOptionDefs.vendorEncapsulatedLastResort();

  private OptionSpaces(List<OptionDef> builtIn, List<OptionDef> runtime, List<OptionDef> overlay) {
    this.builtInByCode = byCode(builtIn);
    this.builtInByName = byName(builtIn);
    this.runtimeByCode = byCode(runtime);
    this.runtimeByName = byName(runtime);
    this.overlayByCode = byCode(overlay);
    this.overlayByName = byName(overlay);
    this.runtime = List.copyOf(runtime);
  }

  /** Kea's built-in definitions only. */
  public static OptionSpaces standard() {
    List<OptionDef> all = new ArrayList<>(StandardOptionDefs.dhcp4());
    all.addAll(StandardOptionDefs.docsis3());
    return new OptionSpaces(all, List.of(), List.of());
  }

  /** These definitions with the global {@code option-def} entries added. */
  public OptionSpaces withRuntime(List<OptionDef> definitions) {
    List<OptionDef> builtIn = new ArrayList<>();
    builtInByCode.values().forEach(m -> builtIn.addAll(m.values()));
    return new OptionSpaces(builtIn, definitions, List.of());
  }

  /** These definitions with a client class's {@code option-def} searched first. */
  public OptionSpaces withOverlay(List<OptionDef> definitions) {
    if (definitions.isEmpty()) {
      return this;
    }
    List<OptionDef> builtIn = new ArrayList<>();
    builtInByCode.values().forEach(m -> builtIn.addAll(m.values()));
    return new OptionSpaces(builtIn, runtime, definitions);
  }

  /** The global {@code option-def} entries. */
  public List<OptionDef> runtimeDefinitions() {
    return runtime;
  }

  public Optional<OptionDef> byCode(String space, int code) {
    OptionDef d = find(overlayByCode, space, code);
    if (d == null) {
      d = find(builtInByCode, space, code);
    }
    if (d == null && isCableLabs(space)) {
      d = find(builtInByCode, DOCSIS3_V4, code);
    }
    if (d == null) {
      d = find(runtimeByCode, space, code);
    }
    if (d == null && DHCP4.equals(space) && code == 43) {
      d = lastResort43;
    }
    return Optional.ofNullable(d);
  }

  public Optional<OptionDef> byName(String space, String name) {
    OptionDef d = find(overlayByName, space, name);
    if (d == null) {
      d = find(builtInByName, space, name);
    }
    if (d == null && isCableLabs(space)) {
      d = find(builtInByName, DOCSIS3_V4, name);
    }
    if (d == null) {
      d = find(runtimeByName, space, name);
    }
    if (d == null && DHCP4.equals(space) && lastResort43.name().equals(name)) {
      d = lastResort43;
    }
    return Optional.ofNullable(d);
  }

  /** Kea reads option 125's enterprise 4491 with the DOCSIS 3 definitions. */
  private static boolean isCableLabs(String space) {
    OptionalLong id = vendorId(space);
    return id.isPresent() && id.getAsLong() == CABLE_LABS;
  }

  /** Whether Kea has this definition built in (option-def must not redefine it). */
  public boolean isBuiltIn(String space, int code) {
    return find(builtInByCode, space, code) != null;
  }

  /** Whether Kea has a definition of this name built in. */
  public boolean isBuiltIn(String space, String name) {
    return find(builtInByName, space, name) != null;
  }

  /** The enterprise number of a {@code vendor-N} space. */
  public static OptionalLong vendorId(String space) {
    if (!space.startsWith(VENDOR_PREFIX) || space.length() == VENDOR_PREFIX.length()) {
      return OptionalLong.empty();
    }
    String digits = space.substring(VENDOR_PREFIX.length());
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return OptionalLong.empty();
      }
    }
    try {
      long id = Long.parseLong(digits);
      return id <= 0xFFFF_FFFFL ? OptionalLong.of(id) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The space of enterprise {@code id}'s options in option 125. */
  public static String vendorSpace(long id) {
    return VENDOR_PREFIX + id;
  }

  /**
   * Whether {@code name} may name an option or a space: letters, digits, '-' and '_', not starting
   * or ending with '-' or '_'.
   */
  public static boolean validName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    char first = name.charAt(0);
    char last = name.charAt(name.length() - 1);
    return first != '-' && first != '_' && last != '-' && last != '_';
  }

  private static <K> OptionDef find(Map<String, Map<K, OptionDef>> map, String space, K key) {
    Map<K, OptionDef> m = map.get(space);
    return m == null ? null : m.get(key);
  }

  private static Map<String, Map<Integer, OptionDef>> byCode(List<OptionDef> defs) {
    Map<String, Map<Integer, OptionDef>> out = new HashMap<>();
    for (OptionDef d : defs) {
      out.computeIfAbsent(d.space(), s -> new HashMap<>()).put(d.code(), d);
    }
    return out;
  }

  private static Map<String, Map<String, OptionDef>> byName(List<OptionDef> defs) {
    Map<String, Map<String, OptionDef>> out = new HashMap<>();
    for (OptionDef d : defs) {
      out.computeIfAbsent(d.space(), s -> new HashMap<>()).put(d.name(), d);
    }
    return out;
  }
}
