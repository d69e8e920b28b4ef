package io.d2j.d2.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.impl.SysProps;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.logging.SLF4JLogDelegateFactory;
import org.junit.jupiter.api.Test;

/** The Vert.x a D2 runs on, and how the command line sets it up (issue 14, start-up). */
class D2VertxTest {

  @Test
  void noFileCacheDirectory() {
    Vertx vertx = D2Daemon.newVertx();
    try {
      // Vert.x's default makes vertx-cache-<UUID> under java.io.tmpdir at every start.
      assertThat(((VertxInternal) vertx).fileResolver())
          .extracting("cache")
          .as("the class-path file cache")
          .isNull();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void defaultVertxWouldHaveMadeOne() {
    Vertx vertx = Vertx.vertx();
    try {
      assertThat(((VertxInternal) vertx).fileResolver()).extracting("cache").isNotNull();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void jdkResolverUnlessTheOperatorChose() {
    String before = System.getProperty(Main.VERTX_DNS_RESOLVER_OFF);
    try {
      System.clearProperty(Main.VERTX_DNS_RESOLVER_OFF);
      Main.selectJdkResolver();
      assertThat(System.getProperty(Main.VERTX_DNS_RESOLVER_OFF)).isEqualTo("true");

      System.setProperty(Main.VERTX_DNS_RESOLVER_OFF, "false");
      Main.selectJdkResolver();
      assertThat(System.getProperty(Main.VERTX_DNS_RESOLVER_OFF)).isEqualTo("false");
    } finally {
      if (before == null) {
        System.clearProperty(Main.VERTX_DNS_RESOLVER_OFF);
      } else {
        System.setProperty(Main.VERTX_DNS_RESOLVER_OFF, before);
      }
    }
  }

  @Test
  void vertxDefaultsAreWhatVertxWouldWorkOutUnlessTheOperatorChose() {
    String cache = System.getProperty(Main.VERTX_CACHE_DIR_BASE);
    String log = System.getProperty(Main.VERTX_LOG_DELEGATE);
    try {
      System.clearProperty(Main.VERTX_CACHE_DIR_BASE);
      System.clearProperty(Main.VERTX_LOG_DELEGATE);
      String vertxOwn = SysProps.FILE_CACHE_DIR.get();
      Main.vertxDefaults();
      assertThat(System.getProperty(Main.VERTX_CACHE_DIR_BASE)).isEqualTo(vertxOwn);
      assertThat(System.getProperty(Main.VERTX_LOG_DELEGATE))
          .isEqualTo(SLF4JLogDelegateFactory.class.getName());
      // Vert.x tries SLF4J first and takes it when it is available, as it is here.
      assertThat(new SLF4JLogDelegateFactory().isAvailable()).isTrue();

      System.setProperty(Main.VERTX_CACHE_DIR_BASE, "/elsewhere");
      System.setProperty(Main.VERTX_LOG_DELEGATE, "io.vertx.core.logging.JULLogDelegateFactory");
      Main.vertxDefaults();
      assertThat(System.getProperty(Main.VERTX_CACHE_DIR_BASE)).isEqualTo("/elsewhere");
      assertThat(System.getProperty(Main.VERTX_LOG_DELEGATE))
          .isEqualTo("io.vertx.core.logging.JULLogDelegateFactory");
    } finally {
      restore(Main.VERTX_CACHE_DIR_BASE, cache);
      restore(Main.VERTX_LOG_DELEGATE, log);
    }
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
