package io.d2j.d2.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.d2j.d2.config.JournalSettings;
import io.d2j.d2.config.JournalSettings.Fsync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JournalsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "default location,         true,  '',              /etc/kea/kea-dhcp-ddns.conf, /var/lib/d2j/kea-dhcp-ddns.conf.journal",
    "explicit path wins,       true,  /srv/d2.journal, /etc/kea/kea-dhcp-ddns.conf, /srv/d2.journal",
    "explicit path without file,  true,  /srv/d2.journal, '',                          /srv/d2.journal",
    "disabled,                 false, '',              /etc/kea/kea-dhcp-ddns.conf, ''",
    "disabled without file,      false, '',              '',                          ''",
  })
  void location(String name, boolean enabled, String path, String file, String expected)
      throws IOException {
    JournalSettings s =
        new JournalSettings(
            enabled, path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path)), Fsync.BATCH);
    Optional<Path> configFile = file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
    assertThat(Journals.location(s, configFile, Path.of("/var/lib/d2j")))
        .isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(Path.of(expected)));
  }

  @Test
  void enabledWithNeitherPathNorFile_isAnError() {
    JournalSettings s = new JournalSettings(true, Optional.empty(), Fsync.BATCH);
    assertThatThrownBy(() -> Journals.location(s, Optional.empty(), Path.of("/var/lib/d2j")))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "user-context.d2j.journal: no path given and no configuration file to name the journal"
                + " after; set journal.path or journal.enabled false");
  }
}
