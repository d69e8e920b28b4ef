package io.d2j.dhcp4.options;

import java.util.List;
import java.util.Objects;

/**
 * One option definition: a standard one, or one from {@code option-def} (global or in a client
 * class).
 *
 * @param name the option's name in its space
 * @param code 0-255 (DHCPv4 option and sub-option codes are one octet)
 * @param space the option space it belongs to ({@code dhcp4}, {@code vendor-4491}, any name)
 * @param type the data type; {@link OptionDataType#RECORD} for a record of {@code recordTypes}
 * @param array whether the (last) field repeats
 * @param recordTypes the fields of a record, empty otherwise
 * @param encapsulate the option space whose options this option carries after its fields, or ""
 */
public record OptionDef(
    String name,
    int code,
    String space,
    OptionDataType type,
    boolean array,
    List<OptionDataType> recordTypes,
    String encapsulate) {

  public OptionDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(encapsulate, "encapsulate");
    recordTypes = List.copyOf(recordTypes);
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException("option code " + code + " is outside 0-255");
    }
  }

  static OptionDef of(String name, int code, String space, OptionDataType type, boolean array) {
    return new OptionDef(name, code, space, type, array, List.of(), "");
  }

  static OptionDef record(
      String name, int code, String space, boolean array, OptionDataType... fields) {
    return new OptionDef(name, code, space, OptionDataType.RECORD, array, List.of(fields), "");
  }

  static OptionDef container(String name, int code, String space, String encapsulated) {
    return new OptionDef(name, code, space, OptionDataType.EMPTY, false, List.of(), encapsulated);
  }

  /** Whether the option carries options of another space. */
  public boolean encapsulates() {
    return !encapsulate.isEmpty();
  }

  /** The field types in order (one for a non-record type, none for {@code empty}). */
  public List<OptionDataType> fields() {
    if (type == OptionDataType.RECORD) {
      return recordTypes;
    }
    return type == OptionDataType.EMPTY ? List.of() : List.of(type);
  }

  /**
   * Octets before the encapsulated options when every field has a fixed size and the option is not
   * an array; -1 otherwise (then nothing can follow the fields).
   */
  public int fixedFieldsSize() {
    if (array) {
      return -1;
    }
    int size = 0;
    for (OptionDataType t : fields()) {
      if (t.fixedSize() < 0) {
        return -1;
      }
      size += t.fixedSize();
    }
    return size;
  }

  /** Whether values of this option are text (Kea's {@code OptionString}: trailing NULs cut). */
  public boolean isString() {
    return type == OptionDataType.STRING && !array;
  }
}
