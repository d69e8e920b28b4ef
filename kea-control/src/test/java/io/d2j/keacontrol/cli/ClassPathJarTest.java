package io.d2j.keacontrol.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathJarTest {

  @TempDir Path dir;

  @Test
  void firstJarWins_servicesConcatenated_multiReleaseKept() throws IOException {
    Path a =
        jar(
            "a.jar",
            manifest(Map.of("Multi-Release", "true", "Implementation-Title", "a")),
            Map.of(
                "p/A.class", "a's A",
                "p/Both.class", "a's Both",
                "META-INF/services/x.Spi", "p.A",
                "META-INF/versions/11/p/A.class", "a's A for 11",
                "META-INF/versions/11/module-info.class", "module a",
                "META-INF/INDEX.LIST", "JarIndex-Version: 1.0\n\na.jar\np\n"));
    Path b =
        jar(
            "b.jar",
            manifest(Map.of()),
            Map.of(
                "q/B.class", "b's B",
                "p/Both.class", "b's Both",
                "META-INF/services/x.Spi", "q.B\n",
                "META-INF/versions/11/q/B.class", "not a multi-release jar: never read",
                "META-INF/B.SF", "signature",
                "module-info.class", "module b"));
    Path out = dir.resolve("all.jar");

    ClassPathJar.write(out, List.of(a, b));

    try (JarFile all = new JarFile(out.toFile())) {
      assertThat(contents(all))
          .containsExactly(
              Map.entry(
                  "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n"),
              Map.entry("META-INF/versions/11/p/A.class", "a's A for 11"),
              Map.entry("p/A.class", "a's A"),
              Map.entry("p/Both.class", "a's Both"),
              Map.entry("q/B.class", "b's B"),
              Map.entry("META-INF/services/x.Spi", "p.A\nq.B\n"));
    }
    assertThat(dir.resolve("all.jar.tmp")).doesNotExist();
  }

  @Test
  void noMultiReleaseInput_noMultiReleaseAttribute() throws IOException {
    Path a = jar("a.jar", manifest(Map.of()), Map.of("p/A.class", "A"));
    Path out = dir.resolve("all.jar");

    ClassPathJar.write(out, List.of(a));

    try (JarFile all = new JarFile(out.toFile())) {
      assertThat(all.getManifest().getMainAttributes().getValue("Multi-Release")).isNull();
    }
  }

  @Test
  void classPathAttribute_refused_andNothingWritten() throws IOException {
    Path a = jar("a.jar", manifest(Map.of("Class-Path", "other.jar")), Map.of("p/A.class", "A"));
    Path out = dir.resolve("all.jar");

    assertThatThrownBy(() -> ClassPathJar.write(out, List.of(a)))
        .isInstanceOf(IOException.class)
        .hasMessage(a + ": its manifest names a Class-Path, not merged");
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("all.jar.tmp")).doesNotExist();
  }

  private static Manifest manifest(Map<String, String> attributes) {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
    return m;
  }

  private Path jar(String name, Manifest manifest, Map<String, String> entries) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
        jar.putNextEntry(new JarEntry(e.getKey()));
        jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    }
    return p;
  }

  private static Map<String, String> contents(JarFile jar) throws IOException {
    Map<String, String> all = new LinkedHashMap<>();
    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
      if (!e.isDirectory()) {
        all.put(
            e.getName(), new String(jar.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return all;
  }
}
