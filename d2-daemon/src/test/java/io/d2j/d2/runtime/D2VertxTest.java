package io.d2j.d2.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
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
}
