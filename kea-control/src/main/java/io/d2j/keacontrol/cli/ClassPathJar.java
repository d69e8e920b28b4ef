package io.d2j.keacontrol.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Writes a program's class path as one jar (issue 14, start-to-serving): the D2's class path is 39
 * jars, and every class-path search a library makes as it starts (Vert.x's transport probes and
 * service lookups: 9 before the NCR port) opens each of them, reads its manifest and central
 * directory and runs the JIT over that code; one jar is one of each (dhcp4's class path, 41 jars,
 * likewise). The package's trainer ({@code d2j-cds-archives}) makes it for each daemon beside the
 * class-data-sharing archive, through the launcher ({@code D2J_JAR_DUMP=FILE}), and the launcher
 * then runs the program from it.
 *
 * <p>The jar holds what the class path offers, in its order: the first jar's entry of a name wins,
 * as the class loader's search would; {@code META-INF/services/} files and Netty's {@code
 * META-INF/io.netty.versions.properties}, which are read from every jar that has one, are
 * concatenated instead. Dropped: the inputs' manifests (the jar's own says {@code Multi-Release:
 * true} if any input was multi-release, and the versioned entries of inputs that were not are left
 * out), jar indexes ({@code META-INF/INDEX.LIST}, which would describe one input's packages as the
 * whole jar's), signatures (which the merged jar cannot carry) and {@code module-info.class} files
 * (ignored on the class path). An input whose manifest has a {@code Class-Path} is refused, since
 * the jars it names would not be in the result.
 *
 * <pre>
 *   java -cp JAR:JAR:... io.d2j.keacontrol.cli.ClassPathJar OUT   (the class path's jars)
 *   java -cp ... io.d2j.keacontrol.cli.ClassPathJar OUT JAR...    (the jars named)
 * </pre>
 *
 * <p>OUT is written beside itself and renamed into place, so that a daemon running from the
 * previous one keeps reading the file it opened.
 */
public final class ClassPathJar {

  private static final Pattern DROPPED =
      Pattern.compile(
          "META-INF/MANIFEST\\.MF|META-INF/INDEX\\.LIST|META-INF/[^/]+\\.(SF|RSA|DSA|EC)"
              + "|META-INF/SIG-[^/]+|(.*/)?module-info\\.class");

  private ClassPathJar() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: ClassPathJar OUT [JAR...] (default: the class path's jars)");
      System.exit(2);
    }
    List<Path> jars = new ArrayList<>();
    if (args.length > 1) {
      for (int i = 1; i < args.length; i++) {
        jars.add(Path.of(args[i]));
      }
    } else {
      for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        if (e.endsWith(".jar")) {
          jars.add(Path.of(e));
        }
      }
    }
    write(Path.of(args[0]), jars);
  }

  /** Writes {@code jars}, in this order, to {@code out} as one jar. */
  public static void write(Path out, List<Path> jars) throws IOException {
    Map<String, ByteArrayOutputStream> concatenated = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    boolean multiRelease = false;
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (OutputStream file = Files.newOutputStream(tmp);
        JarOutputStream jar = new JarOutputStream(file)) {
      // The manifest goes first (JarInputStream looks for it there); its Multi-Release attribute
      // depends on the inputs, so they are read once before writing.
      // Opened without a runtime version: entries under their own names, META-INF/versions/ too.
      List<JarFile> opened = new ArrayList<>();
      List<Boolean> versioned = new ArrayList<>();
      try {
        for (Path p : jars) {
          JarFile in = new JarFile(p.toFile());
          opened.add(in);
          Manifest m = in.getManifest();
          Attributes main = m == null ? new Attributes() : m.getMainAttributes();
          if (main.getValue(Attributes.Name.CLASS_PATH) != null) {
            throw new IOException(p + ": its manifest names a Class-Path, not merged");
          }
          versioned.add("true".equalsIgnoreCase(main.getValue(Attributes.Name.MULTI_RELEASE)));
          multiRelease |= versioned.get(versioned.size() - 1);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
          manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        jar.putNextEntry(new JarEntry(JarFile.MANIFEST_NAME));
        manifest.write(jar);
        jar.closeEntry();
        seen.add(JarFile.MANIFEST_NAME);
        for (int i = 0; i < opened.size(); i++) {
          copy(opened.get(i), versioned.get(i), jar, seen, concatenated);
        }
      } finally {
        for (JarFile in : opened) {
          in.close();
        }
      }
      for (Map.Entry<String, ByteArrayOutputStream> e : concatenated.entrySet()) {
        jar.putNextEntry(new JarEntry(e.getKey()));
        e.getValue().writeTo(jar);
        jar.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void copy(
      JarFile in,
      boolean versioned,
      JarOutputStream jar,
      Set<String> seen,
      Map<String, ByteArrayOutputStream> cat)
      throws IOException {
    for (JarEntry e : (Iterable<JarEntry>) in.stream()::iterator) {
      String name = e.getName();
      if (DROPPED.matcher(name).matches()
          || (!versioned && name.startsWith("META-INF/versions/"))) {
        continue;
      }
      if (!e.isDirectory() && concatenated(name)) {
        ByteArrayOutputStream buf = cat.computeIfAbsent(name, n -> new ByteArrayOutputStream());
        try (InputStream s = in.getInputStream(e)) {
          byte[] bytes = s.readAllBytes();
          buf.write(bytes);
          if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            buf.write('\n');
          }
        }
        continue;
      }
      if (!seen.add(name)) {
        continue;
      }
      ZipEntry out = new ZipEntry(name);
      out.setTime(e.getTime());
      jar.putNextEntry(out);
      if (!e.isDirectory()) {
        try (InputStream s = in.getInputStream(e)) {
          s.transferTo(jar);
        }
      }
      jar.closeEntry();
    }
  }

  private static boolean concatenated(String name) {
    return name.startsWith("META-INF/services/")
        || name.equals("META-INF/io.netty.versions.properties");
  }
}
