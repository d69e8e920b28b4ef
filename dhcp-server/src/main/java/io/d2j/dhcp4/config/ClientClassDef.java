package io.d2j.dhcp4.config;

import io.d2j.dhcp4.classify.ClassTest;
import io.d2j.dhcp4.options.OptionDef;
import io.d2j.dhcp4.options.OptionSpaces;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code client-classes}.
 *
 * @param test the name, compiled test and {@code only-if-required}
 * @param options the class's option-data (they rank below the subnet's and above the globals')
 * @param optionDefs the class's own {@code option-def} (option 43 or 224-254 only)
 * @param definitions every definition in force for this class (its own searched first)
 * @param nextServer {@code next-server} (siaddr), if set
 * @param serverHostname {@code server-hostname} (sname), or ""
 * @param bootFileName {@code boot-file-name} (file), or ""
 * @param validLifetime the class's lifetime triplet, if set (the first class with one wins)
 */
public record ClientClassDef(
    ClassTest test,
    List<OptionData> options,
    List<OptionDef> optionDefs,
    OptionSpaces definitions,
    Optional<Inet4Address> nextServer,
    String serverHostname,
    String bootFileName,
    Optional<Lifetime> validLifetime) {

  public ClientClassDef {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(definitions, "definitions");
    Objects.requireNonNull(nextServer, "nextServer");
    Objects.requireNonNull(serverHostname, "serverHostname");
    Objects.requireNonNull(bootFileName, "bootFileName");
    Objects.requireNonNull(validLifetime, "validLifetime");
    options = List.copyOf(options);
    optionDefs = List.copyOf(optionDefs);
  }

  public String name() {
    return test.name();
  }
}
