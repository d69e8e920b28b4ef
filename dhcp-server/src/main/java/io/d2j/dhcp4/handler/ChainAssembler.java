package io.d2j.dhcp4.handler;

import io.d2j.dhcp4.config.PluginSpec;
import io.d2j.keaconfig.ConfigMap;
import io.d2j.keaconfig.KeaConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place the chain's order is decided (STYLE.md #9). Fixed slots first, each filled by the
 * plugin of that name when the catalog has one:
 *
 * <ol>
 *   <li>{@code classify}: the query's client classes before subnet selection (ALL, VENDOR_CLASS_*,
 *       tests that need no host reservation); drops class DROP;
 *   <li>{@code ha}: High Availability scope filtering: drops queries outside the scopes served;
 *   <li>{@code ddns-naming}: reads option 81/12 and leaves allocation the function that names the
 *       lease (names depend on the subnet and address allocation chooses);
 *   <li>{@code allocation}: subnet selection, leases (with their names), message type, yiaddr;
 *   <li>{@code lease-times}: options 51, 58, 59;
 *   <li>{@code options}: server identifier, subnet mask, option-data, option 61/82 echo;
 *   <li>{@code ddns}: option 81 or 12 in the reply, from the lease's name (NameChangeRequests leave
 *       through the runtime's lease events).
 * </ol>
 *
 * Then the third-party plugins the configuration enables ({@code hooks-libraries} entries named
 * {@code d2j:NAME}), in file order.
 */
public final class ChainAssembler {

  /** The built-in slots in chain order. */
  public static final List<String> SLOTS =
      List.of("classify", "ha", "ddns-naming", "allocation", "lease-times", "options", "ddns");

  private ChainAssembler() {}

  /**
   * Builds the chain for {@code context.config()}.
   *
   * @throws io.d2j.keaconfig.ConfigException at the {@code library} of an enabled plugin that the
   *     catalog lacks or that names a built-in slot
   */
  public static HandlerChain assemble(PluginCatalog catalog, PluginContext context) {
    List<HandlerChain.Link> links = new ArrayList<>();
    ConfigMap noArgs = KeaConfigReader.parse("{}", "built-in");
    for (String slot : SLOTS) {
      Optional<DhcpPlugin> plugin = catalog.find(slot);
      plugin.ifPresent(p -> links.add(new HandlerChain.Link(slot, p.parse(noArgs, context))));
    }
    for (PluginSpec spec : context.config().plugins()) {
      if (SLOTS.contains(spec.name())) {
        throw spec.library()
            .error(
                "'"
                    + spec.name()
                    + "' is a built-in slot of the handler"
                    + " chain and cannot be enabled as a hook library");
      }
      DhcpPlugin plugin =
          catalog
              .find(spec.name())
              .orElseThrow(
                  () ->
                      spec.library()
                          .error(
                              "no d2j plugin named '"
                                  + spec.name()
                                  + "' is installed (known: "
                                  + String.join(", ", catalog.names())
                                  + ")"));
      links.add(new HandlerChain.Link(spec.name(), plugin.parse(spec.args(), context)));
    }
    return new HandlerChain(links);
  }
}
