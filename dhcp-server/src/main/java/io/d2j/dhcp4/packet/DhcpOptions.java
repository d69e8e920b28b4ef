package io.d2j.dhcp4.packet;

import io.d2j.dhcp4.Octets;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The options of one message: payloads by code, in the order they first appeared (or were added),
 * each the whole value after RFC 3396 concatenation. Pad (0), end (255) and overload (52) are wire
 * details {@link DhcpCodec} handles and never appear here. Payloads of the options this class has
 * typed accessors for are length-checked on construction, so the accessors cannot fail.
 *
 * <p>Wire example, a DISCOVER's options after the magic cookie: {@code 35 01 01 | 37 03 01 03 06 |
 * ff} is message type DISCOVER and a parameter request list of subnet mask, router, DNS servers.
 */
public final class DhcpOptions {
  /** No options. */
  public static final DhcpOptions EMPTY = new DhcpOptions(new int[0], new Octets[0], 0);

  // Parallel arrays in wire order, the first size entries used. A message carries a few dozen
  // options at most, so a linear search beats hashing boxed codes. A builder hands its arrays
  // over on build and copies them before its next change, so a handler's change to a reply costs
  // one copy of two small arrays (C1, which runs this server, allocates every map entry and
  // iterator for real). Nothing writes to the arrays once they are here.
  private final int[] codes;
  private final Octets[] payloads;
  private final int size;

  private DhcpOptions(int[] codes, Octets[] payloads, int size) {
    this.codes = codes;
    this.payloads = payloads;
    this.size = size;
  }

  /**
   * Options from code → payload, in the map's iteration order.
   *
   * @throws IllegalArgumentException {@code option 53: length 2, expected 1}, {@code option 52: the
   *     option overload is written by the codec, not set by callers}
   */
  public static DhcpOptions of(Map<Integer, Octets> options) {
    Builder b = new Builder(EMPTY);
    options.forEach(b::put);
    return b.build();
  }

  static String problem(int code, Octets value) {
    if (code <= OptionCodes.PAD || code >= OptionCodes.END) {
      return "code must be 1-254 (0 and 255 are pad and end)";
    }
    if (code == OptionCodes.OVERLOAD) {
      return "the option overload is written by the codec, not set by callers";
    }
    return OptionCodes.lengthProblem(code, value.length());
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder(EMPTY);
  }

  /** The payload of option {@code code}. */
  public Optional<Octets> get(int code) {
    return Optional.ofNullable(find(code));
  }

  /**
   * The payload of option {@code code}, or null when absent: for code that runs per packet, where
   * {@link #get} would allocate an {@code Optional}.
   */
  public Octets find(int code) {
    int i = indexOf(codes, size, code);
    return i < 0 ? null : payloads[i];
  }

  /** Whether option {@code code} is present. */
  public boolean has(int code) {
    return indexOf(codes, size, code) >= 0;
  }

  /** Code → payload, in order; an unmodifiable copy made on each call. */
  public Map<Integer, Octets> asMap() {
    Map<Integer, Octets> out = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      out.put(codes[i], payloads[i]);
    }
    return Collections.unmodifiableMap(out);
  }

  /** The number of distinct options. */
  public int size() {
    return size;
  }

  /** The code of the {@code index}-th option in order, 0 ≤ index < {@link #size}. */
  public int codeAt(int index) {
    Objects.checkIndex(index, size);
    return codes[index];
  }

  /** The payload of the {@code index}-th option in order, 0 ≤ index < {@link #size}. */
  public Octets payloadAt(int index) {
    Objects.checkIndex(index, size);
    return payloads[index];
  }

  private static int indexOf(int[] codes, int size, int code) {
    for (int i = 0; i < size; i++) {
      if (codes[i] == code) {
        return i;
      }
    }
    return -1;
  }

  /** Option 53, or empty when absent or a value no RFC assigns. */
  public Optional<DhcpMessageType> messageType() {
    Octets v = find(OptionCodes.MESSAGE_TYPE);
    return v == null ? Optional.empty() : DhcpMessageType.fromCode(v.get(0));
  }

  /** Option 50, the address a client asks for. */
  public Optional<Inet4Address> requestedAddress() {
    return address(OptionCodes.REQUESTED_ADDRESS);
  }

  /** Option 54. */
  public Optional<Inet4Address> serverIdentifier() {
    return address(OptionCodes.SERVER_IDENTIFIER);
  }

  /** Option 51, seconds. */
  public OptionalLong leaseTime() {
    return uint32(OptionCodes.LEASE_TIME);
  }

  /** Option 58 (T1), seconds. */
  public OptionalLong renewalTime() {
    return uint32(OptionCodes.RENEWAL_TIME);
  }

  /** Option 59 (T2), seconds. */
  public OptionalLong rebindingTime() {
    return uint32(OptionCodes.REBINDING_TIME);
  }

  /** Option 55: the codes the client asks for, in its order; empty when absent. */
  public List<Integer> parameterRequestList() {
    Octets v = find(OptionCodes.PARAMETER_REQUEST_LIST);
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; v != null && i < v.length(); i++) {
      codes.add(v.get(i));
    }
    return List.copyOf(codes);
  }

  /** Whether option 55 lists {@code code}; {@link #parameterRequestList} without the list. */
  public boolean requests(int code) {
    Octets v = find(OptionCodes.PARAMETER_REQUEST_LIST);
    for (int i = 0; v != null && i < v.length(); i++) {
      if (v.get(i) == code) {
        return true;
      }
    }
    return false;
  }

  /**
   * Option 57 as sent. RFC 2132 §9.10 makes 576 the minimum legal value; a reply's size limit is
   * {@link DhcpCodec#replySizeLimit}, which applies that floor.
   */
  public OptionalInt maxMessageSize() {
    Octets v = find(OptionCodes.MAX_MESSAGE_SIZE);
    return v == null ? OptionalInt.empty() : OptionalInt.of((v.get(0) << 8) | v.get(1));
  }

  /** Option 61, the whole payload including its type octet (as Kea stores it). */
  public Optional<Octets> clientIdentifier() {
    return get(OptionCodes.CLIENT_IDENTIFIER);
  }

  /** Option 12 as text; octets outside ASCII decode as U+FFFD (sanitising is the DDNS layer's). */
  public Optional<String> hostName() {
    return text(OptionCodes.HOST_NAME);
  }

  /** Option 15 as text. */
  public Optional<String> domainName() {
    return text(OptionCodes.DOMAIN_NAME);
  }

  /** Option 81 raw (flags, RCODE1, RCODE2, name); RFC 4702 parsing belongs to the DDNS layer. */
  public Optional<Octets> clientFqdn() {
    return get(OptionCodes.CLIENT_FQDN);
  }

  /** Option 82 raw, to be echoed back unchanged (RFC 3046 §2.2). */
  public Optional<Octets> relayAgentInformation() {
    return get(OptionCodes.RELAY_AGENT_INFORMATION);
  }

  /** Option 1. */
  public Optional<Inet4Address> subnetMask() {
    return address(OptionCodes.SUBNET_MASK);
  }

  /** Option 28. */
  public Optional<Inet4Address> broadcastAddress() {
    return address(OptionCodes.BROADCAST_ADDRESS);
  }

  /** Option 3. */
  public List<Inet4Address> routers() {
    return addresses(OptionCodes.ROUTER);
  }

  /** Option 6. */
  public List<Inet4Address> domainNameServers() {
    return addresses(OptionCodes.DOMAIN_NAME_SERVER);
  }

  /** Every four octets of option {@code code} as an address; empty when absent. */
  public List<Inet4Address> addresses(int code) {
    Octets v = find(code);
    List<Inet4Address> out = new ArrayList<>();
    for (int i = 0; v != null && i + 4 <= v.length(); i += 4) {
      out.add(toAddress(v.slice(i, 4).toByteArray()));
    }
    return List.copyOf(out);
  }

  private Optional<Inet4Address> address(int code) {
    Octets v = find(code);
    return v == null ? Optional.empty() : Optional.of(toAddress(v.toByteArray()));
  }

  private OptionalLong uint32(int code) {
    Octets v = find(code);
    return v == null
        ? OptionalLong.empty()
        : OptionalLong.of(
            ((long) v.get(0) << 24) | ((long) v.get(1) << 16) | (v.get(2) << 8) | v.get(3));
  }

  private Optional<String> text(int code) {
    Octets v = find(code);
    return v == null
        ? Optional.empty()
        : Optional.of(new String(v.toByteArray(), StandardCharsets.US_ASCII));
  }

  static Inet4Address toAddress(byte[] four) {
    try {
      return (Inet4Address) InetAddress.getByAddress(four);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address of " + four.length + " octets", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    // Order is part of the value: it is what goes on the wire.
    return o instanceof DhcpOptions other
        && Arrays.equals(codes, 0, size, other.codes, 0, other.size)
        && Arrays.equals(payloads, 0, size, other.payloads, 0, other.size);
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < size; i++) {
      h = 31 * (31 * h + codes[i]) + payloads[i].hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      sb.append(i == 0 ? "" : ", ").append(codes[i]).append('=').append(payloads[i]);
    }
    return sb.append('}').toString();
  }

  /** Collects options in insertion order; putting a code again replaces its payload in place. */
  public static final class Builder {
    /** Option 53's payload for each message type, by ordinal: every reply sets one. */
    private static final Octets[] MESSAGE_TYPES = new Octets[DhcpMessageType.values().length];

    static {
      for (DhcpMessageType t : DhcpMessageType.values()) {
        MESSAGE_TYPES[t.ordinal()] = Octets.of((byte) t.code());
      }
    }

    private int[] codes;
    private Octets[] payloads;
    private int size;

    /** Whether the arrays belong to a built DhcpOptions too: copy them before any change. */
    private boolean shared;

    private Builder(DhcpOptions start) {
      this.codes = start.codes;
      this.payloads = start.payloads;
      this.size = start.size;
      this.shared = true;
    }

    /** Makes the arrays this builder's own, with room for {@code room} options. */
    private void own(int room) {
      codes = Arrays.copyOf(codes, room);
      payloads = Arrays.copyOf(payloads, room);
      shared = false;
    }

    /** Sets option {@code code} to {@code value}. */
    public Builder put(int code, Octets value) {
      Objects.requireNonNull(value, "value");
      int i = indexOf(codes, size, code);
      if (shared) {
        own(size + 4); // handlers add a few options each
      }
      if (i >= 0) {
        payloads[i] = value;
        return this;
      }
      if (size == codes.length) {
        own(2 * size + 4);
      }
      codes[size] = code;
      payloads[size++] = value;
      return this;
    }

    /** Sets option {@code code} to raw {@code bytes}. */
    public Builder put(int code, byte... bytes) {
      return put(code, Octets.of(bytes));
    }

    /** Whether option {@code code} is set. */
    public boolean has(int code) {
      return indexOf(codes, size, code) >= 0;
    }

    /** The payload of option {@code code} set so far. */
    public Optional<Octets> get(int code) {
      return Optional.ofNullable(find(code));
    }

    /** The payload of option {@code code} set so far, or null. */
    Octets find(int code) {
      int i = indexOf(codes, size, code);
      return i < 0 ? null : payloads[i];
    }

    /** Removes option {@code code}. */
    public Builder remove(int code) {
      int i = indexOf(codes, size, code);
      if (i >= 0) {
        if (shared) {
          own(size + 4);
        }
        System.arraycopy(codes, i + 1, codes, i, size - i - 1);
        System.arraycopy(payloads, i + 1, payloads, i, size - i - 1);
        payloads[--size] = null;
      }
      return this;
    }

    /** The index of the first option whose payload is not valid for its code, or -1. */
    int firstInvalid() {
      for (int i = 0; i < size; i++) {
        if (problem(codes[i], payloads[i]) != null) {
          return i;
        }
      }
      return -1;
    }

    /** The code of the {@code index}-th option set so far. */
    int codeAt(int index) {
      return codes[index];
    }

    /** The payload of the {@code index}-th option set so far. */
    Octets payloadAt(int index) {
      return payloads[index];
    }

    /** Option 53. */
    public Builder messageType(DhcpMessageType type) {
      return put(OptionCodes.MESSAGE_TYPE, MESSAGE_TYPES[type.ordinal()]);
    }

    /** A one-address option (1, 28, 50, 54, ...). */
    public Builder address(int code, Inet4Address address) {
      return put(code, Octets.of(address));
    }

    /** An address-list option (3, 6, ...). */
    public Builder addresses(int code, List<Inet4Address> addresses) {
      byte[] out = new byte[addresses.size() * 4];
      for (int i = 0; i < addresses.size(); i++) {
        System.arraycopy(addresses.get(i).getAddress(), 0, out, 4 * i, 4);
      }
      return put(code, out);
    }

    /** A 32-bit unsigned option (51, 58, 59). */
    public Builder uint32(int code, long value) {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("option " + code + ": " + value + " is not a uint32");
      }
      return put(code, Octets.ofUnsigned(value, 4));
    }

    /** A 16-bit unsigned option (57). */
    public Builder uint16(int code, int value) {
      if (value < 0 || value > 0xFFFF) {
        throw new IllegalArgumentException("option " + code + ": " + value + " is not a uint16");
      }
      return put(code, Octets.ofUnsigned(value, 2));
    }

    /** A text option (12, 15, ...), ASCII. */
    public Builder text(int code, String text) {
      return put(code, text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException as {@link DhcpOptions#of}
     */
    public DhcpOptions build() {
      int bad = firstInvalid();
      if (bad >= 0) {
        throw new IllegalArgumentException(
            "option " + codes[bad] + ": " + problem(codes[bad], payloads[bad]));
      }
      shared = true;
      return new DhcpOptions(codes, payloads, size);
    }
  }
}
