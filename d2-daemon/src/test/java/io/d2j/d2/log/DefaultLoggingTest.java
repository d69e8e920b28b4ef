package io.d2j.d2.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.Configurator;
import io.d2j.keacontrol.logging.StdoutConfigurator;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The D2's jar sets up its built-in logging in code, not by a logback.xml (issue 14). */
class DefaultLoggingTest {

  @Test
  void theDaemonsJar_namesTheStdoutConfiguratorToLogback_andCarriesNoLogbackXml() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .containsExactly(StdoutConfigurator.class);
    assertThat(getClass().getClassLoader().getResource("logback.xml")).isNull();
  }
}
