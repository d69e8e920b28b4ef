package io.d2j.migrate.convert;

/** Which server the input configures and the output is for. */
public enum Family {
  V4("Dhcp4", "subnet4", "dhcp4"),
  V6("Dhcp6", "subnet6", "dhcp6");

  private final String rootKey;
  private final String subnetKey;
  private final String space;

  Family(String rootKey, String subnetKey, String space) {
    this.rootKey = rootKey;
    this.subnetKey = subnetKey;
    this.space = space;
  }

  /** {@code Dhcp4} or {@code Dhcp6}. */
  public String rootKey() {
    return rootKey;
  }

  /** {@code subnet4} or {@code subnet6}. */
  public String subnetKey() {
    return subnetKey;
  }

  /** The standard option space, {@code dhcp4} or {@code dhcp6}. */
  public String space() {
    return space;
  }
}
