package io.github.authkitservlet.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.net.URI;
import java.net.URL;
import org.apache.catalina.util.ServerInfo;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample WAR on embedded Tomcat (same JVM), walked over HTTP against the emulator. Failsafe runs
 * this class twice (sample-war/pom.xml): on Tomcat 10.1 in execution {@code default} and on Tomcat 11
 * in execution {@code tomcat11}, which swaps the Tomcat jars on the test class path.
 */
@ExtendWith(ArquillianExtension.class)
class SampleOnTomcatIT extends SampleFlowsContract {

  // Started before Arquillian deploys: the deployment's web.xml needs its port.
  private static final AuthKitEmulator WORKOS = AuthKitEmulator.builder()
      .port(0)
      .accessTokenLifetime(SampleFlowsContract.ACCESS_TOKEN_LIFETIME)
      .start();

  @ArquillianResource
  private URL deployment;

  @Deployment(testable = false)
  static WebArchive sample() {
    return SampleWar.pointedAt(WORKOS);
  }

  @AfterAll
  static void stopEmulator() {
    WORKOS.close();
  }

  @Override
  AuthKitEmulator workos() {
    return WORKOS;
  }

  @Override
  URI app() {
    return SampleWar.onLocalhost(deployment);
  }

  /** Tomcat has no CDI: AuthKit creates the listener named in web.xml. */
  @Override
  String listenerCreatedBy() {
    return "AuthKit, from workos.listeners";
  }

  /**
   * The flows above prove a Tomcat release only if that release really served them: a class path swap
   * that silently kept the other Tomcat would otherwise pass unnoticed. Embedded Tomcat shares this JVM,
   * so its ServerInfo is the running server's.
   */
  @Test
  void servedByTheTomcatThisExecutionNames() {
    String expected = System.getProperty("expected.tomcat.version");
    assertNotNull(expected, "expected.tomcat.version is set by the failsafe execution: run with mvn verify");
    assertEquals("Apache Tomcat/" + expected, ServerInfo.getServerInfo());
  }
}
